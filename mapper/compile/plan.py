"""Planning one resource: its CSV's columns matched to fields, plus the special mappings
(layout, subform parent, parent-child link, constants), with the reasons for each."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.compile import codes
from mapper.compile.body import MappingPlan
from mapper.compile.formats import FORCED, choose_format, pattern_misfits
from mapper.compile.options import CompileError, CompileOptions
from mapper.diagnostics import Diagnostic
from mapper.match import columns_named, names_column

if TYPE_CHECKING:
    from mapper.catalog import Catalog, Field, Module
    from mapper.compile.formats import FormatChoice
    from mapper.match import FieldMatch, MatchResult, Unmatched
    from mapper.profile import ColumnProfile, Profile

LAYOUT_HEADER = "Layout"
# a left-out column's best guess scoring below this is noise, not a near miss worth a warning
NEAR_MISS = 0.6
# ... and below this, too weak to suggest as a --map (LASTNAME is not Account_Name at 0.63)
SUGGEST_MAP = 0.7


@dataclass(frozen=True)
class Source:
    """One CSV as profiled, and the module its rows go to."""

    path: Path
    profile: Profile
    module: Module
    # the DataFrame the profile was made of; None for a CSV file
    frame: Any = None

    @property
    def data(self) -> Any:
        """What to read the values from again: the DataFrame, else the CSV's path."""
        return self.path if self.frame is None else self.frame

    @property
    def name(self) -> str:
        return self.path.name

    def headers(self) -> list[str]:
        return [column.header for column in self.profile.columns]

    def has_header(self, name: str) -> bool:
        return bool(columns_named(self.profile.columns, name))

    def index_of(self, header: str, option: str) -> int:
        """The first column named ``header``; a missing one is the user's mistake."""
        named = columns_named(self.profile.columns, header)
        if named:
            return self.profile.columns[named[0]].index
        known = ", ".join(repr(h) for h in self.headers())
        raise CompileError(
            f"{option}: no column '{header}' in {self.name}", f"its columns are: {known}"
        )


@dataclass(frozen=True)
class ExplainRow:
    """Why one column (or, with ``index`` -1, one constant) went to ``field``.

    ``reason`` says it all in one line; ``match_reason``, ``find_by_reason`` and
    ``format_reason`` are its parts, for a reader that shows them apart.
    """

    file: str
    index: int
    header: str
    field: str
    confidence: float | None
    reason: str
    find_by: str | None = None
    format: str | None = None
    match_reason: str = ""
    find_by_reason: str | None = None
    format_reason: str = ""


@dataclass(frozen=True)
class UnmappedColumn:
    file: str
    index: int
    header: str
    reason: str


