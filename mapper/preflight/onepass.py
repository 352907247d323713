"""`mapper check SPEC --csv CSV [--report OUT]` reads the CSV once.

The file is opened once (`mapper.csvfile.CsvStream`): the sniffer reads its head, then the
pre-flight's batches stream the whole file, and each batch also feeds what else needs the
rows: the kinds of the columns the spec rules ask about (`mapper.profile.kinds`), the
predicted result file, and the zip-size estimate. Only two rare files are read again: one
whose ASCII head hid text that is not UTF-8 (then read as `sniff` decides from the whole
file), and one with a record larger than a read block (`mapper.csvfile.read_batches`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.csvfile import CsvError, CsvStream, NotUtf8Error
from mapper.diagnostics import Diagnostic
from mapper.preflight import structure
from mapper.preflight.codes import UNREADABLE
from mapper.preflight.plan import build_plan
from mapper.preflight.reader import OpenedCsv, open_csv
from mapper.preflight.report import ReportRows
from mapper.preflight.run import ScanRun, run_scan, summary
from mapper.preflight.scan import BatchHits

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.preflight.collect import PreflightResult
    from mapper.profile.kinds import ColumnKinds

# which columns' kinds the spec rules need, given the CSV's header
KindColumns = Callable[[tuple[str, ...]], Iterable[int]]


@dataclass(frozen=True)
class CsvColumns:
    """What the pass learnt of the CSV's columns for the spec rules."""

    path: str
    # one name per column; "" each when the file has no header row
    header: tuple[str, ...]
    # kind (as `mapper.profile` names it) of each column asked for
    kinds: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CsvCheck:
    diagnostics: list[Diagnostic]
    # None when the file could not be read to its end
    columns: CsvColumns | None


def check_csv(
    body: object,
    csv_path: Path,
    catalog: Catalog,
    *,
    resource_index: int = 0,
    report: Path | None = None,
    kind_columns: KindColumns = lambda header: (),
) -> CsvCheck:
    """Pre-flight ``csv_path`` against resource ``resource_index`` and learn its columns, in
    one read; with ``report``, write the predicted result file there (OSError if that
    fails). A body that is not an object yields no findings (the spec checks say why)."""
    try:
        return _check_csv(body, csv_path, catalog, resource_index, report, kind_columns, True)
    except NotUtf8Error:
        return _check_csv(body, csv_path, catalog, resource_index, report, kind_columns, False)


def _check_csv(
    body: object,
    csv_path: Path,
    catalog: Catalog,
    resource_index: int,
    report: Path | None,
    kind_columns: KindColumns,
    once: bool,
) -> CsvCheck:
    from mapper.profile.kinds import ColumnKinds

    path = str(csv_path)
    try:
        stream = CsvStream(csv_path) if once else None
    except OSError as error:
        raise CsvError(f"{csv_path}: {error.strerror or error}") from error
    try:
        opened = open_csv(Path(csv_path), stream, ragged_text=report is not None)
    except CsvError as error:
        if stream is not None:
            stream.close()
        diagnostic = UNREADABLE.diagnostic(str(error), path=path, line=error.line)
        return CsvCheck([diagnostic] if isinstance(body, dict) else [], None)
    names = opened.header if opened.has_header else ("",) * len(opened.header)
    kinds = ColumnKinds(kind_columns(names))
    if not isinstance(body, dict):
        body = None
    try:
        result, rows = _scan(body, opened, catalog, resource_index, report, kinds)
    except CsvError:  # only the pass for kinds alone raises it
        return CsvCheck([], None)
    readable = result is None or not any(d.code == UNREADABLE.code for d in result.diagnostics)
    if not readable and rows is not None:
        rows.discard()
    if not readable and stream is not None and stream.presumed_utf8:
        raise NotUtf8Error(f"{csv_path}: not readable as the UTF-8 its head suggested")
    columns = CsvColumns(path, names, kinds.kinds()) if readable else None
    if result is None:
        return CsvCheck([], columns)
    if not readable:
        return CsvCheck(result.diagnostics, None)
    if rows is not None and report is not None:
        rows.finish(result, Path(report))
    return CsvCheck([*result.diagnostics, summary(result, reported=report is not None)], columns)


def _scan(
    body: dict | None,
    opened: OpenedCsv,
    catalog: Catalog,
    resource_index: int,
    report: Path | None,
    kinds: ColumnKinds,
) -> tuple[PreflightResult | None, ReportRows | None]:
    """The pre-flight pass (or, without a body, a pass for the column kinds alone)."""
    stream = opened.stream
    if body is None:
        if kinds.wanted:
            for batch in opened.batches():
                kinds.add(batch.columns)
        elif stream is not None:
            stream.close()
        return None, None
    plan = build_plan(body, resource_index, catalog)
    rows = ReportRows(plan, opened) if report is not None else None
    if stream is not None and Path(opened.info.path).stat().st_size > structure.MAX_ZIP_BYTES:
        stream.deflate_from_start()

    def observe(batch_hits: BatchHits, read: int) -> None:
        kinds.add(batch_hits.batch.columns)
        if stream is not None and read > structure.MAX_ROWS:
            stream.stop_deflating()  # Zoho refuses the file for its rows already

    observers = [observe] + ([rows.observe] if rows is not None else [])
    run = ScanRun(plan, opened, str(opened.info.path), Path(opened.info.path), body)
    try:
        result = run_scan(run, observers=observers, deflated=lambda _rows: _deflated(stream))
    except BaseException:
        if rows is not None:
            rows.discard()
        raise
    return result, rows


def _deflated(stream: CsvStream | None) -> int | None:
    return stream.deflated_size() if stream is not None else None
