"""Parent-child jobs: one ZIP with a parent CSV and child CSVs (subforms, linking modules)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from mapper.diagnostics import Diagnostic, Severity
from mapper.jsonvalues import index_at, list_at, text_at
from mapper.pointer import child, pointer
from mapper.rules import Rule, RuleContext, rule
from mapper.rules.targets import catalog_of, module_name
from mapper.zoho import PARENT_CHILD_VERSIONS

if TYPE_CHECKING:
    from mapper.catalog.model import Catalog


def _resource_count(ctx: RuleContext) -> int:
    return sum(1 for _ in ctx.resources())


@rule(
    "BW401",
    "file-names-required",
    "In a job with several resources, every resource names its CSV in file_names.",
    zoho_code="MANDATORY_NOT_FOUND",
)
def file_names_required(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """file_names ties each module to its CSV inside the shared ZIP."""
    if _resource_count(ctx) < 2:
        return
    for i, resource in ctx.resources():
        if "file_names" not in resource:
            yield rule.diag(
                pointer("resource", i, "file_names"),
                f"resource[{i}] of a parent-child job has no 'file_names'",
                hint='add "file_names": ["<csv name inside the ZIP>"]',
            )


@rule(
    "BW402",
    "file-id-mismatch",
    "All resources of a parent-child job share the file_id of the one ZIP.",
)
def file_id_mismatch(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Parent and children come from one uploaded ZIP, so one file_id."""
    ids = [(i, text_at(r, "file_id")) for i, r in ctx.resources() if text_at(r, "file_id")]
    if not ids:
        return
    first_index, first_id = ids[0]
    for i, file_id in ids[1:]:
        if file_id != first_id:
            yield rule.diag(
                pointer("resource", i, "file_id"),
                f"file_id {file_id!r} differs from resource[{first_index}]'s {first_id!r}",
                hint="put all CSVs in one ZIP and use its file_id on every resource",
            )


