"""Building a `Review` from what the pipeline returns: the profile, the compilation (or an
existing spec and its check), and the pre-flight of the rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.diagnostics import Diagnostic, Severity, sorted_diagnostics
from mapper.jsonvalues import column_index, list_at, text_at
from mapper.jsonvalues import module_name as resource_module
from mapper.review.model import (
    ROWS_PER_CODE,
    Alternative,
    CodeRows,
    ColumnFinding,
    ColumnReview,
    DateEvidence,
    FailingRow,
    Review,
)
from mapper.zoho import ROW_ERROR_MEANINGS

if TYPE_CHECKING:
    from mapper.catalog import Catalog, Module
    from mapper.compile import Compilation, CompileOptions
    from mapper.compile.plan import ExplainRow, UnmappedColumn
    from mapper.match import Candidate
    from mapper.preflight import PreflightResult
    from mapper.profile import ColumnProfile, Profile

COMPILED = "compiled"
# a spec's mapping whose column header has nothing of its field's name or label
UNLIKE = "the header does not resemble this field"
NO_FILE_ID = (
    "No --file-id was given, so the spec below has no file_id yet: upload the zipped CSV, "
    "then compile with --file-id set to the upload's details.file_id."
)
# how a date format was chosen (`FormatChoice.reason`), in the reviewer's words
_FORMAT_HOW = {
    "profile": "every value of the column reads with this pattern",
    "--date-format": "given with --date-format",
    "--dayfirst": "day and month both fit; --dayfirst chose day first",
    "--monthfirst": "day and month both fit; --monthfirst chose month first",
    "ambiguous": "undecided: the values read with more than one pattern",
}


def review_compilation(
    compilation: Compilation, options: CompileOptions, catalog: Catalog
) -> Review:
    """The review of a compile (a spec or not): each CSV's mappings and predicted rows.

    The parent CSV's review holds the job (its spec, the findings on it) and, for a
    parent-child job, a review of each child CSV.
    """
    from mapper.compile import render_json

    modules = [options.module, *(child.module for child in options.children)]
    children = tuple(
        _compiled_part(compilation, position, modules[position], options, catalog)
        for position in range(1, len(compilation.files))
    )
    parent = _compiled_part(compilation, 0, options.module, options, catalog)
    return replace(
        parent,
        missing_mandatory=compilation.missing_mandatory,
        spec_json=render_json(compilation.body) if compilation.body is not None else None,
        notes=() if options.file_id is not None else (NO_FILE_ID,),
        children=children,
    )


def _compiled_part(
    compilation: Compilation,
    position: int,
    module_name: str,
    options: CompileOptions,
    catalog: Catalog,
) -> Review:
    """One CSV of a compile: its columns, its findings, its rows run through its resource."""
    from mapper.compile.core import find_module

    (name, path), profiled = compilation.files[position], compilation.profiles[position]
    others = {str(p) for i, (_, p) in enumerate(compilation.files) if i != position}
    module = find_module(module_name, catalog)
    # only the parent resource carries the operation's find_by and may map the id
    allow_id = position == 0 and options.operation in ("update", "upsert")
    result = _preflight(compilation.body, path, catalog, position)
    # the parent holds the job's findings; a child only those located in its CSV
    own = tuple(
        d
        for d in compilation.diagnostics
        if (d.path not in others if position == 0 else d.path == str(path))
    )
    diagnostics = _merged(own, result)
    columns = tuple(
        _mapped_column(row, profiled.columns[row.index], module, catalog, allow_id)
        for row in compilation.explain
        if row.file == name and row.index >= 0
    )
    unmapped = tuple(
        _unmapped_column(u, profiled.columns[u.index], module, catalog, allow_id)
        for u in compilation.unmapped
        if u.file == name
    )
    return _review(
        profiled,
        module.api_name,
        options.operation,
        COMPILED,
        _with_findings(columns, diagnostics, result, str(path)),
        _with_findings(unmapped, diagnostics, result, str(path)),
        (),
        diagnostics,
        result,
        None,
    )


def review_spec(
    spec_path: Path,
    csv_path: Path,
    catalog: Catalog,
    *,
    api_version: str,
) -> Review:
    """The review of an existing spec against the CSV its first resource reads.

    Raises ``mapper.csvfile.CsvError`` when the CSV cannot be read, OSError for the spec.
    """
    from mapper.check import check_document
    from mapper.compile.body import MappingPlan
    from mapper.compile.plan import mandatory_missing
    from mapper.profile import profile
    from mapper.rules import CsvFacts
    from mapper.spec import read_spec

    document = read_spec(spec_path)
    profiled = profile(csv_path)
    facts = {0: CsvFacts.of(profiled)}
    found = check_document(document, api_version=api_version, catalog=catalog, csv=facts)
    body = document.body if isinstance(document.body, dict) else None
    result = _preflight(body, csv_path, catalog)
    diagnostics = _merged(tuple(found), result)
    resource = _first_resource(body)
    module_name = resource_module(resource)
    module = catalog.module(module_name) if module_name else None
    mappings = [m for m in list_at(resource, "field_mappings") or () if isinstance(m, dict)]
    operation = text_at(body, "operation") or "?"
    allow_id = operation in ("update", "upsert")
    columns = tuple(
        _spec_column(m, profiled, module, catalog, allow_id)
        for m in mappings
        if _index(m, profiled) is not None
    )
    used = {_index(m, profiled) for m in mappings}
    unmapped = tuple(
        _spec_left_out(c, module, catalog, allow_id)
        for c in profiled.columns
        if c.index not in used
    )
    missing: tuple[str, ...] = ()
    if module is not None and body and body.get("operation") != "update":
        plans = tuple(MappingPlan(text_at(m, "api_name") or "") for m in mappings)
        hard, conditional = mandatory_missing(module, plans, {module.api_name})
        missing = tuple(f"{module.api_name}.{n}" for n in hard + conditional)
    return _review(
        profiled,
        module_name or "?",
        operation,
        str(spec_path),
        _with_findings(columns, diagnostics, result, str(csv_path)),
        _with_findings(unmapped, diagnostics, result, str(csv_path)),
        missing,
        diagnostics,
        result,
        document.text if body is not None else None,
    )


def _spec_left_out(
    profiled: ColumnProfile, module: Module | None, catalog: Catalog, allow_id: bool
) -> ColumnReview:
    from mapper.match import alternatives

    found = (
        ()
        if module is None
        else alternatives(profiled.header or "", module, catalog, allow_id=allow_id)
    )
    others = _alternatives(found, module) if module is not None else ()
    return _column(profiled, None, None, "not in the spec's field_mappings", alternatives=others)


def _review(
    profiled: Profile,
    module: str,
    operation: str,
    source: str,
    columns: tuple[ColumnReview, ...],
    unmapped: tuple[ColumnReview, ...],
    missing: tuple[str, ...],
    diagnostics: tuple[Diagnostic, ...],
    result: PreflightResult | None,
    spec_json: str | None,
    notes: tuple[str, ...] = (),
) -> Review:
    return Review(
        csv_path=profiled.path,
        rows=profiled.rows,
        encoding=profiled.encoding,
        delimiter=profiled.delimiter,
        module=module,
        operation=operation,
        source=source,
        header=tuple(c.header or "" for c in profiled.columns),
        columns=columns,
        unmapped=unmapped,
        missing_mandatory=missing,
        diagnostics=diagnostics,
        outcomes=dict(result.outcomes) if result else {},
        zoho_codes=dict(result.zoho_codes) if result else {},
        failing=_failing(result) if result else (),
        spec_json=spec_json,
        notes=notes,
    )


def _preflight(
    body: dict | None, csv_path: Path, catalog: Catalog, resource_index: int = 0
) -> PreflightResult | None:
    """The rows' predicted result; None when there is no body to run them through."""
    from mapper.preflight import preflight

    if body is None:
        return None
    return preflight(body, Path(csv_path), catalog=catalog, resource_index=resource_index)


