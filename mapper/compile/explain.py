"""The mapping table users read to see why each column went where it went."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapper.texttable import render_table

if TYPE_CHECKING:
    from mapper.compile.core import Compilation
    from mapper.compile.plan import ExplainRow

COLUMNS = ("index", "header", "field", "conf", "why", "find_by", "format")


def render_explain(compilation: Compilation) -> str:
    """One table per CSV, then the left-out columns and the mandatory fields still missing."""
    lines: list[str] = []
    for name, _ in compilation.files:
        rows = [row for row in compilation.explain if row.file == name]
        lines.append(f"{name}:")
        lines.append(render_table([COLUMNS, *map(_cells, rows)], indent="  "))
    if compilation.unmapped:
        lines.append("unmapped columns:")
        lines.extend(
            f"  {c.file} index {c.index} {c.header!r}: {c.reason}" for c in compilation.unmapped
        )
    if compilation.missing_mandatory:
        lines.append("mandatory fields still missing:")
        lines.extend(f"  {name}" for name in compilation.missing_mandatory)
    return "\n".join(lines) + "\n"


def _cells(row: ExplainRow) -> tuple[str, ...]:
    confidence = "" if row.confidence is None else f"{row.confidence:.2f}"
    index = "" if row.index < 0 else str(row.index)
    return (
        index,
        row.header,
        row.field,
        confidence,
        row.reason,
        row.find_by or "",
        row.format or "",
    )
