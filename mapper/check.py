"""`check`: a spec file (or body) in, sorted diagnostics with line and column out.

Read the file (`mapper.spec`), run every registered rule over the body (the schema is rule
BW003), let a specific rule's finding replace the schema's at the same location, then turn
pointers into positions.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.diagnostics import Code, Diagnostic, registered, sorted_diagnostics
from mapper.rules import CsvFacts, RuleContext, all_rules
from mapper.spec import SpecDocument, read_spec
from mapper.zoho import DEFAULT_API_VERSION

if TYPE_CHECKING:
    from mapper.catalog import Catalog

SCHEMA_CODE = "BW003"


def check(
    source: str | Path | dict,
    *,
    api_version: str = DEFAULT_API_VERSION,
    catalog: Catalog | None = None,
    csv: dict[int, CsvFacts] | None = None,
) -> list[Diagnostic]:
    """Lint one spec: a path to a file, or an already parsed body (no positions then).

    Raises OSError when the file cannot be read; everything wrong inside it is a diagnostic.
    """
    document = _document(source)
    return check_document(document, api_version=api_version, catalog=catalog, csv=csv)


def check_document(
    document: SpecDocument,
    *,
    api_version: str = DEFAULT_API_VERSION,
    catalog: Catalog | None = None,
    csv: dict[int, CsvFacts] | None = None,
) -> list[Diagnostic]:
    if not document.parsed:
        return sorted_diagnostics(document.problems)
    ctx = RuleContext(document.body, api_version, catalog, csv or {})
    found = [d for r in all_rules() for d in r.run(ctx)]
    located = [_locate(d, document) for d in _without_shadowed_schema(found)]
    return sorted_diagnostics([*document.problems, *located])


def _document(source: str | Path | dict[str, Any]) -> SpecDocument:
    if isinstance(source, dict):
        return SpecDocument("-", "", source)
    return read_spec(source)


def _without_shadowed_schema(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """One problem, one report: a specific rule knows the Zoho code and a better hint."""
    diagnostics = list(diagnostics)
    claimed = {d.pointer for d in diagnostics if d.code != SCHEMA_CODE}
    return [d for d in diagnostics if d.code != SCHEMA_CODE or d.pointer not in claimed]


def _locate(diagnostic: Diagnostic, document: SpecDocument) -> Diagnostic:
    line, column = document.locate(diagnostic.pointer)
    return replace(diagnostic, path=document.path, line=line, column=column)


# modules whose import registers codes that no rule module does
_CODE_MODULES = ("mapper.spec", "mapper.preflight.codes", "mapper.compile.codes")


def known_codes() -> list[Code]:
    """Every code the tool can report (reading, rules, pre-flight, compile), by code."""
    for module in _CODE_MODULES:
        importlib.import_module(module)
    all_rules()
    return registered()
