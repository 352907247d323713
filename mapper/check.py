"""`check`: a spec file (or body) in, sorted diagnostics with line and column out.

Read the file (`mapper.spec`), run every registered rule over the body (the schema is rule
BW003), let a specific rule's finding replace the schema's at the same location, then turn
pointers into positions.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.diagnostics import Code, Diagnostic, Severity, register, sorted_diagnostics
from mapper.rules import CsvFacts, RuleContext, all_rules
from mapper.rules.structure import schema_violation
from mapper.spec import SpecDocument, read_spec
from mapper.zoho import DEFAULT_API_VERSION

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.preflight.onepass import CsvCheck, CsvColumns

SCHEMA_CODE = schema_violation.code


# reported here, where the children of a parent-child job are looked for
CHILD_NOT_FOUND = register(
    Code(
        "BW710",
        "child-csv-not-found",
        "A child resource's CSV is not next to the parent CSV, so its rows are not checked.",
        Severity.INFO,
        family="check",
    )
)


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
    spec's). Each later resource (a parent-child job's children) reads the file named by its
    ``file_names[0]`` in the folder of ``csv_path``: found, it is checked the same way;
    missing, one info finding says so. ``report`` receives the predicted Zoho result file of
    ``csv_path`` only, never of a child. Only a CSV loads pandas and pyarrow.

    Raises OSError when a file cannot be read or the report cannot be written, and
    ``mapper.csvfile.CsvError`` when the report cannot be built from the CSV; everything
    wrong inside the spec or the CSV is a diagnostic.
    """
    if report is not None and csv_path is None:
        raise ValueError("a report is predicted from a CSV: give csv_path too")
    document = _document(source)
    if csv_path is None:
        return check_document(document, api_version=api_version, catalog=catalog)
    parent = Path(csv_path)
    children = child_csvs(document.body, parent)
    if report is not None:
        _refuse_overwriting_children(Path(report), children)
    checked = _check_csvs(document, parent, children, catalog, report)
    facts = {index: _facts(c.columns) for index, c in checked.items() if c.columns is not None}
    found = check_document(document, api_version=api_version, catalog=catalog, csv=facts)
    return [*found, *_preflight_findings(document, parent, children, checked)]


@dataclass(frozen=True)
class ChildCsv:
    """Where a later resource's CSV would be: ``file_names[0]`` next to the parent CSV."""

    resource_index: int
    # the resource's file_names[0]; None when it names no file
    name: str | None
    # the file next to the parent CSV; None when the name is missing or no such file exists
    path: Path | None


def child_csvs(body: Any, parent_csv: Path) -> list[ChildCsv]:
    """The CSV of every resource after the first, looked up in ``parent_csv``'s folder."""
    resources = body.get("resource") if isinstance(body, dict) else None
    if not isinstance(resources, list):
        return []
    return [_child_csv(i, r, parent_csv) for i, r in enumerate(resources) if i > 0]


def _child_csv(index: int, resource: Any, parent_csv: Path) -> ChildCsv:
    names = resource.get("file_names") if isinstance(resource, dict) else None
    name = names[0] if isinstance(names, list) and names else None
    if not isinstance(name, str) or not name.strip():
        return ChildCsv(index, None, None)
    # file_names name members of the uploaded zip: only the base name can be looked up
    candidate = parent_csv.parent / Path(name).name
    return ChildCsv(index, name, candidate if candidate.is_file() else None)


def _refuse_overwriting_children(report: Path, children: list[ChildCsv]) -> None:
    """The report is the parent's: writing it must not destroy a child CSV before its check."""
    for child in children:
        if child.path is not None and _same_file(report, child.path):
            message = "the report would overwrite the child CSV"
            raise OSError(errno.EEXIST, message, str(child.path))


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return first.resolve() == second.resolve()


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


def _check_csvs(
    document: SpecDocument,
    parent: Path,
    children: list[ChildCsv],
    catalog: Catalog | None,
    report: Path | None,
) -> dict[int, CsvCheck]:
    """Each CSV found, read once: its pre-flight and the column facts the rules need, by
    resource index (imports pyarrow: only when a CSV is given). Without a catalog it uses
    the built-in one, as the rules do."""
    from mapper.catalog import builtin_catalog
    from mapper.preflight.onepass import check_csv

    if not parent.is_file():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(parent))
    known = catalog if catalog is not None else builtin_catalog()
    found = [(0, parent)] + [(c.resource_index, c.path) for c in children if c.path]
    checked = {}
    for index, path in found:
        asks = _kind_columns(document, path, index, catalog)
        written = report if index == 0 else None
        checked[index] = check_csv(
            document.body, path, known, resource_index=index, report=written, kind_columns=asks
        )
    return checked


def _kind_columns(
    document: SpecDocument, path: Path, index: int, catalog: Catalog | None
) -> Callable[[tuple[str, ...]], set[int]]:
    """Given the CSV's header, the columns whose kinds the rules read for resource ``index``."""
    from mapper.rules.lookups import kind_columns

    def asks(header: tuple[str, ...]) -> set[int]:
        facts = {index: CsvFacts(str(path), header)}
        return kind_columns(RuleContext(document.body, catalog=catalog, csv=facts), index)

    return asks


def _facts(columns: CsvColumns) -> CsvFacts:
    kinds = tuple(columns.kinds.get(i, "") for i in range(len(columns.header)))
    return CsvFacts(columns.path, columns.header, kinds)


def _preflight_findings(
    document: SpecDocument, csv_path: Path, children: list[ChildCsv], checked: dict[int, CsvCheck]
) -> list[Diagnostic]:
    """The CSVs' pre-flight findings: the parent's, then each child's or why it is missing."""
    found = list(checked[0].diagnostics)
    for child in children:
        if child.path is None:
            found.append(_child_not_checked(document, child, csv_path))
        else:
            found += checked[child.resource_index].diagnostics
    return found


def _child_not_checked(document: SpecDocument, child: ChildCsv, csv_path: Path) -> Diagnostic:
    """One info finding, located at the resource's file_names in the spec."""
    where = f"/resource/{child.resource_index}"
    if child.name is None:
        message = f"resource {child.resource_index} names no CSV in file_names: rows not checked"
        hint = "name its CSV in file_names to check its rows too"
    else:
        where += "/file_names/0"
        message = (
            f"child CSV {child.name} (resource {child.resource_index}) not found "
            f"next to {csv_path}: its rows were not checked"
        )
        hint = f"put {Path(child.name).name} in {csv_path.parent} to check its rows too"
    found = CHILD_NOT_FOUND.diagnostic(message, pointer=where, hint=hint)
    return _locate(found, document)


def _without_shadowed_schema(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """One problem, one report: a specific rule knows the Zoho code and a better hint."""
    diagnostics = list(diagnostics)
    claimed = {d.pointer for d in diagnostics if d.code != SCHEMA_CODE}
    return [d for d in diagnostics if d.code != SCHEMA_CODE or d.pointer not in claimed]


def _locate(diagnostic: Diagnostic, document: SpecDocument) -> Diagnostic:
    line, column = document.locate(diagnostic.pointer)
    return diagnostic.at(document.path, line, column)
