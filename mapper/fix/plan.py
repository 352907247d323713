"""Which rule each CSV column gets: from the compile's own matching (``--module``) or from
an existing spec's mappings (``--spec``), the field's type read from the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.fix.dates import DateRefusal, plan_rewrite
from mapper.fix.model import (
    BOOLEANS,
    DATES,
    MULTI_SELECT,
    NUMBERS,
    TRIM,
    ColumnRule,
)

if TYPE_CHECKING:
    from mapper.catalog import Catalog, Field
    from mapper.compile.options import CompileOptions
    from mapper.profile import ColumnProfile, Profile

DATE_DECIDERS = '--dayfirst, --monthfirst or --date-format "HEADER=PATTERN"'


class FixError(Exception):
    """Input fix cannot work with (the CLI exits 2 with ``hint``)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class FixOptions:
    """How values are written: ``date_style`` "zoho" (MM/dd/yyyy) or "iso" (yyyy-MM-dd
    for date fields); formulas are prefixed with an apostrophe only when asked."""

    date_style: str = "zoho"
    neutralise_formulas: bool = False


@dataclass(frozen=True)
class FixPlan:
    """The rules of the mapped columns, by index; every other column is copied."""

    module: str | None
    rules: dict[int, ColumnRule]


def plan_for_module(
    csv_path: Path, options: CompileOptions, catalog: Catalog, fix: FixOptions
) -> FixPlan:
    """The columns as `mapper compile` would map them, with the same options."""
    from mapper.compile.core import draft_parent
    from mapper.compile.options import CompileError

    try:
        draft = draft_parent(csv_path, options, catalog)
    except CompileError as error:
        raise FixError(error.message, error.hint) from None
    module, profiled = draft.source.module, draft.source.profile
    rules = {}
    for mapping in draft.mappings:
        if mapping.index is None:
            continue
        field = module.field(mapping.api_name)
        column = profiled.columns[mapping.index]
        source, refusal = _profiled_choice(column, options.date_formats, options.date_order)
        rules[mapping.index] = column_rule(
            mapping.index, column.header or "", mapping.api_name, field, fix,
            source=source, refusal=refusal, record_id=_by_id(mapping.api_name, mapping.find_by),
        )  # fmt: skip
    return FixPlan(module.api_name, rules)


def plan_for_spec(
    csv_path: Path,
    body: dict,
    catalog: Catalog,
    fix: FixOptions,
    *,
    date_formats: tuple[tuple[str, str], ...] = (),
    date_order: str | None = None,
) -> FixPlan:
    """The columns a spec's first resource maps; a date mapping without ``format`` is read
    in the pattern the profile finds (decided as compile decides it)."""
    from mapper.jsonvalues import column_index, list_at, module_name, text_at

    resources = list_at(body, "resource") or []
    resource = resources[0] if resources and isinstance(resources[0], dict) else {}
    name = module_name(resource)
    module = catalog.module(name) if name else None
    header = _header(csv_path)
    profiled: Profile | None = None  # read only for a date mapping without format
    rules = {}
    for mapping in list_at(resource, "field_mappings") or []:
        index = column_index(mapping)
        if index is None or index in rules or index >= len(header):
            continue  # past the last column: the pre-flight's BW702, nothing to fix
        api_name = text_at(mapping, "api_name") or ""
        field = module.field(api_name) if module else None
        source, refusal = text_at(mapping, "format"), None
        if source is None and field is not None and field.is_date:
            profiled = profiled or _profile(csv_path)
            column = profiled.columns[index]
            source, refusal = _profiled_choice(column, date_formats, date_order)
        record_id = _by_id(api_name, text_at(mapping, "find_by"))
        rules[index] = column_rule(
            index, header[index], api_name, field, fix,
            source=source, refusal=refusal, record_id=record_id,
        )  # fmt: skip
    return FixPlan(name, rules)


