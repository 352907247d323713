"""The predicted result file, in the shape of the one Zoho returns after a job.

Zoho's result CSV holds the first three mapped columns of the input, then ``STATUS``,
``RECORD_ID`` and ``ERRORS`` (``CODE-Column,Column:CODE-Column``; zoho-bulk-write.md §7.2).
The prediction has the same columns (``RECORD_ID`` stays empty: no record exists yet),
one row per CSV record in file order, written atomically.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.csvfile import CsvError
from mapper.files import atomic_file
from mapper.preflight.codes import INVALID_DATA
from mapper.preflight.collect import SKIPPED, PreflightResult
from mapper.preflight.plan import MappedColumn, Plan, build_plan
from mapper.preflight.reader import open_csv
from mapper.preflight.scan import BatchHits, column_name, row_errors, scan

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.csvfile import RaggedRow

REPORT_COLUMNS = ("STATUS", "RECORD_ID", "ERRORS")
SHOWN_COLUMNS = 3


def write_report(
    result: PreflightResult,
    body: dict,
    csv_path: Path,
    out_path: Path,
    *,
    catalog: Catalog | None = None,
    resource_index: int = 0,
) -> int:
    """Write the predicted result file for ``csv_path``; returns the rows written.

    The file is read again (the result keeps counts, not every row); ``catalog`` and
    ``resource_index`` must be the ones ``result`` was computed with. Raises
    ``mapper.csvfile.CsvError`` when the file cannot be read or changed in between.
    """
    plan = build_plan(body, resource_index, catalog)
    opened = open_csv(Path(csv_path))
    shown = _shown_columns(plan)
    header = [column_name(c, opened.header) for c in shown] + list(REPORT_COLUMNS)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(out_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        written = 0
        for batch_hits in scan(plan, opened.batches()):
            rows = list(_report_rows(batch_hits, shown, plan, opened.header))
            writer.writerows(rows)
            written += len(rows)
    if written != result.rows:
        message = f"the file changed while it was checked ({result.rows:,} rows, now {written:,})"
        raise CsvError(f"{csv_path}: {message}")
    return written


def _shown_columns(plan: Plan) -> list[MappedColumn]:
    return sorted(plan.columns, key=lambda c: c.position)[:SHOWN_COLUMNS]


def _report_rows(
    batch_hits: BatchHits, shown: list[MappedColumn], plan: Plan, header: list[str]
) -> Iterator[list[str]]:
    """Rows in file order: the batch's rows, and its ragged records where they stood."""
    batch = batch_hits.batch
    errors = row_errors(batch_hits, header)
    cells = [_cells(batch.columns, c.index, len(batch)) for c in shown]
    ragged = sorted(batch.ragged, key=lambda r: r.line)
    lines = batch.lines.tolist()
    for row, line in enumerate(lines):
        while ragged and ragged[0].line < line:
            yield _ragged_row(ragged.pop(0), shown, plan, header)
        error = errors.get(row, "")
        yield [values[row] for values in cells] + [SKIPPED if error else plan.success, "", error]
    for record in ragged:
        yield _ragged_row(record, shown, plan, header)


def _ragged_row(
    record: RaggedRow, shown: list[MappedColumn], plan: Plan, header: list[str]
) -> list[str]:
    """A record the reader could not split into the header's columns: values unknown."""
    missing = [column_name(c, header) for c in plan.columns if c.index >= record.fields]
    if not missing:
        return [""] * len(shown) + [plan.success, "", ""]
    return [""] * len(shown) + [SKIPPED, "", f"{INVALID_DATA}-{','.join(missing)}"]


def _cells(columns: list, index: int, length: int) -> list[str]:
    if index >= len(columns):
        return [""] * length
    return ["" if v is None else v for v in columns[index].to_pylist()]
