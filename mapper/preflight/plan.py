"""Which checks run on which CSV column: a resource's mappings read against the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.diagnostics import Severity
from mapper.jsonvalues import column_index, list_at, member, module_name, text_at
from mapper.preflight import checks, codes, shapes
from mapper.shapes import BOOLEAN, EMAIL, PHONE, URL, Shape
from mapper.zoho import (
    CONTESTED_DEFAULT_DATE_FORMAT,
    DEFAULT_DATE_FORMAT,
    DEFAULT_DATETIME_FORMAT,
)

if TYPE_CHECKING:
    from mapper.catalog import Catalog, Field, Module

NUMBER_TYPES = frozenset({"integer", "bigint", "long", "double", "decimal", "currency", "percent"})
# most digits before the point when the catalog gives no length (zoho-bulk-write.md §5)
DEFAULT_DIGITS = {"integer": 9, "long": 18, "bigint": 19, "currency": 16}
DEFAULT_LENGTH = {
    "text": 255,
    "textarea": 32000,
    "email": 100,
    "phone": 30,
    "website": 255,
    "picklist": 255,
}
# data types whose values a spreadsheet could take for a formula (numbers and dates can't)
FORMULA_FREE = NUMBER_TYPES | {"date", "datetime", "boolean", "phone"}
SUCCESS = {"insert": "added", "update": "updated", "upsert": "added or updated"}


@dataclass(frozen=True)
class MappedColumn:
    """A mapping that reads a CSV column, with the checks its values go through."""

    position: int
    index: int
    api_name: str
    field: Field | None
    checks: tuple[checks.ValueCheck, ...]
    # a parent or lookup link by id: its header names the linked record, not this field
    reads_link_key: bool = False


@dataclass(frozen=True)
class Job:
    """What decides whether an empty cell matters: the operation and ``ignore_empty``."""

    operation: str = "insert"
    # true: empty cells leave the record's value as it is, instead of blanking it
    ignore_empty: bool = False


@dataclass(frozen=True)
class Plan:
    operation: str
    module: str | None
    columns: tuple[MappedColumn, ...]
    # the field `Name`-like headers stand for (Accounts -> Account_Name), when known
    name_field: str | None = None

    @property
    def highest_index(self) -> int:
        return max((c.index for c in self.columns), default=-1)

    @property
    def success(self) -> str:
        return SUCCESS.get(self.operation, "added")


def resource_of(body: dict, resource_index: int) -> dict:
    resources = list_at(body, "resource") or []
    resource = resources[resource_index] if 0 <= resource_index < len(resources) else None
    return resource if isinstance(resource, dict) else {}


def column_mappings(resource: dict) -> list[tuple[int, dict]]:
    """(position, mapping) of the mappings that read a column (an integer ``index``)."""
    return [
        (position, m)
        for position, m in enumerate(list_at(resource, "field_mappings") or ())
        if isinstance(m, dict) and column_index(m) is not None
    ]


def build_plan(body: dict, resource_index: int, catalog: Catalog | None) -> Plan:
    resource = resource_of(body, resource_index)
    operation = text_at(body, "operation") or "insert"
    ignore_empty = resource.get("ignore_empty", member(body, "ignore_empty")) is True
    job = Job(operation, ignore_empty)
    name = module_name(resource)
    module = catalog.module(name) if catalog and name else None
    find_by = text_at(resource, "find_by")
    columns = []
    for position, mapping in column_mappings(resource):
        api_name = text_at(mapping, "api_name") or ""
        found = _field(module, api_name)
        value_checks = checks_for(mapping, found, job, find_by == api_name)
        value_checks += _layout_checks(api_name, module, SUCCESS.get(job.operation, "added"))
        columns.append(
            MappedColumn(
                position,
                column_index(mapping),
                api_name,
                found,
                value_checks,
                _reads_link_key(mapping),
            )
        )
    name_field = catalog.name_field(name) if catalog and name else None
    return Plan(operation, name, tuple(columns), name_field)


def _layout_checks(
    api_name: str, module: Module | None, success: str
) -> tuple[checks.ValueCheck, ...]:
    """A column mapped to Layout holds layout names: checked when the org's are known."""
    if api_name != "Layout" or module is None or not module.layouts:
        return ()
    names = tuple(layout.name for layout in module.layouts)
    api_names = tuple((x.api_name, x.name) for x in module.layouts if x.api_name)
    return (checks.LayoutCheck(module.api_name, names, api_names, success),)


def _reads_link_key(mapping: dict) -> bool:
    """A subform's or child's parent link, or a lookup found by record id (the header is
    then e.g. 'Account Id' for Parent_Id)."""
    return (
        mapping.get("api_name") == "Parent_Id"
        or "parent_column_index" in mapping
        or mapping.get("find_by") == "id"
    )


def _field(module: Module | None, api_name: str) -> Field | None:
    return module.field(api_name) if module is not None else None


def checks_for(
    mapping: dict, field: Field | None, job: Job, is_find_by: bool
) -> tuple[checks.ValueCheck, ...]:
    """The checks of one mapped column, in the order their findings are reported."""
    found: list[checks.ValueCheck] = []
    found += _presence_checks(mapping, field, job, is_find_by)
    found += _value_checks(mapping, field)
    data_type = field.data_type if field else None
    if data_type not in FORMULA_FREE and not _is_record_id(mapping, field):
        found.append(checks.FormulaCheck())
    return tuple(found)


def _presence_checks(
    mapping: dict, field: Field | None, job: Job, is_find_by: bool
) -> list[checks.ValueCheck]:
    found: list[checks.ValueCheck] = []
    empty = _find_by_check(job) if is_find_by else None
    empty = empty or _mandatory_check(mapping, field, job)
    if empty is not None:
        found.append(empty)
    unique = field is not None and field.unique
    if is_find_by or unique or mapping.get("api_name") == "id":
        casefold = field is not None and field.data_type == "email"
        found.append(checks.DuplicateCheck(casefold=casefold))
    return found