def _merged(
    found: tuple[Diagnostic, ...], result: PreflightResult | None
) -> tuple[Diagnostic, ...]:
    """The compile's (or check's) findings and the pre-flight's, each said once."""
    seen = {(d.code, d.message) for d in found}
    extra = [d for d in (result.diagnostics if result else []) if (d.code, d.message) not in seen]
    return tuple(sorted_diagnostics([*found, *extra]))


def _column(
    profiled: ColumnProfile, field: str | None, confidence: float | None, reason: str, **more: Any
) -> ColumnReview:
    return ColumnReview(
        index=profiled.index,
        header=profiled.header or "",
        kind=profiled.kind,
        samples=tuple(profiled.examples),
        field=field,
        confidence=confidence,
        reason=reason,
        **more,
    )


def _mapped_column(
    row: ExplainRow, profiled: ColumnProfile, module: Module, catalog: Catalog, allow_id: bool
) -> ColumnReview:
    from mapper.match import alternatives

    others = alternatives(
        profiled.header or "", module, catalog, allow_id=allow_id, leave_out=row.field
    )
    return _column(
        profiled,
        row.field,
        row.confidence,
        row.match_reason or row.reason,
        field_label=_label(module, row.field),
        find_by=row.find_by,
        find_by_reason=row.find_by_reason,
        alternatives=_alternatives(others, module),
        date=_date_evidence(profiled, row.format, row.format_reason),
    )


def _unmapped_column(
    column: UnmappedColumn,
    profiled: ColumnProfile,
    module: Module,
    catalog: Catalog,
    allow_id: bool,
) -> ColumnReview:
    from mapper.match import alternatives

    others = alternatives(profiled.header or "", module, catalog, allow_id=allow_id)
    return _column(
        profiled,
        None,
        None,
        column.reason,
        alternatives=_alternatives(others, module),
    )


