"""The CSV as the pre-flight reads it: ``mapper.csvfile``'s sniffing and batches, adapted.

Kept apart so that the checks see one small `ScanBatch` type, with numpy line numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mapper.csvfile import Batch, CsvInfo, CsvStream, ahead, read_batches, sniff
from mapper.frames import UploadLayout, string_batches
from mapper.preflight.scan import ScanBatch

__all__ = ["JOINED_BATCHES", "OpenedCsv", "OpenedFrame", "open_csv"]

# reader batches (~1 MiB each) checked as one: each check's fixed cost per call is then paid
# once per ~20,000 rows, not ~5,000 (on 1M rows, ~15 % less CPU; the join copies ~4 MiB)
JOINED_BATCHES = 4


@dataclass(frozen=True)
class OpenedCsv:
    info: CsvInfo
    # the file opened once (`mapper.csvfile.CsvStream`): its batches can be read once
    stream: CsvStream | None = None
    # whether each ragged record keeps its text (the report shows its cells)
    ragged_text: bool = False

    @property
    def header(self) -> tuple[str, ...]:
        return self.info.header

    @property
    def has_header(self) -> bool:
        return self.info.has_header

    @property
    def header_fields(self) -> int:
        """Fields of the header row itself: fewer than ``header`` when it was padded."""
        return len(self.info.header) - self.info.padded

    @property
    def delimiter(self) -> str:
        return self.info.delimiter

    @property
    def encoding(self) -> str:
        return self.info.encoding

    def batches(self) -> Iterator[ScanBatch]:
        """The file's batches, joined `JOINED_BATCHES` at a time and read one ahead in a
        thread (`mapper.csvfile.ahead`): parsing and joining the next batch overlap with
        checking this one, memory stays bounded."""
        read = read_batches(
            self.info.path, self.info, stream=self.stream, ragged_text=self.ragged_text
        )
        yield from ahead(_joined(read, JOINED_BATCHES))


def _joined(batches: Iterator[Batch], count: int) -> Iterator[ScanBatch]:
    """Runs of up to ``count`` consecutive batches as one, each column copied into one
    array (the checks read its buffers); a batch of another width (the records left over
    at the end) starts a run of its own."""
    run: list[Batch] = []
    for batch in batches:
        if run and (len(run) == count or len(batch.columns) != len(run[0].columns)):
            yield _scan_batch(run)
            run = []
        run.append(batch)
    if run:
        yield _scan_batch(run)


def _scan_batch(run: list[Batch]) -> ScanBatch:
    import numpy as np
    import pyarrow as pa

    lines = np.concatenate([batch.lines.to_numpy(zero_copy_only=False) for batch in run])
    ragged = tuple(row for batch in run for row in batch.ragged)
    if len(run) == 1:
        return ScanBatch(run[0].columns, lines, ragged)
    columns = [pa.concat_arrays(same) for same in zip(*(b.columns for b in run), strict=True)]
    return ScanBatch(columns, lines, ragged)


def open_csv(path: Path, stream: CsvStream | None = None, ragged_text: bool = False) -> OpenedCsv:
    """Sniff ``path`` (from ``stream`` when given); raises ``mapper.csvfile.CsvError`` when it
    is no CSV."""
    return OpenedCsv(sniff(path, stream), stream, ragged_text)


@dataclass(frozen=True)
class OpenedFrame:
    """A DataFrame read as the upload CSV `mapper.frames.write_upload_csv` writes for it:
    same header, strings and encoding, and each row's line in that file."""

    layout: UploadLayout

    @property
    def header(self) -> tuple[str, ...]:
        return self.layout.header

    has_header = True
    delimiter = ","

    @property
    def header_fields(self) -> int:
        return len(self.header)

    @property
    def encoding(self) -> str:
        return self.layout.codec

    def batches(self) -> Iterator[ScanBatch]:
        import numpy as np
        import pyarrow.compute as pc

        line = 2  # after the header
        for columns in string_batches(self.layout.frame, self.layout.formats):
            heights = np.ones(len(columns[0]) if columns else 0, dtype=np.int64)
            for column in columns:  # a value's line breaks stay inside its quotes
                heights += pc.count_substring(column, "\n").to_numpy(zero_copy_only=False)
            starts = line + np.cumsum(heights) - heights
            line += int(heights.sum())
            yield ScanBatch(columns, starts)
