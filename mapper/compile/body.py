"""The request body from plain plans: fixed key order, one shape per API version.

Nothing here reads files or the catalog, so the body's shape can be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

# Zoho's v2 takes ``module`` as a plain string, every later version as {"api_name": ...}
STRING_MODULE_VERSIONS = frozenset({"v2"})
# v2 and v2.1 know ``ignore_empty`` only on the resource (SDK2 / SDK2.1 models)
RESOURCE_IGNORE_EMPTY_VERSIONS = frozenset({"v2", "v2.1"})


@dataclass(frozen=True)
class MappingPlan:
    """One ``field_mappings`` entry; ``None`` keys are left out of the body."""

    api_name: str
    index: int | None = None
    format: str | None = None
    find_by: str | None = None
    parent_column_index: int | None = None
    default_value: str | None = None

    def as_body(self) -> dict:
        entry: dict = {"api_name": self.api_name}
        if self.index is not None:
            entry["index"] = self.index
        if self.format is not None:
            entry["format"] = self.format
        if self.find_by is not None:
            entry["find_by"] = self.find_by
        if self.parent_column_index is not None:
            entry["parent_column_index"] = self.parent_column_index
        if self.default_value is not None:
            entry["default_value"] = {"value": self.default_value}
        return entry


@dataclass(frozen=True)
class ResourcePlan:
    """One ``resource`` entry: a module fed by one CSV."""

    module: str
    file_id: str | None
    mappings: tuple[MappingPlan, ...]
    # the CSV's name inside the uploaded zip; only parent-child jobs name their files
    file_name: str | None = None
    find_by: str | None = None


@dataclass(frozen=True)
class JobPlan:
    operation: str
    resources: tuple[ResourcePlan, ...]
    character_encoding: str | None = None
    ignore_empty: bool = False
    callback_url: str | None = None


def build_body(job: JobPlan, api_version: str) -> dict:
    """The API-shaped request body, keys in the order Zoho's own samples use."""
    body: dict = {"operation": job.operation}
    if job.character_encoding:
        body["character_encoding"] = job.character_encoding
    resource_ignore_empty = api_version in RESOURCE_IGNORE_EMPTY_VERSIONS
    if job.ignore_empty and not resource_ignore_empty:
        body["ignore_empty"] = True
    if job.callback_url:
        body["callback"] = {"url": job.callback_url, "method": "post"}
    ignore_empty_here = job.ignore_empty and resource_ignore_empty
    body["resource"] = [
        _resource_body(resource, api_version, ignore_empty_here) for resource in job.resources
    ]
    return body


def _resource_body(resource: ResourcePlan, api_version: str, ignore_empty: bool) -> dict:
    entry: dict = {"type": "data", "module": module_value(resource.module, api_version)}
    if resource.file_id is not None:
        entry["file_id"] = resource.file_id
    if resource.file_name is not None:
        entry["file_names"] = [resource.file_name]
    if resource.find_by is not None:
        entry["find_by"] = resource.find_by
    if ignore_empty:
        entry["ignore_empty"] = True
    entry["field_mappings"] = [mapping.as_body() for mapping in ordered(resource.mappings)]
    return entry


def module_value(module: str, api_version: str) -> str | dict:
    return module if api_version in STRING_MODULE_VERSIONS else {"api_name": module}


def ordered(mappings: tuple[MappingPlan, ...]) -> list[MappingPlan]:
    """Column mappings by column, then constant ones by name: the same inputs in any
    option order give the same bytes (``repr`` breaks every remaining tie)."""
    with_column = sorted(
        (m for m in mappings if m.index is not None), key=lambda m: (m.index, repr(m))
    )
    constant = sorted((m for m in mappings if m.index is None), key=repr)
    return with_column + constant
