"""BW504-BW506: how lookups and resources find existing records (``find_by``).

Judged against the catalog like the other BW5xx rules; the hint for a missing find_by is
the choice ``mapper compile`` would make (`mapper.catalog.find_by.choose_find_by`).
"""

from __future__ import annotations

from collections.abc import Iterator

from mapper.catalog.find_by import choose_find_by
from mapper.catalog.model import Catalog, Field, Module
from mapper.diagnostics import Diagnostic, Severity
from mapper.jsonvalues import text_at
from mapper.pointer import pointer
from mapper.rules import Rule, RuleContext, rule
from mapper.rules.targets import (
    MappedField,
    catalog_of,
    fields_of,
    looked_up_modules,
    targets,
)
from mapper.suggest import did_you_mean

# CSV column kinds (from the profiler) that are names or emails, never record ids
NAME_KINDS = frozenset({"text", "email"})
LOOKUP_WORDS = {"lookup": "lookup", "ownerlookup": "owner lookup", "userlookup": "user lookup"}


@rule(
    "BW504",
    "lookup-without-find-by",
    "A lookup, owner or user lookup is mapped without find_by.",
    Severity.ERROR,
    "MANDATORY_NOT_FOUND",
)
def lookup_without_find_by(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    """find_by names the field of the looked-up module that the CSV value is compared with;
    Zoho requires it for lookups. With --csv the column's values show which field fits."""
    catalog = catalog_of(ctx)
    for target in targets(ctx):
        facts = ctx.csv.get(target.index)
        for mapped, f in fields_of(ctx, target):
            if not lacks_find_by(mapped, f):
                continue
            kind = facts.kind_at(mapped.column) if facts and mapped.column is not None else ""
            what = LOOKUP_WORDS.get(f.data_type, "lookup")
            yield rule.diag(
                mapped.pointer,
                f"{what} {f.api_name} has no find_by{column_says(mapped, kind)}",
                hint=find_by_hint(catalog, f, kind),
                severity=lookup_severity(kind),
            )


def lacks_find_by(mapped: MappedField, f: Field) -> bool:
    return f.is_lookup and not mapped.find_by and not linked_to_parent(mapped)


def kind_columns(ctx: RuleContext, index: int) -> set[int]:
    """The columns of resource ``index``'s CSV whose kind (from ``ctx.csv``) the rules read:
    those of lookups without find_by. ``mapper check --csv`` learns only these kinds."""
    return {
        mapped.column
        for target in targets(ctx)
        if target.index == index
        for mapped, f in fields_of(ctx, target)
        if lacks_find_by(mapped, f) and mapped.column is not None
    }


def linked_to_parent(mapped: MappedField) -> bool:
    return mapped.mapping is not None and "parent_column_index" in mapped.mapping


def lookup_severity(kind: str) -> Severity:
    # Zoho's own samples omit find_by when the values are record ids
    if kind in NAME_KINDS:
        return Severity.ERROR
    return Severity.INFO if kind == "id" else Severity.WARNING


def column_says(mapped: MappedField, kind: str) -> str:
    if not kind:
        return ""
    values = "record ids" if kind == "id" else kind
    return f" and the CSV column at index {mapped.column} holds {values} values"


def find_by_hint(catalog: Catalog, f: Field, kind: str) -> str:
    """The find_by the compiler would choose for values of ``kind``; id when it finds none."""
    choice = choose_find_by(f, kind, catalog)[0] or "id"
    return f'add "find_by": "{choice}" (or name the header {f.api_name}.{choice})'


@rule(
    "BW505",
    "lookup-find-by-not-unique",
    "A lookup's find_by is not a field of the target module, or not unique there "
    "(warning; info when only built-in data is known).",
    Severity.WARNING,
)
def lookup_find_by(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    """Zoho finds users only by id or email, and records by id or a unique or display
    field of the target module: a field that is not unique may match several records."""
    catalog = catalog_of(ctx)
    for target in targets(ctx):
        for mapped, f in fields_of(ctx, target):
            if not f.is_lookup or not mapped.find_by or mapped.find_by == "id":
                continue
            if f.data_type != "lookup":
                if not finds_users(catalog, f, mapped.find_by):
                    message = f"{f.api_name} looks up users, which Zoho finds by id or email"
                    yield rule.diag(mapped.pointer, message)
                continue
            modules = [m for t in looked_up_modules(mapped, f) if (m := catalog.module(t))]
            yield from judge_find_by(rule, catalog, mapped, modules)


def finds_users(catalog: Catalog, f: Field, find_by: str) -> bool:
    """Whether the compiler keeps ``find_by`` for this user lookup rather than replacing it."""
    kept = choose_find_by(f, "", catalog, declared=find_by)[0]
    return kept is not None and kept.casefold() == find_by.casefold()


def judge_find_by(
    rule: Rule, catalog: Catalog, mapped: MappedField, modules: list[Module]
) -> Iterator[Diagnostic]:
    find_by = mapped.find_by or ""
    found = [(m, m.field(find_by)) for m in modules if m.field(find_by) is not None]
    if modules and not found:
        names = "/".join(m.api_name for m in modules)
        hint = did_you_mean(modules[0].suggest_field(find_by))
        yield rule.diag(mapped.pointer, f"find_by '{find_by}' is not a field of {names}", hint=hint)
    elif found and not any(f.unique or catalog.name_field(m.api_name) == find_by for m, f in found):
        yield _not_unique(rule, mapped.pointer, find_by, found[0][0])


@rule(
    "BW506",
    "resource-find-by-not-unique",
    "The resource's find_by is neither id nor a unique field of the module "
    "(warning; info when only built-in data is known).",
    Severity.WARNING,
)
def resource_find_by(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    """Update and upsert locate each row's record by find_by, id or a unique field: a
    field that is not unique may match several records, one the module lacks matches none."""
    for target in targets(ctx):
        find_by = text_at(target.resource, "find_by")
        if find_by is None or find_by == "id":
            continue
        module, at = target.module, pointer("resource", target.index, "find_by")
        found = module.field(find_by)
        if found is None:
            hint = did_you_mean(module.suggest_field(find_by))
            yield rule.diag(
                at, f"find_by '{find_by}' is not a field of {module.api_name}", hint=hint
            )
        elif not found.unique:
            yield _not_unique(rule, at, find_by, module)


def _not_unique(rule: Rule, at: str, find_by: str, module: Module) -> Diagnostic:
    """Uniqueness is an org setting: org metadata can rule it out, built-in data cannot."""
    if module.from_org:
        message = f"find_by '{find_by}' is not unique in {module.api_name}"
        severity = Severity.WARNING
    else:
        message = (
            f"find_by '{find_by}' is not unique among the standard fields of "
            f"{module.api_name}; the org may have made it unique"
        )
        severity = Severity.INFO
    return rule.diag(
        at,
        message + ": Zoho may match several records",
        hint="use id or a field marked unique in the org (--fields tells)",
        severity=severity,
    )
