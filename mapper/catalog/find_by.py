"""How a lookup column finds its record: Zoho's ``find_by``, chosen from the values.

Here, below both the matcher and the rules: ``mapper compile`` chooses with it, and
``mapper check`` hints the same choice, without the checker depending on the compiler.
"""

from __future__ import annotations

from mapper.catalog.model import Catalog, Field, Module

USER_LOOKUP_TYPES = frozenset({"ownerlookup", "userlookup"})
KIND_WORDS = {"email": "emails", "text": "names", "integer": "numbers"}


def choose_find_by(
    field: Field, kind: str, catalog: Catalog, declared: str | None = None
) -> tuple[str | None, str | None]:
    """How Zoho should find a lookup's record from the column, and why; (None, None) if
    the field is no lookup. `declared` comes from a dotted header or --map."""
    if not field.is_lookup:
        return None, None
    if declared:
        return _declared_find_by(field, kind, catalog, declared)
    if kind == "empty":
        return None, "the column is empty, so nothing shows how to find the record"
    if field.data_type in USER_LOOKUP_TYPES:
        return _user_find_by(kind)
    return _record_find_by(field, kind, catalog)


def _user_find_by(kind: str) -> tuple[str | None, str]:
    if kind == "id":
        return "id", "values are Zoho user ids"
    if kind == "email":
        return "email", "values are user emails"
    return None, f"users are found by email or id, and these values are {kind}"


def _record_find_by(field: Field, kind: str, catalog: Catalog) -> tuple[str | None, str]:
    if kind == "id":
        return "id", "values are Zoho record ids"
    targets = field.lookup_modules
    if not targets:
        return None, "the target module is unknown, so only Zoho record ids can find it"
    picks = {_target_find_by(name, kind, catalog) for name in targets}
    if len(picks) == 1 and None not in picks:
        chosen = picks.pop()
        return chosen, f"values are {KIND_WORDS.get(kind, kind)}: {'/'.join(targets)} by {chosen}"
    if len(targets) > 1:
        return None, f"a lookup to {', '.join(targets)}: only Zoho record ids can tell them apart"
    return None, f"{kind} values cannot find a record in {targets[0]}: give ids or names"


def _target_find_by(module_name: str, kind: str, catalog: Catalog) -> str | None:
    """The target module's field matching the values: an email, a number, or its name."""
    target = catalog.module(module_name)
    if kind == "email":
        return _email_field(target)
    numbered = _number_field(target) if kind == "integer" else None
    if numbered is not None or kind not in ("text", "integer"):
        return numbered
    name = catalog.name_field(module_name)
    if target is not None and name is not None and target.field(name) is None:
        return None
    return name


def _email_field(target: Module | None) -> str | None:
    emails = [f for f in target.fields if f.data_type == "email"] if target else []
    preferred = sorted(emails, key=lambda f: (not f.unique, f.api_name != "Email"))
    return preferred[0].api_name if preferred else None


def _number_field(target: Module | None) -> str | None:
    """A unique auto-number such as Case_Number: a value users see and quote."""
    fields = target.fields if target else ()
    found = next((f for f in fields if f.data_type == "autonumber" and f.unique), None)
    return found.api_name if found else None


def _declared_find_by(
    field: Field, kind: str, catalog: Catalog, declared: str
) -> tuple[str | None, str]:
    if declared.casefold() == "id":
        doubt = "" if kind in ("id", "empty") else ", though the values are not Zoho ids"
        return "id", f"asked for id{doubt}"
    if field.data_type in USER_LOOKUP_TYPES:
        if declared.casefold() == "email":
            return "email", "asked for email"
        fallback, why = _user_find_by(kind)
        return fallback, f"ignored .{declared}: users are found by email or id; {why}"
    known = [m for m in map(catalog.module, field.lookup_modules) if m is not None]
    found = {m.field(declared) or m.field_casefold(declared) for m in known}
    names = {f.api_name for f in found if f is not None}
    if known and None not in found and len(names) == 1:
        return names.pop(), f"asked for {declared}"
    if not any(m.from_org for m in known):
        return declared, f"asked for {declared}; not in the built-in catalog, so unchecked"
    fallback, why = _record_find_by(field, kind, catalog)
    targets = "/".join(field.lookup_modules)
    return fallback, f"ignored .{declared}: {targets} has no such field; {why}"