def _find_by_check(job: Job) -> checks.EmptyCheck | None:
    if job.operation == "update":
        why = "it is the find_by column of this update: the row matches no record"
        return checks.EmptyCheck(codes.FIND_BY_EMPTY, why)
    if job.operation == "upsert":
        why = "it is the find_by column: this upsert creates a new record from the row"
        return checks.EmptyCheck(codes.FIND_BY_EMPTY, why, Severity.WARNING, None)
    return None


def _mandatory_check(mapping: dict, field: Field | None, job: Job) -> checks.EmptyCheck | None:
    """Insert: a created record needs the value. Update and upsert: without ignore_empty
    an empty cell blanks the field, which Zoho refuses for a mandatory one; with it, only
    the records an upsert creates miss the value."""
    if field is None or not field.mandatory or isinstance(mapping.get("default_value"), dict):
        return None
    name = field.api_name
    if job.operation == "insert":
        why = f"{name} is mandatory when a record is created"
    elif not job.ignore_empty:
        why = f"{name} is mandatory and ignore_empty is not true, so the empty cell blanks it"
    elif job.operation == "upsert":
        why = f"{name} is mandatory for the records this upsert creates"
        return checks.EmptyCheck(codes.MANDATORY_EMPTY, why, Severity.WARNING)
    else:
        return None
    return checks.EmptyCheck(codes.MANDATORY_EMPTY, why)


def _is_record_id(mapping: dict, field: Field | None) -> bool:
    api_name = mapping.get("api_name")
    if api_name == "Parent_Id":
        # in a parent-child job the column holds the shared key, not a record id
        return "parent_column_index" not in mapping
    by_id = mapping.get("find_by") == "id" and "parent_column_index" not in mapping
    return api_name == "id" or by_id


def _value_checks(mapping: dict, field: Field | None) -> list[checks.ValueCheck]:
    if _is_record_id(mapping, field):
        return [checks.ShapeCheck(codes.BAD_RECORD_ID, shapes.RECORD_ID, "a record id")]
    fmt = text_at(mapping, "format")
    if field is None:
        return _date_checks(fmt, "date") if fmt and _looks_like_date(fmt) else []
    data_type = field.data_type
    if data_type in ("date", "datetime"):
        return _date_checks(fmt, data_type)
    if data_type in NUMBER_TYPES:
        return [] if fmt else [_number_check(field)]
    found = _typed_checks(field)
    length = field.length or DEFAULT_LENGTH.get(data_type)
    if length and data_type in DEFAULT_LENGTH:
        found.append(_length_check(field, length))
    return found


def _length_check(field: Field, length: int) -> checks.LengthCheck:
    """An org's metadata states its lengths; built-in lengths are the standard ones, which
    orgs raise (and older sources understate), so exceeding them is only a warning."""
    if field.confidence == "org":
        return checks.LengthCheck(length)
    return checks.LengthCheck(length, severity=Severity.WARNING, standard=True)


def _typed_checks(field: Field) -> list[checks.ValueCheck]:
    data_type, values = field.data_type, field.pick_list_values
    if data_type == "email":
        return [checks.ShapeCheck(codes.BAD_EMAIL, EMAIL, "an email address")]
    if data_type == "phone":
        return [checks.ShapeCheck(codes.BAD_PHONE, PHONE, "a phone number")]
    if data_type == "website":
        return [checks.ShapeCheck(codes.BAD_URL, URL, "a web address")]
    if data_type == "boolean":
        return [checks.BooleanCheck(codes.BAD_BOOLEAN, BOOLEAN, "true or false")]
    if data_type == "picklist" and values:
        return [checks.PicklistCheck(values)]
    if data_type == "multiselectpicklist":
        found: list[checks.ValueCheck] = [checks.SeparatorCheck(values)]
        return [*found, checks.PicklistCheck(values, multi=True)] if values else found
    return []


def _number_check(field: Field) -> checks.ValueCheck:
    digits = field.length or DEFAULT_DIGITS.get(field.data_type, 16)
    whole = field.data_type in ("integer", "bigint", "long")
    shape = shapes.integer_shape(digits) if whole else shapes.decimal_shape(digits)
    what = "a whole number" if whole else "a number (digits, '.' as the decimal point)"
    return checks.NumberCheck(codes.BAD_NUMBER, shape, what, max_digits=digits)


def _date_checks(fmt: str | None, data_type: str) -> list[checks.ValueCheck]:
    if fmt is None and data_type == "date":
        return _default_date_checks()
    default = DEFAULT_DATETIME_FORMAT if data_type == "datetime" else DEFAULT_DATE_FORMAT
    check = checks.DateCheck.of(fmt or default)
    return [check] if check else []


def _default_date_checks() -> list[checks.ValueCheck]:
    """No format: values in Zoho's documented default pass, ISO dates are a warning (the
    sources disagree, mapper.zoho), anything else an error."""
    from dataclasses import replace

    from mapper.dates import pattern_body

    iso = Shape(pattern_body(CONTESTED_DEFAULT_DATE_FORMAT))
    default = checks.DateCheck.of(DEFAULT_DATE_FORMAT)
    contested = checks.ContestedDateCheck(
        codes.ISO_DATE_WITHOUT_FORMAT,
        iso,
        f"a {CONTESTED_DEFAULT_DATE_FORMAT} date",
        severity=Severity.WARNING,
    )
    return [replace(default, spared=iso), contested]


def _looks_like_date(fmt: str) -> bool:
    return "y" in fmt and "d" in fmt
