"""`check`: a spec file (or body) in, sorted diagnostics with line and column out.

Read the file (`mapper.spec`), run every registered rule over the body (the schema is rule
BW003), let a specific rule's finding replace the schema's at the same location, then turn
pointers into positions.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.diagnostics import Diagnostic, sorted_diagnostics
from mapper.rules import CsvFacts, RuleContext, all_rules
from mapper.rules.structure import schema_violation
from mapper.spec import SpecDocument, read_spec
from mapper.zoho import DEFAULT_API_VERSION

if TYPE_CHECKING:
    from mapper.catalog import Catalog

SCHEMA_CODE = schema_violation.code


def check(
    source: str | Path | dict | SpecDocument,
    *,
    api_version: str = DEFAULT_API_VERSION,
    catalog: Catalog | None = None,
    csv_path: Path | None = None,
    report: Path | None = None,
) -> list[Diagnostic]:
    """Lint one spec: a path to a file, a read `SpecDocument`, or a parsed body (no positions).

    ``csv_path`` is the CSV the spec's first resource reads: its header and column kinds
    inform the catalog rules, and its rows are pre-flighted (BW6xx, BW7xx findings after the
    spec's); ``report`` then receives the predicted Zoho result file. Only a CSV loads
    pandas and pyarrow.

    Raises OSError when a file cannot be read or the report cannot be written, and
    ``mapper.csvfile.CsvError`` when the report cannot be built from the CSV; everything
    wrong inside the spec or the CSV is a diagnostic.
    """
    if report is not None and csv_path is None:
        raise ValueError("a report is predicted from a CSV: give csv_path too")
    document = _document(source)
    facts = _csv_facts(Path(csv_path)) if csv_path is not None else {}
    found = check_document(document, api_version=api_version, catalog=catalog, csv=facts)
    if csv_path is None:
        return found
    return [*found, *_preflight(document, Path(csv_path), catalog, report)]


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


def _document(source: str | Path | dict[str, Any] | SpecDocument) -> SpecDocument:
    if isinstance(source, SpecDocument):
        return source
    if isinstance(source, dict):
        return SpecDocument("-", "", source)
    return read_spec(source)


def _csv_facts(csv_path: Path) -> dict[int, CsvFacts]:
    """Header and column kinds of the first resource's CSV, for the catalog rules."""
    from mapper.csvfile import CsvError
    from mapper.profile import profile

    if not csv_path.is_file():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(csv_path))
    try:
        return {0: CsvFacts.of(profile(csv_path))}
    except CsvError:
        return {}  # the pre-flight reports the unreadable CSV as a finding (BW709)


def _preflight(
    document: SpecDocument, csv_path: Path, catalog: Catalog | None, report: Path | None
) -> list[Diagnostic]:
    """The data pre-flight of the spec's CSV (imports pyarrow: only when a CSV is given).

    Without a catalog it uses the built-in one, as the rules do.
    """
    from mapper.catalog import builtin_catalog
    from mapper.preflight import preflight_for_check

    known = catalog if catalog is not None else builtin_catalog()
    return preflight_for_check(document.body, csv_path, known, report=report)


def _without_shadowed_schema(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """One problem, one report: a specific rule knows the Zoho code and a better hint."""
    diagnostics = list(diagnostics)
    claimed = {d.pointer for d in diagnostics if d.code != SCHEMA_CODE}
    return [d for d in diagnostics if d.code != SCHEMA_CODE or d.pointer not in claimed]


def _locate(diagnostic: Diagnostic, document: SpecDocument) -> Diagnostic:
    line, column = document.locate(diagnostic.pointer)
    return diagnostic.at(document.path, line, column)
