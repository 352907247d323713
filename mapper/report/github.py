"""GitHub Actions workflow commands (``::error file=...,line=...::message``).

GitHub shows at most 10 annotations of each level per step, so a plain summary line
follows; SARIF is the complete record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapper.diagnostics import Diagnostic, Severity
from mapper.report.text import summary_line

if TYPE_CHECKING:
    from mapper.report import RenderOptions, Report

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, options: RenderOptions) -> str:
    lines = [_annotation(d) for d in report.diagnostics]
    if not options.quiet:
        lines.append(summary_line(report.summary))
    return "".join(line + "\n" for line in lines)


def _annotation(d: Diagnostic) -> str:
    properties = {"file": d.path, "line": d.line or 1, "col": d.column or 1, "title": d.code}
    rendered = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    message = d.message + (f" [{d.zoho_code}]" if d.zoho_code else "")
    if d.hint:
        message += f"\nhint: {d.hint}"
    return f"::{_COMMANDS[d.severity]} {rendered}::{escape_data(message)}"


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
