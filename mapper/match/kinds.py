"""Whether a column's profiled kind can feed a field's data type: a guard on guesses, so a
column of phone numbers is never proposed for a currency or a user lookup."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mapper.catalog.model import Field
    from mapper.match.model import ColumnLike

_NUMBERS = frozenset({"integer", "decimal", "id", "empty"})
# a pick list holds words or numbers: never addresses, links, phones, dates or record ids
_CHOICES = frozenset({"text", "integer", "decimal", "boolean", "empty"})
# data type -> the profile kinds whose values the field can take; absent types take any kind
_KINDS_BY_TYPE: dict[str, frozenset[str]] = {
    "integer": frozenset({"integer", "id", "empty"}),
    "bigint": frozenset({"integer", "id", "empty"}),
    "long": frozenset({"integer", "id", "empty"}),
    "double": _NUMBERS,
    "decimal": _NUMBERS,
    "currency": _NUMBERS,
    "percent": _NUMBERS,
    "date": frozenset({"date", "datetime", "empty"}),
    "datetime": frozenset({"date", "datetime", "empty"}),
    "boolean": frozenset({"boolean", "integer", "empty"}),
    "email": frozenset({"email", "empty"}),
    "phone": frozenset({"phone", "integer", "id", "empty"}),
    "website": frozenset({"url", "empty"}),
    "ownerlookup": frozenset({"id", "email", "empty"}),
    "userlookup": frozenset({"id", "email", "empty"}),
    "lookup": frozenset({"id", "text", "integer", "email", "empty"}),
    "picklist": _CHOICES,
    "multiselectpicklist": _CHOICES,
}


def kind_fits(kind: str, data_type: str) -> bool:
    """Whether values the profile calls ``kind`` suit a field of ``data_type``."""
    allowed = _KINDS_BY_TYPE.get(data_type)
    return allowed is None or kind in allowed


def not_a_choice(column: ColumnLike, field: Field) -> str | None:
    """An example value that is no known picklist value of ``field``, when none of the
    column's examples is one; None when the values fit or the catalog lists none."""
    choices = {value.casefold() for value in field.pick_list_values}
    examples = [value.strip() for value in column.examples if value.strip()]
    if not choices or not examples or any(v.casefold() in choices for v in examples):
        return None
    return examples[0]


def values_fit(column: ColumnLike, field: Field) -> bool:
    """Whether the column's values could be the field's: by kind, and by picklist values."""
    return kind_fits(column.kind, field.data_type) and not_a_choice(column, field) is None
