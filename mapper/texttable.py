"""Aligned plain-text tables, as the CLI prints them (a leaf: imports nothing of mapper)."""

from __future__ import annotations

from collections.abc import Sequence


def render_table(
    rows: Sequence[Sequence[str]], *, underline: bool = False, indent: str = ""
) -> str:
    """``rows`` (the first is the heading) in left-aligned columns two spaces apart, each
    line right-trimmed and prefixed by ``indent``; ``underline`` rules off the heading."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    if underline:
        rows = [rows[0], ["-" * width for width in widths], *rows[1:]]
    lines = (
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
    return "\n".join(indent + line for line in lines)
