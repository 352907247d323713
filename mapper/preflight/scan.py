"""The row scanner: every check of a plan over every batch, as masks of failing rows.

A batch is a list of string columns plus each row's physical line. The scanner turns it
into `BatchHits` (which rows fail which check of which column); what to keep of them is
the caller's business (counts and a few diagnostics for `preflight`, every row for the
report), so the file is read once per use and never held.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.diagnostics import Code, Severity
from mapper.preflight import codes
from mapper.preflight.checks import Column, ValueCheck

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from mapper.csvfile import RaggedRow
    from mapper.preflight.plan import MappedColumn, Plan

# threads checking a batch's columns; more buy nothing on a 2-core machine
WORKERS = 2
# Zoho codes in the order the result file lists them
ZOHO_ORDER = (codes.MANDATORY_NOT_FOUND, codes.INVALID_DATA, codes.DUPLICATE_DATA)


@dataclass(frozen=True)
class ScanBatch:
    """Rows of the CSV: ``columns[i]`` is CSV column i, ``lines[r]`` row r's physical line.

    ``mapper.csvfile.Batch`` with the lines as numpy, which the checks index and mask.
    ``ragged`` are the records of this stretch whose field count differs from the header's;
    the reader leaves them out of columns.
    """

    columns: Sequence[pa.Array]
    lines: np.ndarray
    ragged: tuple[RaggedRow, ...] = ()

    def __len__(self) -> int:
        return len(self.lines)


@dataclass(frozen=True)
class Hit:
    """Rows of a batch failing one check of one mapped column."""

    column: MappedColumn
    check: ValueCheck
    rows: np.ndarray  # bool mask over the batch

    @property
    def code(self) -> Code:
        return self.check.code

    @property
    def severity(self) -> Severity:
        return self.check.severity

    @property
    def zoho_code(self) -> str | None:
        return self.check.zoho_code

    @property
    def skips_row(self) -> bool:
        return self.severity is Severity.ERROR and self.zoho_code is not None


@dataclass(frozen=True)
class BatchHits:
    batch: ScanBatch
    hits: tuple[Hit, ...]

    def skipped(self) -> np.ndarray:
        import numpy as np

        skipped = np.zeros(len(self.batch), dtype=bool)
        for hit in self.hits:
            if hit.skips_row:
                skipped |= hit.rows
        return skipped


def scan(
    plan: Plan,
    batches: Iterable[ScanBatch],
    workers: int = WORKERS,
    file_bytes: int | None = None,
) -> Iterator[BatchHits]:
    """The hits of every batch, in order. A batch's columns are checked in parallel
    (pyarrow's kernels release the GIL); each column's checks run in order in one task,
    so a check keeping state across batches (duplicates) sees them in file order.
    ``file_bytes``, the size of the file read, lets such a check size its memory once."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for number, batch in enumerate(batches):
            if number == 0 and file_bytes is not None:
                _reserve(plan, estimated_rows(batch, file_bytes))
            found = pool.map(_column_hit_list, plan.columns, [batch] * len(plan.columns))
            yield BatchHits(batch, tuple(hit for hits in found for hit in hits))


def estimated_rows(batch: ScanBatch, file_bytes: int) -> int:
    """The rows of a file of ``file_bytes`` whose rows are like ``batch``'s: its values'
    bytes and a delimiter or line break after each (quotes left out, so rather more)."""
    if not len(batch) or not batch.columns:
        return 0
    values = sum(_value_bytes(column) for column in batch.columns)
    per_row = values / len(batch) + len(batch.columns)
    return int(file_bytes / per_row)


def _value_bytes(column: pa.Array) -> int:
    import numpy as np

    if len(column.buffers()) < 3:  # not a string column (a frame's)
        return 0
    offsets = np.frombuffer(column.buffers()[1], dtype=np.int32)[column.offset :]
    return int(offsets[len(column)] - offsets[0])


def _reserve(plan: Plan, rows: int) -> None:
    for mapped in plan.columns:
        for check in mapped.checks:
            reserve = getattr(check, "reserve", None)
            if reserve is not None:
                reserve(rows)


def _column_hit_list(mapped: MappedColumn, batch: ScanBatch) -> list[Hit]:
    return list(_column_hits(mapped, batch))


def _column_hits(mapped: MappedColumn, batch: ScanBatch) -> Iterator[Hit]:
    import pyarrow as pa

    if mapped.index >= len(batch.columns) or not mapped.checks or not len(batch):
        return
    raw = batch.columns[mapped.index]
    column = Column.of(raw if raw.type == pa.string() else raw.cast(pa.string()))
    for check in mapped.checks:
        rows = check.failing(column, batch.lines)
        if rows.any():
            yield Hit(mapped, check, rows)


def column_name(mapped: MappedColumn, header: Sequence[str]) -> str:
    """How a finding names its column: the CSV header there, else the field."""
    if mapped.index < len(header) and header[mapped.index].strip():
        return header[mapped.index]
    return mapped.api_name


def row_errors(hits: BatchHits, header: Sequence[str]) -> dict[int, str]:
    """The ERRORS cell of each skipped row of a batch, in Zoho's ``CODE-Col,Col:CODE-Col``."""
    import numpy as np

    per_row: dict[int, dict[str, list[str]]] = {}
    for hit in hits.hits:
        if not hit.skips_row:
            continue
        name = column_name(hit.column, header)
        for row in np.flatnonzero(hit.rows).tolist():
            names = per_row.setdefault(row, {}).setdefault(hit.zoho_code, [])
            if name not in names:
                names.append(name)
    return {row: _errors_cell(found) for row, found in per_row.items()}


def _errors_cell(found: dict[str, list[str]]) -> str:
    order = [c for c in ZOHO_ORDER if c in found] + [c for c in found if c not in ZOHO_ORDER]
    return ":".join(f"{code}-{','.join(found[code])}" for code in order)
