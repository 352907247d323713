"""Running the pre-flight: the file-level findings, the row scan, and the check hook."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.csvfile import CsvError
from mapper.diagnostics import Diagnostic
from mapper.frames import FRAME_PATH, is_dataframe, upload_layout
from mapper.preflight import structure
from mapper.preflight.codes import NO_HEADER, REFUSES_FILE, SUMMARY, UNREADABLE
from mapper.preflight.collect import DEFAULT_CAP, Collector, PreflightResult
from mapper.preflight.plan import Plan, build_plan
from mapper.preflight.reader import OpenedCsv, OpenedFrame, open_csv
from mapper.preflight.report import write_report
from mapper.preflight.scan import BatchHits, scan

if TYPE_CHECKING:
    from pandas import DataFrame

    from mapper.catalog import Catalog
    from mapper.compile import Compilation

# called with the rows read so far, after each batch
Progress = Callable[[int], None]
# called with each batch's hits and the rows read so far, batch included
BatchObserver = Callable[[BatchHits, int], None]


def preflight(
    body: dict | Compilation,
    csv_path: Path | DataFrame,
    *,
    catalog: Catalog | None = None,
    resource_index: int = 0,
    progress: Progress | None = None,
    cap: int = DEFAULT_CAP,
    observers: Sequence[BatchObserver] = (),
) -> PreflightResult:
    """Check the rows of ``csv_path`` against resource ``resource_index`` of ``body``.

    ``csv_path`` may be a pandas DataFrame: its rows are checked as the CSV
    `mapper.frames.write_upload_csv` writes for ``body`` (then also a `Compilation`), and
    findings name that file's lines (row ``n`` of the frame is line ``n + 2`` unless a
    value holds a line break). Raises `mapper.frames.FrameError` when the frame does not
    fit the spec. Without ``catalog`` the built-in one is used. ``observers`` see each
    batch's hits (every failing row, not only the listed ones).
    """
    if catalog is None:
        from mapper.catalog import builtin_catalog

        catalog = builtin_catalog()
    opened: OpenedCsv | OpenedFrame
    if is_dataframe(csv_path):
        opened = OpenedFrame(upload_layout(csv_path, body, resource_index))
        body, path = opened.layout.body, FRAME_PATH
    else:
        body, path = getattr(body, "body", body), str(csv_path)
        try:
            opened = open_csv(Path(csv_path))
        except CsvError as error:
            return _unreadable(path, error)
    plan = build_plan(body, resource_index, catalog)
    csv_file = None if isinstance(opened, OpenedFrame) else Path(csv_path)
    run = ScanRun(plan, opened, path, csv_file, body, cap)
    return run_scan(run, progress=progress, observers=observers)


@dataclass(frozen=True)
class ScanRun:
    """One pre-flight pass: the plan, the opened CSV (or frame) and where findings point."""

    plan: Plan
    opened: OpenedCsv | OpenedFrame
    path: str
    csv_file: Path | None  # the CSV on disk; None for a frame
    body: dict
    cap: int = DEFAULT_CAP


def run_scan(
    run: ScanRun,
    *,
    progress: Progress | None = None,
    observers: Sequence[BatchObserver] = (),
    deflated: Callable[[int], int | None] | None = None,
) -> PreflightResult:
    """The file-level findings, then every batch through the plan's checks, each batch's
    hits handed to ``observers`` too (the same pass feeds the report and column kinds).
    ``deflated(rows)`` is the file's deflated size if known after the pass."""
    opened, path = run.opened, run.path
    file_level = structure.file_findings(
        opened.header, opened.delimiter, opened.encoding, run.body, path
    )
    file_level += _header_findings(run.plan, opened, path)
    collector = Collector(path, opened.header, run.plan, run.cap, opened.header_fields)
    file_bytes = run.csv_file.stat().st_size if run.csv_file is not None else None
    try:
        for batch_hits in scan(run.plan, opened.batches(), file_bytes=file_bytes):
            collector.add(batch_hits)
            for observe in observers:
                observe(batch_hits, collector.rows)
            if progress is not None:
                progress(collector.rows)
    except CsvError as error:
        file_level.append(UNREADABLE.diagnostic(str(error), path=path, line=error.line))
    file_level += structure.row_count_finding(collector.rows, path)
    if collector.rows <= structure.MAX_ROWS and run.csv_file is not None:
        size = deflated(collector.rows) if deflated is not None else None
        file_level += structure.zip_size_finding(run.csv_file, path, size)
    return collector.result(file_level)


def _header_findings(plan: Plan, opened: OpenedCsv | OpenedFrame, path: str) -> list[Diagnostic]:
    if not opened.has_header:
        message = "the first row looks like data, but Zoho always reads row 1 as the header"
        return [NO_HEADER.diagnostic(message, path=path, line=1, hint="add a header row")]
    return structure.header_findings(plan, opened.header, path)


def _unreadable(path: str, error: CsvError) -> PreflightResult:
    diagnostic = UNREADABLE.diagnostic(str(error), path=path, line=error.line)
    return PreflightResult(path, 0, [diagnostic], {}, {})


def preflight_for_check(
    doc_or_body: Any,
    csv_path: Path,
    catalog: Catalog | None,
    *,
    resource_index: int = 0,
    report: Path | None = None,
) -> list[Diagnostic]:
    """`mapper check SPEC --csv FILE [--report OUT]`: the pre-flight's diagnostics.

    ``doc_or_body`` is a ``SpecDocument`` (its ``body`` is used) or a body dict; a body
    that is not an object yields nothing (the spec checks report that). With ``report``,
    the predicted result file is written there too (``CsvError`` if that fails).
    """
    body = getattr(doc_or_body, "body", doc_or_body)
    if not isinstance(body, dict):
        return []
    result = preflight(body, Path(csv_path), catalog=catalog, resource_index=resource_index)
    readable = not any(d.code == UNREADABLE.code for d in result.diagnostics)
    if report is not None and readable:
        write_report(
            result,
            body,
            Path(csv_path),
            Path(report),
            catalog=catalog,
            resource_index=resource_index,
        )
    if not readable:
        return result.diagnostics
    return [*result.diagnostics, summary(result, reported=report is not None)]


def summary(result: PreflightResult, reported: bool = False) -> Diagnostic:
    """One info finding with the counts, so that every output format carries them."""
    outcomes = ", ".join(f"{rows:,} {outcome}" for outcome, rows in result.outcomes.items())
    by_code = ", ".join(f"{code} {rows:,}" for code, rows in result.zoho_codes.items())
    rows = "1 row" if result.rows == 1 else f"{result.rows:,} rows"
    refused = sorted({d.code for d in result.diagnostics if d.code in REFUSES_FILE})
    if refused:
        message = f"{rows}: Zoho would refuse the file ({', '.join(refused)}), importing none"
        return SUMMARY.diagnostic(message, path=result.path, hint="fix the file-level errors first")
    message = f"{rows} predicted: {outcomes or 'none'}"
    if by_code:
        message += f" (rows per Zoho code: {by_code})"
    wanted = result.skipped and not reported
    hint = "write the predicted result file with --report" if wanted else None
    return SUMMARY.diagnostic(message, path=result.path, hint=hint)
