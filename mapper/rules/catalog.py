"""BW5xx: what the CRM itself accepts — modules, field names, mandatory and writable fields,
lookups, formats and layouts — judged against the catalog (built-in, or the org's metadata).

Built-in knowledge cannot see an org's custom fields and modules, so findings that only org
metadata could settle are warnings then, never errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from mapper.catalog.model import UNIVERSAL_FIELDS, Catalog, Field, Module
from mapper.catalog.spec import (
    MappedField,
    Target,
    catalog_of,
    child_field,
    layout_value,
    lookup_targets,
    mapped_fields,
    mapping_pointer,
    module_name,
    operation,
    targets,
)
from mapper.diagnostics import Diagnostic, Severity
from mapper.rules import Rule, RuleContext, pointer, rule

ZOHO_DEFAULT_FORMATS = {"date": "MM/dd/yyyy", "datetime": "MM/dd/yyyy HH:mm:ss"}
# CSV column kinds (from the profiler) that are names or emails, never record ids
NAME_KINDS = frozenset({"text", "email"})
USER_FIND_BY = frozenset({"id", "email"})
LOOKUP_WORDS = {"lookup": "lookup", "ownerlookup": "owner lookup", "userlookup": "user lookup"}


def fields_of(ctx: RuleContext, target: Target) -> Iterator[tuple[MappedField, Field]]:
    """The mapped fields the target module lists, with their catalog entry."""
    for mapped in mapped_fields(ctx, target.index, target.resource):
        found = target.module.field(mapped.name)
        if found is not None:
            yield mapped, found


def did_you_mean(guess: str | None) -> str | None:
    return f"did you mean '{guess}'?" if guess else None


def org_or_builtin(module: Module) -> Severity:
    return Severity.ERROR if module.from_org else Severity.WARNING


@rule(
    "BW501",
    "unknown-module",
    "The resource's module is neither a standard module nor in the org metadata.",
    Severity.ERROR,
    "MODULE_NOT_AVAILABLE",
)
def unknown_module(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    catalog = catalog_of(ctx)
    for i, resource in ctx.resources():
        name = module_name(resource)
        if name is None or catalog.is_known_module(name):
            continue
        at = ("api_name",) if isinstance(resource.get("module"), dict) else ()
        hint = did_you_mean(catalog.suggest_module(name))
        if catalog.has_org_metadata:
            message = f"module '{name}' is not in the org metadata"
            yield rule.diag(pointer("resource", i, "module", *at), message, hint=hint)
        else:
            message = f"module '{name}' is not a standard Zoho CRM module"
            hint = hint or "custom modules are known only from org metadata (--fields)"
            yield rule.diag(
                pointer("resource", i, "module", *at), message, hint=hint, severity=Severity.WARNING
            )


@rule(
    "BW502",
    "unknown-field",
    "A mapped api_name is not a field of the module (a warning with built-in data only).",
    Severity.ERROR,
    "INVALID_FIELD",
)
def unknown_field(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    catalog = catalog_of(ctx)
    for target in targets(ctx):
        module = target.module
        for mapped in mapped_fields(ctx, target.index, target.resource):
            name = mapped.name
            if name in UNIVERSAL_FIELDS or module.field(name) or child_field(catalog, module, name):
                continue
            where = "in the org metadata" if module.from_org else "among its standard fields"
            what = f"CSV header '{name}'" if mapped.from_header else f"field '{name}'"
            if (same := module.field_casefold(name)) is not None:
                where = f"API names are case-sensitive: it is {same.api_name}"
            fallback = (
                f"`mapper fields {module.api_name}` lists them"
                if module.from_org
                else "custom fields are known only from org metadata (--fields)"
            )
            yield rule.diag(
                mapped.pointer,
                f"{what} is not a field of {module.api_name} ({where})",
                hint=did_you_mean(module.suggest_field(name)) or fallback,
                severity=org_or_builtin(module),
            )


@rule(
    "BW503",
    "mandatory-field-not-mapped",
    "An insert or upsert leaves a system-mandatory field of the module unmapped.",
    Severity.ERROR,
    "MANDATORY_FIELDS_NOT_MAPPED",
)
def mandatory_not_mapped(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    if operation(ctx) not in ("insert", "upsert"):
        return
    modules_in_job = {module_name(r) for _, r in ctx.resources()}
    for target in targets(ctx):
        mandatory = target.module.mandatory_fields()
        auto_mapped = not isinstance(target.resource.get("field_mappings"), list)
        if auto_mapped and target.index not in ctx.csv:
            if mandatory:
                yield header_unknown(rule, target, mandatory)
            continue
        mapped = {m.name for m in mapped_fields(ctx, target.index, target.resource)}
        at = pointer("resource", target.index, *(() if auto_mapped else ("field_mappings",)))
        for f in mandatory:
            if f.api_name not in mapped and f.associated_module not in modules_in_job - {None}:
                yield missing_mandatory(rule, at, target.module, f)


def header_unknown(rule: Rule, target: Target, mandatory: list[Field]) -> Diagnostic:
    names = ", ".join(f.api_name for f in mandatory)
    return rule.diag(
        pointer("resource", target.index),
        f"no field_mappings: Zoho maps the CSV header, which must hold {names}",
        hint="pass --csv to check the header",
        severity=Severity.INFO,
    )


def missing_mandatory(rule: Rule, at: str, module: Module, f: Field) -> Diagnostic:
    if f.needs_child_resource:
        message = f"{module.api_name} needs {f.api_name}: add a child resource for it"
        hint = f"a resource with module '{f.associated_module}' linked by Parent_Id"
        return rule.diag(at, message, hint=hint)
    message = f"mandatory field {f.api_name} of {module.api_name} is not mapped"
    if f.conditional_mandatory and not module.from_org:
        return rule.diag(
            at,
            message + " (mandatory only under an org setting)",
            hint="check with the org's metadata (--fields)",
            severity=Severity.WARNING,
        )
    return rule.diag(at, message, hint="map a CSV column to it or give a default_value")


@rule(
    "BW504",
    "lookup-without-find-by",
    "A lookup, owner or user lookup is mapped without find_by.",
    Severity.ERROR,
    "MANDATORY_NOT_FOUND",
)
def lookup_without_find_by(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    catalog = catalog_of(ctx)
    for target in targets(ctx):
        facts = ctx.csv.get(target.index)
        for mapped, f in fields_of(ctx, target):
            if not f.is_lookup or mapped.find_by or linked_to_parent(mapped):
                continue
            kind = facts.kind_at(mapped.column) if facts and mapped.column is not None else ""
            what = LOOKUP_WORDS.get(f.data_type, "lookup")
            yield rule.diag(
                mapped.pointer,
                f"{what} {f.api_name} has no find_by{column_says(mapped, kind)}",
                hint=find_by_hint(catalog, f, kind),
                severity=lookup_severity(kind),
            )


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
    return f" and CSV column {mapped.column} holds {'record ids' if kind == 'id' else kind} values"


def find_by_hint(catalog: Catalog, f: Field, kind: str) -> str:
    target = catalog.module(f.lookup_modules[0]) if f.lookup_modules else None
    if f.data_type != "lookup":
        choice = "email" if kind == "email" else "id"
    elif kind == "email" and target is not None and target.field("Email") is not None:
        choice = "Email"
    elif kind in NAME_KINDS and target is not None:
        choice = catalog.name_field(target.api_name) or "id"
    else:
        choice = "id"
    return f'add "find_by": "{choice}" (or name the header {f.api_name}.{choice})'


@rule(
    "BW505",
    "lookup-find-by-not-unique",
    "A lookup's find_by is not a field of the target module, or not unique there.",
    Severity.WARNING,
)
def lookup_find_by(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    catalog = catalog_of(ctx)
    for target in targets(ctx):
        for mapped, f in fields_of(ctx, target):
            if not f.is_lookup or not mapped.find_by or mapped.find_by == "id":
                continue
            if f.data_type != "lookup":
                if mapped.find_by.casefold() not in USER_FIND_BY:
                    message = f"{f.api_name} looks up users, which Zoho finds by id or email"
                    yield rule.diag(mapped.pointer, message)
                continue
            modules = [m for t in lookup_targets(mapped, f) if (m := catalog.module(t))]
            yield from judge_find_by(rule, catalog, mapped, modules)


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
    "The resource's find_by is neither id nor a unique field of the module.",
    Severity.WARNING,
)
def resource_find_by(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    for target in targets(ctx):
        find_by = target.resource.get("find_by")
        if not isinstance(find_by, str) or find_by == "id":
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


@rule(
    "BW507",
    "read-only-field-mapped",
    "A field the API cannot write is mapped: computed, system or read-only.",
    Severity.ERROR,
)
def read_only_mapped(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    op = operation(ctx)
    for target in targets(ctx):
        keyed_by_id = op in ("update", "upsert") or target.resource.get("find_by") == "id"
        for mapped, f in fields_of(ctx, target):
            if f.needs_child_resource or f.api_name == "Parent_Id":
                continue
            if f.api_name == "id" and keyed_by_id:
                continue
            if f.settable_by(op):
                continue
            low = f.confidence == "low"
            yield rule.diag(
                mapped.pointer,
                f"{f.api_name} cannot be written in {target.module.api_name}: {why_read_only(f)}",
                hint="remove the mapping" if f.api_name != "id" else "use find_by id on update",
                severity=Severity.WARNING if low else Severity.ERROR,
            )


def why_read_only(f: Field) -> str:
    if f.data_type in ("formula", "autonumber", "rollup_summary"):
        return f"a {f.data_type} field is computed by Zoho"
    if f.api_name == "id":
        return "record ids are assigned by Zoho"
    return "it is read-only (set by Zoho)"


@rule(
    "BW508",
    "format-on-non-date-field",
    "A mapping gives format for a field that is not a date, date-time or number.",
    Severity.WARNING,
)
def format_on_other_field(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    for target in targets(ctx):
        for mapped, f in fields_of(ctx, target):
            if mapped.mapping and "format" in mapped.mapping and not f.accepts_format:
                yield rule.diag(
                    mapping_pointer(mapped, "format"),
                    f"format is for date, date-time and number fields; {f.api_name} is "
                    f"{f.data_type}",
                    hint="remove format",
                )


@rule(
    "BW509",
    "date-without-format",
    "A date or date-time column has no format, so Zoho expects its default pattern.",
    Severity.INFO,
)
def date_without_format(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    for target in targets(ctx):
        for mapped, f in fields_of(ctx, target):
            if not f.is_date or mapped.column is None:
                continue
            if mapped.mapping and "format" in mapped.mapping:
                continue
            default = ZOHO_DEFAULT_FORMATS[f.data_type]
            yield rule.diag(
                mapped.pointer,
                f"{f.data_type} field {f.api_name} has no format: Zoho then expects {default}",
                hint=f'add "format" when the CSV is not in {default}',
            )


@rule(
    "BW510",
    "unknown-layout",
    "A Layout default_value is not the id of a layout in the org's layouts.",
    Severity.ERROR,
)
def unknown_layout(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    for target in targets(ctx):
        layouts = target.module.layouts
        for mapped in mapped_fields(ctx, target.index, target.resource):
            value = layout_value(mapped)
            if not layouts or value is None or any(x.id == value for x in layouts):
                continue
            known = ", ".join(f"{x.name} (id {x.id})" for x in layouts)
            named = target.module.layout(value)
            message = (
                f"Layout default_value is the layout's name; Zoho needs its id {named.id}"
                if named
                else f"Layout id {value} is not a layout of {target.module.api_name}"
            )
            at = mapping_pointer(mapped, "default_value") + "/value"
            yield rule.diag(at, message, hint=f"known layouts: {known}")


@rule(
    "BW511",
    "child-field-as-column",
    "A subform, line-item or multi-select lookup field is mapped as a column of the parent.",
    Severity.ERROR,
)
def child_field_as_column(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    catalog = catalog_of(ctx)
    for target in targets(ctx):
        module = target.module
        for mapped in mapped_fields(ctx, target.index, target.resource):
            own = module.field(mapped.name)
            if own is not None and own.needs_child_resource:
                child = own.associated_module or "its own module"
                message = f"{own.api_name} is a {own.data_type}: its rows need a child resource"
                yield rule.diag(mapped.pointer, message, hint=child_hint(child, own.data_type))
            elif own is None and (hit := child_field(catalog, module, mapped.name)):
                message = f"{mapped.name} is a field of {hit[0].api_name}, not of {module.api_name}"
                yield rule.diag(
                    mapped.pointer, message, hint=child_hint(hit[0].api_name, "subform")
                )


def child_hint(child: str, data_type: str) -> str:
    # subform and line-item rows link by Parent_Id; linking modules by their parent lookup
    link = "Parent_Id" if data_type == "subform" else "its lookup to the parent"
    return f"import it in a resource with module '{child}', linked to the parent by {link}"
