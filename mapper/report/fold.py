"""Repeated per-row findings folded into one: the same code, severity, column and message
(so the same value) on many rows of a CSV reads once, with a count and the first rows.

A pure function over diagnostics, for the human formatters; machine formats keep every row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mapper.diagnostics import Diagnostic

# rows named in a folded finding; the count tells how many more there are
FIRST_ROWS = 5


@dataclass(frozen=True)
class Folded:
    """``first`` stands for itself and its repeats; ``lines`` holds every one's line."""

    first: Diagnostic
    lines: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.lines)


def _key(diagnostic: Diagnostic) -> tuple | None:
    """What repeats share; None for a finding that is not about a CSV row (spec findings
    have a pointer, file findings no line)."""
    if diagnostic.pointer is not None or diagnostic.line is None:
        return None
    d = diagnostic
    return (d.path, d.column, d.code, d.severity, d.message, d.zoho_code, d.hint)


def fold_repeats(diagnostics: Iterable[Diagnostic]) -> list[Folded]:
    """Each group of repeats at its first finding's place, the rest in their order."""
    groups: dict[object, list[Diagnostic]] = {}
    for position, diagnostic in enumerate(diagnostics):
        key = _key(diagnostic)
        groups.setdefault(position if key is None else key, []).append(diagnostic)
    return [
        Folded(group[0], tuple(d.line for d in group if d.line is not None))
        for group in groups.values()
    ]


def rows_text(folded: Folded) -> str:
    """`` (14 rows: lines 2, 3, 4, 5, 6, …)``; empty for a finding that does not repeat."""
    if folded.count < 2:
        return ""
    shown = ", ".join(str(line) for line in folded.lines[:FIRST_ROWS])
    more = ", …" if folded.count > FIRST_ROWS else ""
    return f" ({folded.count} rows: lines {shown}{more})"
