"""The predicted result file, in the shape of the one Zoho returns after a job.

Zoho's result CSV holds the first three mapped columns of the input, then ``STATUS``,
``RECORD_ID`` and ``ERRORS`` (``CODE-Column,Column:CODE-Column``; zoho-bulk-write.md §7.2).
The prediction has the same columns (``RECORD_ID`` stays empty: no record exists yet),
one row per CSV record in file order, written atomically.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.csvfile import CsvError, raw_records
from mapper.files import atomic_file
from mapper.preflight.codes import INVALID_DATA, REFUSES_FILE
from mapper.preflight.collect import SKIPPED, PreflightResult
from mapper.preflight.plan import MappedColumn, Plan, build_plan
from mapper.preflight.reader import OpenedCsv, open_csv
from mapper.preflight.scan import BatchHits, column_name, row_errors, scan

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.csvfile import CsvInfo, RaggedRow

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
    refused = _file_refusal(result)
    ragged_cells = RaggedCells(opened.info)
    header = [column_name(c, opened.header) for c in shown] + list(REPORT_COLUMNS)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(out_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        written = 0
        for batch_hits in scan(plan, opened.batches()):
            rows = _report_rows(batch_hits, shown, plan, opened.header, ragged_cells)
            rows = [_refused(row, refused) for row in rows] if refused else list(rows)
            writer.writerows(rows)
            written += len(rows)
    if written != result.rows:
        message = f"the file changed while it was checked ({result.rows:,} rows, now {written:,})"
        raise CsvError(f"{csv_path}: {message}")
    return written


def _file_refusal(result: PreflightResult) -> str:
    """The codes for which Zoho refuses the whole file, as the ERRORS of every row."""
    return ":".join(sorted({d.code for d in result.diagnostics if d.code in REFUSES_FILE}))


def _refused(row: list[str], refused: str) -> list[str]:
    """A row of a file Zoho refuses is not imported, whatever its own values."""
    *cells, _status, record_id, errors = row
    return [*cells, SKIPPED, record_id, ":".join(e for e in (refused, errors) if e)]


class RaggedCells:
    """The fields of the records the batches leave out: from the text the reader kept of
    each (``kept_text``), else read from the file on demand.

    Ragged records come in file order, so one pass over the raw records serves them all;
    the file is only read again when it has such records.
    """

    def __init__(self, info: CsvInfo, kept_text: bool = False) -> None:
        self.info = info
        self.kept_text = kept_text
        self.records: Iterator[tuple[int, str]] | None = None

    def fields(self, record: RaggedRow) -> list[str]:
        if self.kept_text:
            return self._split(record.text)
        if self.records is None:
            self.records = raw_records(self.info.path, self.info)
        for start, text in self.records:
            if start == record.line:
                return self._split(text)
            if start > record.line:
                break
        return []

    def _split(self, text: str) -> list[str]:
        return next(csv.reader(io.StringIO(text), delimiter=self.info.delimiter), [])


class ReportRows:
    """The predicted result file written as the pre-flight's own pass goes (`observe` each
    batch's hits): rows go to a temporary file, then into place atomically by `finish`,
    with the refusal of the whole file applied, which is known only at the end."""

    def __init__(self, plan: Plan, opened: OpenedCsv) -> None:
        self.plan, self.header = plan, opened.header
        self.shown = _shown_columns(plan)
        self.ragged_cells = RaggedCells(opened.info, kept_text=opened.ragged_text)
        # closed by finish or discard
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self.writer = csv.writer(self.spool)

    def observe(self, batch_hits: BatchHits, _rows: int) -> None:
        rows = _report_rows(batch_hits, self.shown, self.plan, self.header, self.ragged_cells)
        self.writer.writerows(rows)

    def finish(self, result: PreflightResult, out_path: Path) -> None:
        header = [column_name(c, self.header) for c in self.shown] + list(REPORT_COLUMNS)
        refused = _file_refusal(result)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with self.spool, atomic_file(out_path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerow(header)
            self.spool.seek(0)
            if refused:
                rows = (_refused(row, refused) for row in csv.reader(self.spool))
                csv.writer(handle).writerows(rows)
            else:
                shutil.copyfileobj(self.spool, handle)

    def discard(self) -> None:
        self.spool.close()


def _shown_columns(plan: Plan) -> list[MappedColumn]:
    return sorted(plan.columns, key=lambda c: c.position)[:SHOWN_COLUMNS]


def _report_rows(
    batch_hits: BatchHits,
    shown: list[MappedColumn],
    plan: Plan,
    header: list[str],
    ragged_cells: RaggedCells,
) -> Iterator[list[str]]:
    """Rows in file order: the batch's rows, and its ragged records where they stood."""
    batch = batch_hits.batch
    errors = row_errors(batch_hits, header)
    cells = [_cells(batch.columns, c.index, len(batch)) for c in shown]
    ragged = sorted(batch.ragged, key=lambda r: r.line)
    lines = batch.lines.tolist()
    for row, line in enumerate(lines):
        while ragged and ragged[0].line < line:
            yield _ragged_row(ragged.pop(0), shown, plan, header, ragged_cells)
        error = errors.get(row, "")
        yield [values[row] for values in cells] + [SKIPPED if error else plan.success, "", error]
    for record in ragged:
        yield _ragged_row(record, shown, plan, header, ragged_cells)


def _ragged_row(
    record: RaggedRow,
    shown: list[MappedColumn],
    plan: Plan,
    header: list[str],
    ragged_cells: RaggedCells,
) -> list[str]:
    """A record the reader could not split into the header's columns: the cells it has."""
    fields = ragged_cells.fields(record)
    cells = [fields[c.index] if c.index < len(fields) else "" for c in shown]
    missing = [column_name(c, header) for c in plan.columns if c.index >= record.fields]
    if not missing:
        return [*cells, plan.success, "", ""]
    return [*cells, SKIPPED, "", f"{INVALID_DATA}-{','.join(missing)}"]


def _cells(columns: list, index: int, length: int) -> list[str]:
    if index >= len(columns):
        return [""] * length
    return ["" if v is None else v for v in columns[index].to_pylist()]
