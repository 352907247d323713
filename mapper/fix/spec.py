"""The spec that reads a fixed CSV: an existing spec's mappings brought in line with what
fix wrote, or a fresh compile of the fixed file."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.fix.model import NUMBERS, FixReport

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.compile import Compilation, CompileOptions


def fixed_spec(body: dict, report: FixReport) -> dict:
    """``body`` for the fixed CSV: each rewritten date mapping's ``format`` is the one its
    values are now in, a fixed number column needs none, and the file is UTF-8."""
    from mapper.jsonvalues import column_index, list_at

    fixed = copy.deepcopy(body)
    fixed.pop("character_encoding", None)
    numbers = {c.rule.index for c in report.columns if c.rule.rule == NUMBERS and c.note is None}
    resources = list_at(fixed, "resource") or []
    first = resources[0] if resources and isinstance(resources[0], dict) else {}
    for mapping in list_at(first, "field_mappings") or []:
        index = column_index(mapping)
        if index in report.formats:
            mapping["format"] = report.formats[index]
        elif index in numbers:
            mapping.pop("format", None)
    return fixed


def compile_fixed(
    fixed_csv: Path, options: CompileOptions, catalog: Catalog, report: FixReport
) -> Compilation:
    """Compile the fixed CSV with the user's options, each rewritten date column's pattern
    given (the fixed values may read as day-first and month-first alike). A --date-format
    naming a rewritten column described the raw values, and gives way."""
    from mapper.compile import compile_spec
    from mapper.match import columns_named

    rewritten = [c.rule for c in report.columns if c.rule.index in report.formats]
    kept = tuple(
        (header, pattern)
        for header, pattern in options.date_formats
        if not any(columns_named([rule], header) for rule in rewritten)
    )
    given = tuple((f"@{i}", pattern) for i, pattern in sorted(report.formats.items()))
    return compile_spec(fixed_csv, replace(options, date_formats=kept + given), catalog)
