"""What reading a CSV file yields: what `mapper.csvfile.sniff` learnt, batches of rows, and the
error for files that cannot be read. Plain data, no I/O; re-exported by `mapper.csvfile`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa


class CsvError(Exception):
    """A file that cannot be read as CSV; ``line`` is the physical line when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.message = message
        self.line = line


@dataclass(frozen=True)
class CsvInfo:
    """What `sniff` learnt about a file.

    ``encoding`` is a Python codec name ("utf-8", "utf-16-le", "cp1252", "shift_jis", ...);
    ``bom`` tells whether the file starts with a byte-order mark. ``header`` has one name per
    column: the first row when ``has_header``, else generated names "Column 1", "Column 2"...
    ``warnings`` are human-readable findings (tab delimiter, blank or duplicate headers).
    ``padded`` counts the blank names added at the end of a header row narrower than most rows.
    """

    path: Path
    encoding: str
    bom: bool
    delimiter: str
    has_header: bool
    header: tuple[str, ...]
    line_terminator: str
    warnings: tuple[str, ...] = ()
    # blank names added to ``header`` because most rows are wider than the header row
    padded: int = 0

    @property
    def columns(self) -> int:
        return len(self.header)


@dataclass(frozen=True)
class RaggedRow:
    """A record whose field count differs from the header's; it is left out of the batches."""

    line: int
    fields: int
    expected: int
    # the record as written (without its line end); kept only when the reader is asked to
    text: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Batch:
    """Consecutive data rows: one string array per column (empty cells are "").

    ``lines[i]`` is the physical line (1-based) on which row ``i`` starts, counting line
    breaks inside quoted fields; ``ragged`` holds the malformed records met in this stretch.
    """

    columns: tuple[pa.StringArray, ...]
    lines: pa.Int64Array
    ragged: tuple[RaggedRow, ...] = ()

    @property
    def num_rows(self) -> int:
        return len(self.lines)
