"""Meaning guards: a header that reads like a field is not used when the column says
otherwise. Spelling alone once sent German `Vorname` (first name) to `Vendor_Name` at
0.82; these checks catch such guesses, and the matcher lists them instead of using them.

Each guard returns why the match is doubtful, or None when nothing contradicts it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapper.catalog.find_by import USER_LOOKUP_TYPES
from mapper.match.kinds import kind_fits

if TYPE_CHECKING:
    from mapper.catalog.model import Field
    from mapper.match.model import ColumnLike

# kinds that say what the values are; "text" may be a dirty column of any kind
_DEFINITE_KINDS = frozenset({"email", "url", "phone", "date", "datetime", "boolean", "id"})
_CHOICE_TYPES = frozenset({"picklist", "multiselectpicklist"})
# the parts of header and name outside their longest shared run must be this alike ...
_REST_ALIKE = 0.5
# ... when they differ by this many characters or more (`Adress` is still `Address`)
_REST_CHARS = 3
_PLACEHOLDER_CHOICES = frozenset({"-none-"})
_KIND_TEXT = {
    "text": "free text",
    "email": "emails",
    "url": "web addresses",
    "phone": "phone numbers",
    "id": "record ids",
    "integer": "whole numbers",
    "decimal": "decimal numbers",
    "boolean": "true/false values",
}


def kind_contradiction(column: ColumnLike, field: Field, *, strict: bool) -> str | None:
    """The values are of a kind the field cannot take. ``strict`` (for fuzzy guesses) also
    counts plain text against typed fields; otherwise only a definite other kind does."""
    # a user lookup's column of names is reported as such (BW807), not as a misfit
    if kind_fits(column.kind, field.data_type) or field.data_type in USER_LOOKUP_TYPES:
        return None
    if not strict and column.kind not in _DEFINITE_KINDS:
        return None
    values = _KIND_TEXT.get(column.kind, f"{column.kind} values")
    return f"its values are {values}, which {field.data_type} fields do not take"


def shared_affix(header_norm: str, names: Sequence[str]) -> str | None:
    """The similarity rests on a shared start or end (`vorname` / `vendorname` share
    `orname`) while the rest differs: two different words with a common ending."""
    name = max(names, key=lambda n: difflib.SequenceMatcher(None, header_norm, n).ratio())
    matcher = difflib.SequenceMatcher(None, header_norm, name, autojunk=False)
    block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
    at_start = block.a == 0 and block.b == 0
    at_end = block.a + block.size == len(header_norm) and block.b + block.size == len(name)
    if not block.size or not (at_start or at_end):
        return None
    rest_header = header_norm[: block.a] + header_norm[block.a + block.size :]
    rest_name = name[: block.b] + name[block.b + block.size :]
    alike = difflib.SequenceMatcher(None, rest_header, rest_name).ratio()
    if alike >= _REST_ALIKE or max(len(rest_header), len(rest_name)) < _REST_CHARS:
        return None
    shared = header_norm[block.a : block.a + block.size]
    return f"the likeness rests on the shared {shared!r}; {rest_header!r} is not {rest_name!r}"


def values_of_another(
    column: ColumnLike, field: Field, fields: Sequence[Field]
) -> tuple[Field, str] | None:
    """Every value is a picklist value of another field (Outlook's `Title` holds `Mr.`,
    `Dr.`: Salutation's values, not job titles); only checked for a field of free text."""
    if field.data_type in _CHOICE_TYPES:
        return None
    values = {v.strip().casefold() for v in column.examples if v.strip()}
    if len(values) < 2:
        return None
    for other in fields:
        choices = {c.casefold() for c in other.pick_list_values} - _PLACEHOLDER_CHOICES
        if other is not field and other.data_type in _CHOICE_TYPES and values <= choices:
            shown = ", ".join(
                list(dict.fromkeys(v.strip() for v in column.examples if v.strip()))[:3]
            )
            return other, f"its values ({shown}) are {other.api_name}'s picklist values"
    return None
