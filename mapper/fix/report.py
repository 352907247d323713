"""The change report of a fix, as text for people or JSON for scripts (pure functions)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from mapper.fix.model import ColumnChanges, FixReport, Unfixable

if TYPE_CHECKING:
    from mapper.diagnostics import Diagnostic

FORMAT_VERSION = 1
# unfixed cells listed per column and reason in the text report (JSON lists every one)
TEXT_CELLS = 5


def render_text(
    report: FixReport, spec: str | None = None, findings: tuple[Diagnostic, ...] = ()
) -> str:
    """The report for people (the spec's findings are printed apart, as compile's are)."""
    lines = [
        f"mapper fix: {report.input} -> {report.output}: {report.rows} rows, "
        f"{report.changed} values changed, {report.unfixable_total} left as they were"
    ]
    quiet = 0
    for column in report.columns:
        if not (column.changed or column.unfixable or column.note):
            quiet += 1
            continue
        lines += _column_lines(column)
    if quiet:
        lines.append(f"  {quiet} other mapped column(s): nothing to change")
    lines += _unfixable_lines(report)
    if spec:
        lines.append(f"spec written: {spec}")
    return "\n".join(lines) + "\n"


def _column_lines(column: ColumnChanges) -> list[str]:
    rule = column.rule
    what = rule.rule
    if rule.source and rule.target and rule.source != rule.target:
        what += f" {rule.source} -> {rule.target}"
    elif rule.target:
        what += f" kept in {rule.target}"
    if column.detail:
        what += f" ({column.detail})"
    counts = f"{column.changed} changed" + (
        f", {column.unfixable} left as they were" if column.unfixable else ""
    )
    field = f"{rule.api_name}, {rule.data_type}" if rule.data_type else rule.api_name
    lines = [f"  index {rule.index} '{rule.header}' ({field}): {what}: {counts}"]
    lines += [f"      {before!r} -> {after!r}" for before, after in column.examples]
    if column.note:
        lines.append(f"      left as it is: {column.note}")
    if rule.hint:
        lines.append(f"      hint: {rule.hint}")
    return lines


def _unfixable_lines(report: FixReport) -> list[str]:
    if not report.unfixable:
        return []
    groups: dict[tuple[int | None, str], list[Unfixable]] = defaultdict(list)
    for cell in report.unfixable:
        groups[(cell.index, cell.reason)].append(cell)
    lines = ["left as they were (line:column):"]
    for (index, reason), cells in groups.items():
        column = "-" if index is None else str(index + 1)
        for cell in cells[:TEXT_CELLS]:
            lines.append(f"  {report.input}:{cell.line}:{column} {cell.value!r}: {reason}")
        if len(cells) > TEXT_CELLS:
            lines.append(f"  ... and {len(cells) - TEXT_CELLS} more ({reason})")
    missing = report.unfixable_total - len(report.unfixable)
    if missing:
        lines.append(f"  ... and {missing} more cells, counted but not kept")
    lines.append("  (--format json lists every cell)")
    return lines


def render_json(
    report: FixReport, spec: str | None = None, findings: tuple[Diagnostic, ...] = ()
) -> str:
    """The report as one JSON document; ``findings`` are the compile's on the spec."""
    document = {
        "version": FORMAT_VERSION,
        "input": report.input,
        "output": report.output,
        "spec": spec,
        "rows": report.rows,
        "changed": report.changed,
        "unfixable_total": report.unfixable_total,
        "columns": [_column_json(column) for column in report.columns],
        "unfixable": [
            {
                "line": cell.line,
                "index": cell.index,
                "header": cell.header,
                "value": cell.value,
                "reason": cell.reason,
            }
            for cell in report.unfixable
        ],
        "formats": {str(index): pattern for index, pattern in sorted(report.formats.items())},
        "spec_diagnostics": [finding.as_dict() for finding in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _column_json(column: ColumnChanges) -> dict:
    rule = column.rule
    return {
        "index": rule.index,
        "header": rule.header,
        "api_name": rule.api_name,
        "data_type": rule.data_type,
        "rule": rule.rule,
        "source_format": rule.source,
        "format": rule.target,
        "changed": column.changed,
        "unfixable": column.unfixable,
        "detail": column.detail,
        "examples": [{"before": b, "after": a} for b, a in column.examples],
        "note": column.note,
        "hint": rule.hint,
    }


RENDERERS = {"text": render_text, "json": render_json}
