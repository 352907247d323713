"""``path:line:col: severity CODE message``, a hint line below, and a summary line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from mapper.diagnostics import Diagnostic, Severity, Summary
from mapper.report.fold import fold_repeats, rows_text

if TYPE_CHECKING:
    from mapper.report import RenderOptions, Report

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(report: Report, options: RenderOptions) -> str:
    """One line (and a hint) per finding; a finding repeated on many rows once, with its
    count and first rows. The summary counts every row."""
    lines: list[str] = []
    for folded in fold_repeats(report.diagnostics):
        lines.extend(_diagnostic_lines(folded.first, options.color, rows_text(folded)))
    if not options.quiet:
        lines.append(summary_line(report.summary))
    return "".join(line + "\n" for line in lines)


def _diagnostic_lines(d: Diagnostic, color: bool, rows: str = "") -> list[str]:
    location = f"{d.path}:{d.line or 1}:{d.column or 1}"
    severity = d.severity.value
    code = d.code
    if color:
        location = click.style(location, bold=True)
        severity = click.style(severity, fg=_COLORS[d.severity], bold=True)
        code = click.style(code, bold=True)
    zoho = f" [{d.zoho_code}]" if d.zoho_code else ""
    lines = [f"{location}: {severity} {code} {d.message}{zoho}{rows}"]
    if d.hint:
        lines.append(f"    hint: {d.hint}")
    return lines


def summary_line(summary: Summary) -> str:
    files = _plural(summary.files, "file")
    if not (summary.errors or summary.warnings or summary.infos):
        return f"No problems found in {files}."
    counts = [_plural(summary.errors, "error"), _plural(summary.warnings, "warning")]
    if summary.infos:
        counts.append(_plural(summary.infos, "info"))
    return f"Found {', '.join(counts)} in {files}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