def _header(csv_path: Path) -> tuple[str, ...]:
    from mapper.csvfile import CsvError, sniff

    try:
        return sniff(csv_path).header
    except CsvError as error:
        raise FixError(str(error)) from None


def _profiled_choice(
    column: ColumnProfile, date_formats: tuple[tuple[str, str], ...], date_order: str | None
) -> tuple[str | None, str | None]:
    from mapper.compile.formats import choose_format
    from mapper.match import columns_named

    forced = next((p for h, p in date_formats if columns_named([column], h)), None)
    choice = choose_format(
        column.kind, column.format, tuple(column.candidates), column.ambiguous,
        forced=forced, date_order=date_order,
    )  # fmt: skip
    return choice.format, _date_refusal(column, choice.candidates)


def _profile(csv_path: Path) -> Profile:
    from mapper.csvfile import CsvError
    from mapper.profile import profile

    try:
        return profile(csv_path)
    except CsvError as error:
        raise FixError(str(error)) from None


def _by_id(api_name: str, find_by: str | None) -> bool:
    return api_name in ("id", "Parent_Id") or find_by == "id"


def _date_refusal(column: ColumnProfile, candidates: tuple[str, ...]) -> str | None:
    """Why a date column has no pattern to read its values in (None when it has one)."""
    from mapper.compile.codes import column_shapes

    if candidates:
        return (
            f"its dates read as {' or '.join(candidates)}; fix does not guess which: "
            f"decide it with {DATE_DECIDERS}"
        )
    if column.kind == "empty":
        return None
    if column.kind in ("date", "datetime"):
        return f"its dates are in more than one shape ({column_shapes(column)})"
    return f"its values read as {column.kind}, not as dates ({column_shapes(column)})"


def column_rule(
    index: int,
    header: str,
    api_name: str,
    field: Field | None,
    fix: FixOptions,
    *,
    source: str | None = None,
    refusal: str | None = None,
    record_id: bool = False,
) -> ColumnRule:
    """The rule for one mapped column, by its field's data type."""
    from mapper.preflight.plan import FORMULA_FREE, NUMBER_TYPES

    data_type = field.data_type if field is not None else ""
    base = ColumnRule(
        index, header, api_name, data_type, TRIM,
        formula_prone=data_type not in FORMULA_FREE and not record_id,
    )  # fmt: skip
    if field is None or record_id:
        return base
    if data_type in ("date", "datetime"):
        return _date_rule(base, source, refusal, fix.date_style)
    if data_type in NUMBER_TYPES:
        return _number_rule(base, field)
    if data_type == "boolean":
        return _with(base, rule=BOOLEANS)
    if data_type == "multiselectpicklist":
        return _with(base, rule=MULTI_SELECT, pick_list=field.pick_list_values)
    # a pick list's own values ("-None-") are no formulas
    return _with(base, pick_list=field.pick_list_values)


def _date_rule(base: ColumnRule, source: str | None, refusal: str | None, style: str) -> ColumnRule:
    if source is None:
        hint = DATE_DECIDERS if refusal and "decide" in refusal else None
        return _with(base, rule=DATES, refusal=refusal, hint=hint)
    try:
        rewrite = plan_rewrite(source, base.data_type, style)
    except DateRefusal as error:
        return _with(base, rule=DATES, source=source, refusal=str(error))
    if rewrite is None:  # already in a listed pattern fix keeps
        return _with(base, rule=DATES, source=source, target=source)
    return _with(base, rule=DATES, source=source, target=rewrite.target)


def _number_rule(base: ColumnRule, field: Field) -> ColumnRule:
    from mapper.preflight.plan import DEFAULT_DIGITS

    digits = field.length or DEFAULT_DIGITS.get(field.data_type, 16)
    whole = field.data_type in ("integer", "bigint", "long")
    return _with(base, rule=NUMBERS, max_digits=digits, whole=whole)


def _with(base: ColumnRule, **changes: object) -> ColumnRule:
    from dataclasses import replace

    return replace(base, **changes)