def _label(module: Module | None, api_name: str) -> str:
    field = module.field(api_name) if module is not None else None
    return field.label if field is not None and field.label != api_name else ""


def _alternatives(candidates: tuple[Candidate, ...], module: Module) -> tuple[Alternative, ...]:
    return tuple(
        Alternative(c.field, c.score, c.reason, _label(module, c.field)) for c in candidates
    )


def _date_evidence(profiled: ColumnProfile, chosen: str | None, how: str) -> DateEvidence | None:
    """What settled (or left open) the format of a date column; None for other columns."""
    if profiled.kind not in ("date", "datetime") and how != "--date-format":
        return None
    from mapper.dates import PatternError, meaning

    try:
        order = meaning(chosen) if chosen else ()
    except PatternError:
        order = ()
    return DateEvidence(
        format=chosen,
        how=_FORMAT_HOW.get(how, how or "no single pattern reads every value"),
        order=order,
        settled_by=tuple(profiled.settled_by),
        candidates=tuple(profiled.candidates) if profiled.ambiguous else (),
        note=profiled.note,
    )


def _with_findings(
    columns: tuple[ColumnReview, ...],
    diagnostics: tuple[Diagnostic, ...],
    result: PreflightResult | None,
    csv_path: str,
) -> tuple[ColumnReview, ...]:
    """Each column with its findings: the diagnostics located in it, one entry per code."""
    by_column: dict[int, dict[str, list[Diagnostic]]] = defaultdict(lambda: defaultdict(list))
    for d in diagnostics:
        if d.path == csv_path and d.column is not None:
            by_column[d.column - 1][d.code].append(d)
    counts = result.by_column if result else {}
    reviewed = []
    for column in columns:
        findings = tuple(
            ColumnFinding(
                code=code,
                severity=first.severity,
                rows=counts.get((code, column.index), 0),
                first=first,
            )
            for code, found in by_column.get(column.index, {}).items()
            for first in [min(found, key=lambda d: (d.severity.rank, d.line or 0))]
        )
        reviewed.append(replace(column, findings=findings))
    return tuple(reviewed)


def _failing(result: PreflightResult) -> tuple[CodeRows, ...]:
    """Per Zoho code, the first rows predicted to fail with it, with their cells."""
    from mapper.preflight.scan import ZOHO_ORDER

    lines: dict[str, dict[int, list[Diagnostic]]] = defaultdict(lambda: defaultdict(list))
    for d in result.diagnostics:
        if d.zoho_code and d.severity is Severity.ERROR and d.line is not None:
            lines[d.zoho_code][d.line].append(d)
    order = [c for c in ZOHO_ORDER if c in result.zoho_codes]
    order += [c for c in result.zoho_codes if c not in order]
    return tuple(
        CodeRows(
            code,
            result.zoho_codes[code],
            _rows(lines.get(code, {}), result),
            ROW_ERROR_MEANINGS.get(code, ""),
        )
        for code in order
    )


def _rows(found: dict[int, list[Diagnostic]], result: PreflightResult) -> tuple[FailingRow, ...]:
    return tuple(
        FailingRow(
            line=line,
            cells=result.cells.get(line, ()),
            bad_columns=frozenset(d.column - 1 for d in found[line] if d.column),
            messages=tuple(f"{d.code} {d.message}" for d in found[line]),
        )
        for line in sorted(found)[:ROWS_PER_CODE]
    )


def _first_resource(body: dict | None) -> dict:
    first = (list_at(body, "resource") or [None])[0]
    return first if isinstance(first, dict) else {}


def _index(mapping: dict, profiled: Profile) -> int | None:
    index = column_index(mapping)
    return index if index is not None and index < len(profiled.columns) else None


def _spec_column(
    mapping: dict, profiled: Profile, module: Module | None, catalog: Catalog, allow_id: bool
) -> ColumnReview:
    """A mapping the spec sets, with how strongly its column's header reads as its field:
    a reviewer's hint at a mapping that points at the wrong column."""
    from mapper.match import alternatives, header_evidence

    column = profiled.columns[_index(mapping, profiled)]
    fmt = text_at(mapping, "format")
    find_by = text_at(mapping, "find_by")
    api_name = text_at(mapping, "api_name") or ""
    field = module.field(api_name) if module is not None else None
    confidence, reason, others = None, "set in the spec", ()
    if module is not None and field is not None:
        name_field = catalog.name_field(module.api_name)
        confidence, why = header_evidence(column.header or "", field, name_field=name_field)
        reason = why or UNLIKE
        found = alternatives(
            column.header or "", module, catalog, allow_id=allow_id, leave_out=api_name
        )
        others = _alternatives(found, module)
    return _column(
        column,
        api_name,
        confidence,
        reason,
        field_label=_label(module, api_name),
        find_by=find_by,
        find_by_reason="set in the spec" if find_by else None,
        alternatives=others,
        date=_date_evidence(column, fmt, "set in the spec") if fmt else None,
    )
