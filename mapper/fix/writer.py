"""Writing rows as UTF-8, comma-separated CSV, quoting a value only where it must be
quoted (a comma, a quote or a line break in it), a whole batch at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

_NEEDS_QUOTES = '[",\\r\\n]'


def needs_quotes(value: str, only_column: bool) -> bool:
    return any(ch in value for ch in '",\r\n') or (only_column and value == "")


def record_text(fields: list[str], terminator: str) -> str:
    """One record as text; a lone empty field is quoted, or the row would be a blank line
    (no fields at all: the blank line it was)."""
    only = len(fields) == 1
    quoted = ['"' + f.replace('"', '""') + '"' if needs_quotes(f, only) else f for f in fields]
    return ",".join(quoted) + terminator


def batch_bytes(columns: list[pa.Array], terminator: str) -> memoryview:
    """The rows of ``columns`` as CSV bytes, each ended by ``terminator``."""
    import numpy as np
    import pyarrow.compute as pc

    only = len(columns) == 1
    written = [_quoted(column, only) for column in columns]
    rows = pc.binary_join_element_wise(*written, ",") if len(written) > 1 else written[0]
    rows = pc.binary_join_element_wise(rows, terminator, "")
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int32)
    start, end = offsets[rows.offset], offsets[rows.offset + len(rows)]
    data = rows.buffers()[2]
    return memoryview(data)[start:end] if data is not None else memoryview(b"")


def _quoted(column: pa.Array, only_column: bool) -> pa.Array:
    import pyarrow.compute as pc

    needs = pc.match_substring_regex(column, _NEEDS_QUOTES)
    if only_column:
        needs = pc.or_(needs, pc.equal(column, ""))
    if not pc.any(needs).as_py():
        return column
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(column, '"', '""'), '"', "")
    return pc.if_else(needs, quoted, column)
