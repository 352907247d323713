"""BW5xx: what the CRM itself accepts — modules, field names, mandatory and writable fields,
formats and layouts — judged against the catalog (built-in, or the org's metadata).
Lookups and find_by (BW504-BW506) are in `mapper.rules.lookups`.

Built-in knowledge cannot see an org's custom fields and modules, so findings that only org
metadata could settle are warnings then, never errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from mapper.catalog.model import COMPUTED_TYPES, UNIVERSAL_FIELDS, Field, Module
from mapper.diagnostics import Diagnostic, Severity
from mapper.jsonvalues import list_at, object_at, text_at
from mapper.pointer import pointer
from mapper.rules import Rule, RuleContext, rule
from mapper.rules.targets import (
    Target,
    catalog_of,
    child_field,
    fields_of,
    layout_value,
    mapped_fields,
    mapping_pointer,
    module_name,
    operation,
    targets,
)
from mapper.suggest import did_you_mean
from mapper.zoho import (
    DEFAULT_DATE_FORMAT,
    DEFAULT_DATETIME_FORMAT,
    MATCHING_OPERATIONS,
    MODULES_NOT_IN_BULK_WRITE,
)

ZOHO_DEFAULT_FORMATS = {"date": DEFAULT_DATE_FORMAT, "datetime": DEFAULT_DATETIME_FORMAT}


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
    """Zoho rejects the job when its module is wrong or not open to Bulk Write; a misspelt
    or wrongly-cased module name is the usual cause."""
    catalog = catalog_of(ctx)
    for i, resource in ctx.resources():
        name = module_name(resource)
        if name is None or catalog.is_known_module(name) or name in MODULES_NOT_IN_BULK_WRITE:
            continue
        at = ("api_name",) if object_at(resource, "module") is not None else ()
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
    "BW512",
    "module-not-in-bulk-write",
    "The resource's module is one Bulk Write does not take (Users, Notes, Attachments, "
    "Emails, Events, Calls); a linking module as resource[0] is a warning.",
    Severity.ERROR,
    "MODULE_NOT_AVAILABLE",
)
def module_not_in_bulk_write(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    """Zoho refuses the whole job; the module's records go in through the REST APIs."""
    catalog = catalog_of(ctx)
    for i, resource in ctx.resources():
        name = module_name(resource)
        if i == 0 and name in catalog.linking_modules:
            yield _linking_module_as_parent(rule, name)
            continue
        known = catalog.module(name) if name else None
        if name not in MODULES_NOT_IN_BULK_WRITE and (known is None or known.bulk_write):
            continue
        at = ("api_name",) if object_at(resource, "module") is not None else ()
        yield rule.diag(
            pointer("resource", i, "module", *at),
            f"module '{name}' is not available to Bulk Write",
            hint="Zoho lists the bulk-write modules in its scopes (docs/zoho-modules.md); "
            "insert these records through the Records API instead",
        )


def _linking_module_as_parent(rule: Rule, name: str) -> Diagnostic:
    """Only a medium-confidence source (VS6) excludes it, hence a warning, not an error."""
    return rule.diag(
        pointer("resource", 0, "module"),
        f"module '{name}' is a linking module: Bulk Write takes its rows only as a child "
        "resource of a parent-child job",
        hint="make the module whose multi-select lookup it serves resource[0] and this one "
        "a child resource (docs/zoho-modules.md)",
        severity=Severity.WARNING,
    )


@rule(
    "BW502",
    "unknown-field",
    "A mapped api_name is not a field of the module (a warning with built-in data only).",
    Severity.ERROR,
    "INVALID_FIELD",
)
def unknown_field(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    """Zoho rejects a mapping whose api_name the module lacks, and API names are
    case-sensitive: a label or a wrongly-cased name is not a field."""
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
    """Zoho rejects the whole job when a mandatory field is not mapped, rather than failing
    row by row. A mandatory subform is satisfied by a child resource instead."""
    if operation(ctx) not in ("insert", "upsert"):
        return
    modules_in_job = {module_name(r) for _, r in ctx.resources()}
    for target in targets(ctx):
        mandatory = target.module.mandatory_fields()
        auto_mapped = list_at(target.resource, "field_mappings") is None
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
        # no Zoho source says bulk write refuses such a job; the record UI and the
        # Records API require line items, so the records may fail or lack them
        message = (
            f"{module.api_name} without a {f.api_name} child resource: Zoho requires line "
            "items when a record is created elsewhere, so its rows may fail or have none"
        )
        hint = f"add a resource with module '{f.associated_module}' linked by Parent_Id"
        return rule.diag(at, message, hint=hint, severity=Severity.WARNING)
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
    "BW507",
    "read-only-field-mapped",
    "A field the API cannot write is mapped: computed, system or read-only.",
    Severity.ERROR,
)
def read_only_mapped(rule: Rule, ctx: RuleContext) -> Iterator[Diagnostic]:
    """Formula, auto-number and system fields are set by Zoho, never by an import. A record
    id is mapped only to find records, as on update or with find_by id."""
    op = operation(ctx)
    for target in targets(ctx):
        keyed_by_id = op in MATCHING_OPERATIONS or text_at(target.resource, "find_by") == "id"
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
    if f.data_type in COMPUTED_TYPES:
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
    """format describes how dates and numbers are written in the CSV; on any other field
    it means nothing, and usually shows the mapping points at the wrong field."""
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
    """Without format Zoho expects its month-first default: day-first dates then fail as
    INVALID_FORMAT, or, when day and month are both 12 or less, import swapped."""
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
    """Records go into the layout the default_value names; the org's layouts (--layouts)
    show whether that id exists, and whether a name was given where an id belongs."""
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
    """Subform, line-item and multi-select lookup rows are records of another module:
    Zoho imports them only through a child resource linked to the parent."""
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
