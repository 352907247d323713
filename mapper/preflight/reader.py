"""The CSV as the pre-flight reads it: ``mapper.csvfile``'s sniffing and batches, adapted.

Kept apart so that the checks see one small `ScanBatch` type, with numpy line numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mapper.csvfile import CsvInfo, ahead, read_batches, sniff
from mapper.preflight.scan import ScanBatch

__all__ = ["OpenedCsv", "open_csv"]


@dataclass(frozen=True)
class OpenedCsv:
    info: CsvInfo

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
        """The file's batches, read one batch ahead in a thread (`mapper.csvfile.ahead`):
        parsing the next batch overlaps with checking this one, memory stays bounded."""
        for batch in ahead(read_batches(self.info.path, self.info)):
            lines = batch.lines.to_numpy(zero_copy_only=False)
            yield ScanBatch(batch.columns, lines, batch.ragged)


def open_csv(path: Path) -> OpenedCsv:
    """Sniff ``path``; raises ``mapper.csvfile.CsvError`` when it is no CSV."""
    return OpenedCsv(sniff(path))