@rule(
    "BW403",
    "parent-link-required",
    "Each child resource maps its link to the parent with parent_column_index.",
    zoho_code="MANDATORY_NOT_FOUND",
)
def parent_link_required(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Without it Zoho cannot tell which parent row a child row belongs to."""
    resources = list(ctx.resources())
    if resources and resources[0][0] == 0 and _is_child(ctx, resources[0]):
        return  # a child first: BW409 reports the reversed order instead
    for i, resource in resources:
        if i == 0:
            continue
        if not _is_child(ctx, (i, resource)):
            yield rule.diag(
                pointer("resource", i, "field_mappings"),
                f"child resource[{i}] has no mapping with 'parent_column_index'",
                hint="map Parent_Id (subforms, line items) or the linking module's parent "
                'lookup with "parent_column_index": <shared column in the parent CSV>',
            )


@rule(
    "BW404",
    "parent-column-index-alone",
    "parent_column_index only has a meaning in a job with several resources.",
    severity=Severity.WARNING,
)
def parent_column_index_alone(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """In a single-resource job there is no parent CSV for it to point at."""
    if _resource_count(ctx) != 1:
        return
    for where, mapping in ctx.all_mappings():
        if "parent_column_index" in mapping:
            yield rule.diag(
                child(where, "parent_column_index"),
                "parent_column_index in a job with one resource has no parent to point at",
                hint='for a subform alone, map Parent_Id with "find_by": "id" instead',
            )


# parent-child keys: absent from the v2/v2.1 SDK models (an error there); no source for
# v3/v4 either way (a warning); mapper.zoho.PARENT_CHILD_VERSIONS take them
_UNSUPPORTED_VERSIONS = ("v2", "v2.1")


@rule(
    "BW405",
    "parent-child-api-version",
    "Parent-child keys (file_names, parent_column_index) need API v5 or later.",
)
def parent_child_api_version(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Older API versions do not know the keys and treat the ZIP as one module's CSV."""
    if ctx.api_version in _UNSUPPORTED_VERSIONS:
        severity = Severity.ERROR
    elif ctx.api_version not in PARENT_CHILD_VERSIONS:
        severity = Severity.WARNING
    else:
        return
    for where, key in _parent_child_keys(ctx):
        yield rule.diag(
            where,
            f"'{key}' is a parent-child key, which API {ctx.api_version} does not document",
            hint="compile and upload parent-child jobs with --api-version v5 or later",
            severity=severity,
        )


def _parent_child_keys(ctx: RuleContext) -> Iterable[tuple[str, str]]:
    for i, resource in ctx.resources():
        if "file_names" in resource:
            yield pointer("resource", i, "file_names"), "file_names"
        for j, mapping in ctx.mappings(resource):
            if "parent_column_index" in mapping:
                where = pointer("resource", i, "field_mappings", j, "parent_column_index")
                yield where, "parent_column_index"


@rule(
    "BW406",
    "child-of-other-module",
    "A child resource's module is a subform / linking module of the parent resource's module.",
)
def child_of_other_module(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Zoho links child rows to the parent module's records; another module's subform fails."""
    resources = list(ctx.resources())
    if len(resources) < 2 or resources[0][0] != 0:
        return
    parent = module_name(resources[0][1])
    if parent is None:
        return
    catalog = catalog_of(ctx)
    for i, resource in resources[1:]:
        child = module_name(resource)
        owners, from_org = _owners(catalog, child) if child else ((), False)
        if not owners or parent in owners:
            continue  # unknown linking modules are fine: org metadata may not list them
        yield rule.diag(
            pointer("resource", i, "module"),
            f"resource[{i}] module {child} is not a subform/linking module of the parent "
            f"{parent} (it belongs to {', '.join(owners)})",
            hint=f"make {owners[0]} the parent (resource[0]), or use a subform / linking "
            f"module of {parent}",
            severity=Severity.ERROR if from_org else Severity.WARNING,
        )


def _owners(catalog: Catalog, child: str) -> tuple[tuple[str, ...], bool]:
    """The modules holding ``child``'s rows, and whether org metadata says so.

    A linking module may belong to both modules of its multi-select lookup, so every
    module naming it counts, not only the first.
    """
    owners: dict[str, bool] = {}
    for module in catalog.modules.values():
        if any(f.needs_child_resource and f.associated_module == child for f in module.fields):
            owners[module.api_name] = owners.get(module.api_name, False) or module.from_org
    known = catalog.module(child)
    if known is not None and known.parent_module:
        parent = known.parent_module
        owners[parent] = owners.get(parent, False) or known.from_org
    return tuple(owners), any(owners.values())


@rule(
    "BW407",
    "csv-in-two-resources",
    "Each CSV of the ZIP belongs to one resource: no two resources name the same file.",
)
def csv_in_two_resources(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Zoho reads one module per CSV; the second resource's rows would be the first one's."""
    first: dict[tuple[str | None, str], int] = {}
    for i, resource in ctx.resources():
        file_id = text_at(resource, "file_id")
        for k, name in enumerate(list_at(resource, "file_names") or ()):
            if not isinstance(name, str):
                continue
            owner = first.setdefault((file_id, name), i)
            if owner != i:
                yield rule.diag(
                    pointer("resource", i, "file_names", k),
                    f"{name!r} is already the CSV of resource[{owner}]",
                    hint="put each module's rows in its own CSV inside the ZIP",
                )


@rule(
    "BW408",
    "parent-column-out-of-range",
    "parent_column_index names a column the parent CSV (resource 0, from --csv) has.",
    zoho_code="COLUMN_INDEX_NOT_FOUND",
)
def parent_column_out_of_range(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """The index counts the parent CSV's columns, not the child's; known only with --csv."""
    parent_csv = ctx.csv.get(0)
    if parent_csv is None:
        return
    columns = len(parent_csv.header)
    for where, mapping in ctx.all_mappings():
        value = index_at(mapping, "parent_column_index")
        if value is not None and value >= columns:
            yield rule.diag(
                child(where, "parent_column_index"),
                f"parent_column_index {value} is beyond the parent CSV's {columns} "
                f"column(s) in {parent_csv.path}",
                hint=f"use 0..{columns - 1}: the parent CSV column holding the shared key",
            )


@rule(
    "BW409",
    "parent-not-first",
    "The parent resource comes first: resource[0] never maps parent_column_index.",
)
def parent_not_first(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Zoho takes resource[0] as the parent; a child there means the order is reversed."""
    resources = list(ctx.resources())
    if len(resources) < 2 or not _is_child(ctx, resources[0]):
        return
    unlinked = [i for i, r in resources[1:] if not _is_child(ctx, (i, r))]
    candidate = f"; resource[{unlinked[0]}] looks like the parent" if unlinked else ""
    yield rule.diag(
        pointer("resource", resources[0][0]),
        f"resource[0] maps parent_column_index, so it is a child{candidate}: Zoho requires "
        "the parent as the first resource",
        hint="move the parent module's resource to the front of 'resource'",
    )


def _is_child(ctx: RuleContext, indexed: tuple[int, dict]) -> bool:
    return any("parent_column_index" in m for _, m in ctx.mappings(indexed[1]))
