"""Parent-child jobs: one ZIP with a parent CSV and child CSVs (subforms, linking modules)."""

from __future__ import annotations

from collections.abc import Iterable

from mapper.diagnostics import Diagnostic, Severity
from mapper.pointer import pointer
from mapper.rules import Rule, RuleContext, rule


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
    ids = [(i, r.get("file_id")) for i, r in ctx.resources() if isinstance(r.get("file_id"), str)]
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
    for i, resource in ctx.resources():
        if i == 0:
            continue
        linked = any("parent_column_index" in m for _, m in ctx.mappings(resource))
        if not linked:
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
    for i, resource in ctx.resources():
        for j, mapping in ctx.mappings(resource):
            if "parent_column_index" in mapping:
                yield rule.diag(
                    pointer("resource", i, "field_mappings", j, "parent_column_index"),
                    "parent_column_index in a job with one resource has no parent to point at",
                    hint='for a subform alone, map Parent_Id with "find_by": "id" instead',
                )


# parent-child keys: absent from the v2/v2.1 SDK models; the v5 SDK has them from its
# 2.0.0 release, v6 and later document them (zoho-bulk-write.md §8); v3-v5 unconfirmed
_UNSUPPORTED_VERSIONS = ("v2", "v2.1")
_UNCONFIRMED_VERSIONS = ("v3", "v4", "v5")


@rule(
    "BW405",
    "parent-child-api-version",
    "Parent-child keys (file_names, parent_column_index) need API v6 or later.",
)
def parent_child_api_version(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Older API versions do not know the keys and treat the ZIP as one module's CSV."""
    if ctx.api_version in _UNSUPPORTED_VERSIONS:
        severity = Severity.ERROR
    elif ctx.api_version in _UNCONFIRMED_VERSIONS:
        severity = Severity.WARNING
    else:
        return
    for where, key in _parent_child_keys(ctx):
        yield rule.diag(
            where,
            f"'{key}' is a parent-child key, which API {ctx.api_version} does not document",
            hint="compile and upload parent-child jobs with --api-version v6 or later",
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