@dataclass(frozen=True)
class ResourceDraft:
    """A resource's mappings with their explanations, before the body is built."""

    source: Source
    mappings: tuple[MappingPlan, ...]
    explain: tuple[ExplainRow, ...]
    unmapped: tuple[UnmappedColumn, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class SpecialColumn:
    """A column mapped by an option rather than by matching its header."""

    mapping: MappingPlan
    header: str
    reason: str


def draft_resource(
    source: Source,
    options: CompileOptions,
    catalog: Catalog,
    specials: list[SpecialColumn],
    claimed: dict[str, str] | None = None,
) -> ResourceDraft:
    """Match the columns the specials leave; ``claimed`` maps a field an option sets
    anyway to that option, so no column competes for it."""
    claimed = {s.mapping.api_name: s.reason for s in specials} | (claimed or {})
    result = _match(source, options, catalog, {s.mapping.index for s in specials})
    kept, displaced = _without_claimed(result.matches, claimed)
    left_out = sorted([*result.unmatched, *displaced], key=lambda column: column.index)
    matched = [_matched(source, m, options.date_formats, options.date_order) for m in kept]
    rows = [_special_row(source, s) for s in specials] + [row for _, row, _ in matched]
    return ResourceDraft(
        source=source,
        mappings=tuple(s.mapping for s in specials) + tuple(m for m, _, _ in matched),
        explain=tuple(sorted(rows, key=lambda r: r.index)),
        unmapped=tuple(_unmapped(source, column) for column in left_out),
        diagnostics=tuple(d for _, _, found in matched for d in found)
        + tuple(_left_out_diagnostics(source, left_out, _allows_id(options))),
    )


def _without_claimed(
    matches: tuple[FieldMatch, ...], claimed: dict[str, str]
) -> tuple[list[FieldMatch], list[Unmatched]]:
    """Matches to fields an option already sets give way, and say why."""
    from mapper.match.model import TAKEN, Unmatched

    kept = [m for m in matches if m.field.api_name not in claimed]
    displaced = [
        Unmatched(
            m.index,
            m.header,
            f"{m.field.api_name} is set by {by}",
            m.field.api_name,
            m.confidence,
            TAKEN,
        )
        for m in matches
        if (by := claimed.get(m.field.api_name))
    ]
    return kept, displaced


def _match(
    source: Source, options: CompileOptions, catalog: Catalog, taken: set[int | None]
) -> MatchResult:
    """The matcher's verdict on the columns no option claimed already.

    --map and --skip reach only those columns: a header they name may belong to another
    CSV of the job, or be a column an option already mapped (the option wins)."""
    from mapper.match import MatchError, match_columns

    offered = [c for c in source.profile.columns if c.index not in taken]

    def offers(name: str) -> bool:
        return bool(columns_named(offered, name))

    threshold = {"threshold": options.threshold} if options.threshold is not None else {}
    try:
        return match_columns(
            offered,
            source.module,
            catalog,
            overrides={h: f for h, f in options.overrides if offers(h)},
            skip=[h for h in options.skip if offers(h)],
            allow_id=_allows_id(options),
            **threshold,
        )
    except MatchError as error:
        raise CompileError(str(error), error.hint) from None


def _allows_id(options: CompileOptions) -> bool:
    """Only an update or upsert may map a column to the record id."""
    return options.operation in ("update", "upsert")


def _matched(
    source: Source,
    match: FieldMatch,
    forced: tuple[tuple[str, str], ...],
    date_order: str | None,
) -> tuple[MappingPlan, ExplainRow, list[Diagnostic]]:
    column = source.profile.columns[match.index]
    field = match.field
    choice = choose_format(
        column.kind if field.is_date else "",
        column.format,
        tuple(column.candidates),
        column.ambiguous,
        forced=next((p for h, p in forced if columns_named([column], h)), None),
        date_order=date_order,
    )
    mapping = MappingPlan(
        field.api_name, index=column.index, format=choice.format, find_by=match.find_by
    )
    row = ExplainRow(
        file=source.name,
        index=column.index,
        header=column.header,
        field=field.api_name,
        confidence=match.confidence,
        reason=_reason(match, choice.reason),
        find_by=match.find_by,
        format=choice.format,
        match_reason=match.reason,
        find_by_reason=match.find_by_reason if match.find_by else None,
        format_reason=choice.reason,
    )
    return mapping, row, _format_findings(source, column, field, choice)


def _format_findings(
    source: Source, column: ColumnProfile, field: Field, choice: FormatChoice
) -> list[Diagnostic]:
    """An undecided date column, a forced pattern the values do not fit, or a date field
    whose column has no single date format: each stops the compile."""
    if choice.undecided:
        return [codes.ambiguous_date(source.path, column.index, column.header, choice)]
    if choice.reason == FORCED and choice.format is not None:
        misfits = pattern_misfits(source.data, column.index, choice.format)
        if misfits is not None:
            return [
                codes.format_misfit(
                    source.path, column, choice.format, misfits.count, misfits.example
                )
            ]
    if field.is_date and choice.format is None and column.kind != "empty":
        return [codes.not_dates(source.path, column, field.api_name, field.data_type)]
    if field.is_date and choice.format is not None:
        return _unlisted_dates(source, column, field, choice)
    return _unplain_numbers(source, column, field)


def _unlisted_dates(
    source: Source, column: ColumnProfile, field: Field, choice: FormatChoice
) -> list[Diagnostic]:
    """compile writes only the formats Zoho lists for the field's type (mapper.zoho)."""
    from mapper.zoho import FORMAT_LISTS

    kind = "datetime" if field.data_type == "datetime" else "date"
    if choice.format is None or FORMAT_LISTS[kind].lists(choice.format):
        return []
    module = source.module.api_name
    forced = choice.reason == FORCED
    return [
        codes.unlisted_date_values(
            source.path, column, module, choice.format, kind,
            forced=forced, frame=source.frame is not None,
        )
    ]  # fmt: skip


# profile kinds whose every value is already a plain number (or that have no values)
_PLAIN_KINDS = frozenset({"empty", "integer", "decimal", "id"})


def _unplain_numbers(source: Source, column: ColumnProfile, field: Field) -> list[Diagnostic]:
    """A number field's column of values Zoho does not read as numbers (`1.234,56`)."""
    from mapper.compile.formats import number_misfits
    from mapper.preflight.plan import NUMBER_TYPES

    if field.data_type not in NUMBER_TYPES or column.kind in _PLAIN_KINDS:
        return []
    if source.frame is not None:  # a DataFrame's numbers are written plain
        return []
    misfits = number_misfits(source.path, column.index)
    if misfits is None:
        return []
    return [
        codes.unlisted_number_values(
            source.path, column, source.module.api_name, field.data_type,
            misfits.count, misfits.example,
        )
    ]  # fmt: skip


def _reason(match: FieldMatch, format_reason: str) -> str:
    parts = [match.reason]
    if match.find_by and match.find_by_reason:
        parts.append(f"find_by: {match.find_by_reason}")
    if format_reason and format_reason != "profile":
        parts.append(f"format: {format_reason}")
    return "; ".join(parts)


def _special_row(source: Source, special: SpecialColumn) -> ExplainRow:
    mapping = special.mapping
    return ExplainRow(
        file=source.name,
        index=mapping.index if mapping.index is not None else -1,
        header=special.header,
        field=mapping.api_name,
        confidence=None,
        reason=special.reason,
        find_by=mapping.find_by,
        match_reason=special.reason,
    )


def _unmapped(source: Source, column: Unmatched) -> UnmappedColumn:
    return UnmappedColumn(source.name, column.index, column.header, column.reason)


def _left_out_diagnostics(
    source: Source, unmatched: list[Unmatched], allow_id: bool
) -> list[Diagnostic]:
    """Every column left out is said out loud, unless --skip asked for it: a near miss
    (a field it could feed, scored below the threshold but above `NEAR_MISS`, or one its
    values contradict), a field no column sets, a field another column feeds, a user
    lookup's column of names, or a header no field reads like. A ``--map`` is suggested
    only when the values suit the field."""
    from mapper.match import column_ref, is_target, values_fit
    from mapper.match.model import DOUBTED, NOT_A_TARGET, SKIPPED, TAKEN

    headers = source.headers()
    found = []
    for column in unmatched:
        ref = column_ref(column.header, column.index, headers)
        field = source.module.field(column.best_guess) if column.best_guess else None
        near = field is not None and is_target(field, allow_id)
        if column.cause == SKIPPED:
            continue
        if column.user_names:
            found.append(codes.user_names(source.path, column, ref))
        elif column.cause == NOT_A_TARGET:
            found.append(codes.not_writable(source.path, column, ref))
        elif column.cause == TAKEN:
            found.append(codes.field_taken(source.path, column, ref))
        elif near and (column.cause == DOUBTED or column.confidence >= NEAR_MISS):
            profiled = source.profile.columns[column.index]
            suggest = column.confidence >= SUGGEST_MAP and values_fit(profiled, field)
            found.append(codes.left_out(source.path, column, ref, suggest))
        else:
            found.append(codes.unknown_column(source.path, column, ref, source.module.api_name))
    return found


def special_columns(source: Source, options: CompileOptions) -> list[SpecialColumn]:
    """Layout and subform-parent columns of a parent (or single) resource."""
    specials = []
    layout_header = options.layout_column or _auto_layout_header(source, options)
    if layout_header is not None:
        index = source.index_of(layout_header, "--layout-column")
        why = "--layout-column" if options.layout_column else "header 'Layout': layout names"
        specials.append(SpecialColumn(MappingPlan("Layout", index=index), layout_header, why))
    if options.parent_id_column is not None:
        index = source.index_of(options.parent_id_column, "--parent-id-column")
        mapping = MappingPlan("Parent_Id", index=index, find_by=options.parent_find_by)
        why = f"--parent-id-column: parent record by {options.parent_find_by}"
        specials.append(SpecialColumn(mapping, options.parent_id_column, why))
    return specials


def _auto_layout_header(source: Source, options: CompileOptions) -> str | None:
    """A column headed ``Layout`` holds layout names, unless a layout id was given."""
    if options.layout is not None:
        return None
    named = [header for header, _ in options.overrides] + list(options.skip)
    if any(names_column(LAYOUT_HEADER, header) for header in named):
        return None
    return next((h for h in source.headers() if names_column(LAYOUT_HEADER, h)), None)


def constant_mappings(
    module: Module, options: CompileOptions, mapped: tuple[MappingPlan, ...]
) -> tuple[MappingPlan, ...]:
    """``mapped`` with ``--default`` values folded in, plus the constant-only mappings."""
    defaults = dict(options.defaults)
    merged = tuple(
        replace(m, default_value=defaults.pop(m.api_name)) if m.api_name in defaults else m
        for m in mapped
    )
    constants = [MappingPlan(name, default_value=value) for name, value in defaults.items()]
    if options.layout is not None:
        constants.append(MappingPlan("Layout", default_value=resolve_layout(module, options)))
    return merged + tuple(constants)


def resolve_layout(module: Module, options: CompileOptions) -> str:
    """The layout id for ``--layout``: a known layout's name or id, or a bare id."""
    wanted = options.layout or ""
    layout = module.layout(wanted)
    if layout is not None:
        return layout.id
    if wanted.isdigit() and not module.layouts:
        return wanted
    known = ", ".join(f"{layout.name} ({layout.id})" for layout in module.layouts)
    hint = (
        f"known layouts of {module.api_name}: {known}"
        if known
        else "pass --layouts with the org's Layouts API response, or give the layout id"
    )
    raise CompileError(f"--layout: no layout '{wanted}' in {module.api_name}", hint)


def child_link(
    child: Source, parent: Source, link_header: str, parent_header: str
) -> SpecialColumn:
    """The child column that names its parent row, tied to the parent's column by position."""
    index = child.index_of(link_header, "--child")
    parent_index = parent.index_of(parent_header, "--child")
    field = link_field(child.module, parent.module.api_name)
    mapping = MappingPlan(field, index=index, parent_column_index=parent_index)
    why = f"link to parent {parent.name} index {parent_index} '{parent_header}'"
    return SpecialColumn(mapping, link_header, why)


def link_field(child: Module, parent_module: str) -> str:
    """``Parent_Id`` for subforms and line items; a linking module's lookup to the parent."""
    if child.field("Parent_Id") is not None:
        return "Parent_Id"
    for field in child.fields:
        if field.is_lookup and parent_module in field.lookup_modules:
            return field.api_name
    return "Parent_Id"


def mandatory_missing(
    module: Module, mappings: tuple[MappingPlan, ...], modules_in_job: set[str]
) -> tuple[list[str], list[str]]:
    """Mandatory fields nothing sets: (always mandatory, mandatory under an org setting).

    A subform or line-item field counts as set when its module is a resource of the job.
    """
    mapped = {m.api_name for m in mappings}
    missing = [
        f
        for f in module.mandatory_fields()
        if f.api_name not in mapped and f.associated_module not in modules_in_job
    ]
    hard = [f.api_name for f in missing if not f.conditional_mandatory]
    conditional = [f.api_name for f in missing if f.conditional_mandatory]
    return hard, conditional
