"""Shape of the job: the schema itself, unknown keys, and resource-level requirements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from mapper.diagnostics import Diagnostic, Severity
from mapper.jsonvalues import list_at, text_at
from mapper.pointer import child, pointer
from mapper.rules import Rule, RuleContext, rule
from mapper.schema import load_schema, resolve_ref, schema_findings
from mapper.suggest import closest
from mapper.zoho import BEYOND_LIMIT_SEVERITY, MATCHING_OPERATIONS, MAX_MAPPINGS


@rule(
    "BW003",
    "schema",
    "The body must match the bundled JSON Schema of a bulk-write job.",
)
def schema_violation(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Types, required keys and allowed values, as `mapper schema` describes them.

    Unknown keys are left to BW004, which can name the key that was meant.
    """
    for finding in schema_findings(ctx.body):
        zoho_code = "MISSING_REQUIRED_KEY" if finding.keyword == "required" else None
        yield rule.diag(finding.pointer, finding.message, zoho_code=zoho_code)


@rule(
    "BW004",
    "unknown-key",
    "Every key must be one Zoho documents at that level; Zoho silently ignores others.",
)
def unknown_key(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """A misspelt key (``callBack``) is dropped by Zoho without an error, so what it
    should have configured silently never happens."""
    for where, key, allowed in _unknown_keys(ctx.body, load_schema(), ""):
        yield rule.diag(where, f"unknown key {key!r}", hint=_key_hint(key, allowed))


def _unknown_keys(value: Any, node: dict, here: str) -> Iterator[tuple[str, str, list[str]]]:
    node = _object_or_array_branch(resolve_ref(node), value)
    if isinstance(value, dict) and "properties" in node:
        properties = node["properties"]
        for key, item in value.items():
            if key in properties:
                yield from _unknown_keys(item, properties[key], child(here, key))
            else:
                yield child(here, key), key, list(properties)
    elif isinstance(value, list) and "items" in node:
        for i, item in enumerate(value):
            yield from _unknown_keys(item, node["items"], child(here, i))


def _object_or_array_branch(node: dict, value: Any) -> dict:
    """For an ``anyOf`` (module: string or object), the branch describing containers."""
    for branch in node.get("anyOf", ()):
        resolved = resolve_ref(branch)
        if "properties" in resolved and isinstance(value, dict):
            return resolved
    return node


def _key_hint(key: str, allowed: list[str]) -> str:
    close = closest(key, allowed)
    if close:
        return f"did you mean {close!r}?"
    elsewhere = _levels_with_key().get(key)
    if elsewhere:
        return f"{key!r} belongs in {elsewhere}, not here"
    return "allowed here: " + ", ".join(allowed)


@cache
def _levels_with_key() -> dict[str, str]:
    """Key -> the first level that allows it, for keys placed at the wrong level."""
    schema = load_schema()
    levels = {"the top level": schema, **{name: d for name, d in schema["$defs"].items()}}
    found: dict[str, str] = {}
    for level, node in levels.items():
        for key in node.get("properties", {}):
            found.setdefault(key, _LEVEL_NAMES.get(level, level))
    return found


_LEVEL_NAMES = {
    "resource": "a resource",
    "fieldMapping": "a field mapping",
    "callback": "callback",
    "moduleObject": "a module object",
    "defaultValue": "default_value",
}


@rule(
    "BW101",
    "find-by-required",
    "Each resource of an update or upsert job needs find_by.",
    zoho_code="MANDATORY_NOT_FOUND",
)
def find_by_required(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Without find_by Zoho cannot match rows to existing records and rejects the job."""
    operation = text_at(ctx.body, "operation")
    if operation not in MATCHING_OPERATIONS:
        return
    for i, resource in ctx.resources():
        if "find_by" in resource:
            continue
        if i > 0:
            # Zoho documents parent-child jobs for insert only: whether a child resource
            # needs its own find_by on update/upsert is not stated, so do not block on it
            yield rule.diag(
                pointer("resource", i),
                f"{operation} job: child resource[{i}] has no 'find_by'; Zoho documents "
                "parent-child jobs only for insert, so whether it needs one is unknown",
                severity=Severity.WARNING,
            )
            continue
        yield rule.diag(
            pointer("resource", i),
            f"{operation} job: resource[{i}] has no 'find_by'",
            hint='add "find_by": "id" (with an id column mapped) or a unique field API name',
        )


@rule(
    "BW102",
    "module-shape",
    "module is a string in API v2 and an object {api_name} from v2.1 on.",
)
def module_shape(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """The two shapes are not interchangeable: each API version rejects the other one."""
    for i, resource in ctx.resources():
        module = resource.get("module")
        where = pointer("resource", i, "module")
        if ctx.api_version == "v2" and isinstance(module, dict):
            name = module.get("api_name", "Leads")
            yield rule.diag(
                where,
                "module must be a plain string in API v2, not an object",
                hint=f'write "module": {_quoted(name)}, or check with --api-version v2.1 or later',
            )
        elif ctx.api_version != "v2" and isinstance(module, str):
            yield rule.diag(
                where,
                f'module must be an object {{"api_name": ...}} in API {ctx.api_version}, '
                "not a string",
                hint=f'write "module": {{"api_name": {_quoted(module)}}}, '
                "or check with --api-version v2",
            )


def _quoted(value: Any) -> str:
    return '"' + str(value).replace('"', '\\"') + '"'


@rule(
    "BW103",
    "invalid-file-id",
    "file_id must be the numeric id the Upload File API returned.",
    zoho_code="INVALID_FILE_ID",
)
def invalid_file_id(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Placeholders such as ``{{file_id}}`` from Postman samples are the usual culprit."""
    for i, resource in ctx.resources():
        file_id = text_at(resource, "file_id")
        if file_id is not None and not (file_id.isascii() and file_id.isdigit()):
            yield rule.diag(
                pointer("resource", i, "file_id"),
                f"file_id {file_id!r} is not a numeric id",
                hint="use details.file_id from the Upload File API response",
            )


@rule(
    "BW104",
    "too-many-mappings",
    f"A resource may map at most {MAX_MAPPINGS} fields.",
    Severity(BEYOND_LIMIT_SEVERITY),
    zoho_code="HEADER_LIMIT_EXCEEDED",
)
def too_many_mappings(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Zoho rejects the whole job rather than importing the first 200 columns."""
    for i, resource in ctx.resources():
        mappings = list_at(resource, "field_mappings")
        if mappings is not None and len(mappings) > MAX_MAPPINGS:
            yield rule.diag(
                pointer("resource", i, "field_mappings"),
                f"resource[{i}] maps {len(mappings)} fields; the limit is {MAX_MAPPINGS}",
                hint="split the columns over several jobs",
            )
