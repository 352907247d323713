"""What a job spec's resources ask of the catalog: their module and the fields they map.

Shared by the catalog and lookup rules; positions are JSON pointers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.catalog.builtin import builtin_catalog
from mapper.catalog.model import Catalog, Field, Module
from mapper.catalog.zoho_json import api_name_of
from mapper.jsonvalues import index_at, list_at, member, object_at, text_at
from mapper.pointer import child, pointer

if TYPE_CHECKING:
    from mapper.rules import RuleContext


@dataclass(frozen=True)
class MappedField:
    """One field a resource writes: an explicit mapping, or a CSV header when auto-mapped."""

    # where a finding about the field name points
    pointer: str
    # the field API name, without Zoho's ``Field.find_by`` header suffix
    name: str
    # the mapping's find_by, or the header suffix (``Account_Name.id`` -> ``id``)
    find_by: str | None
    # the explicit mapping; None when Zoho maps the CSV header itself
    mapping: dict | None
    # the CSV column read, when known
    column: int | None

    @property
    def from_header(self) -> bool:
        return self.mapping is None


@dataclass(frozen=True)
class Target:
    """A resource whose module the catalog knows."""

    index: int
    resource: dict
    module: Module


def catalog_of(ctx: RuleContext) -> Catalog:
    """The context's catalog; without one the built-in catalog still gives warnings."""
    return ctx.catalog if ctx.catalog is not None else builtin_catalog()


def module_name(resource: dict) -> str | None:
    """``module`` is a string in v2 and ``{"api_name": ...}`` from v2.1 on."""
    return api_name_of(member(resource, "module"))


def targets(ctx: RuleContext) -> tuple[Target, ...]:
    return ctx.remember("targets", lambda: tuple(_targets(ctx)))


def _targets(ctx: RuleContext) -> Iterator[Target]:
    catalog = catalog_of(ctx)
    for i, resource in ctx.resources():
        name = module_name(resource)
        module = catalog.module(name) if name else None
        # a module Bulk Write does not take gets BW512 alone, not findings on its fields
        if module is not None and module.bulk_write:
            yield Target(i, resource, module)


def fields_of(ctx: RuleContext, target: Target) -> tuple[tuple[MappedField, Field], ...]:
    """The mapped fields the target module lists, with their catalog entry."""
    return ctx.remember(("fields_of", target.index), lambda: tuple(_fields_of(ctx, target)))


def _fields_of(ctx: RuleContext, target: Target) -> Iterator[tuple[MappedField, Field]]:
    for mapped in mapped_fields(ctx, target.index, target.resource):
        found = target.module.field(mapped.name)
        if found is not None:
            yield mapped, found


def mapped_fields(ctx: RuleContext, index: int, resource: dict) -> tuple[MappedField, ...]:
    """The fields resource ``index`` writes, explicit mappings or else its CSV's header."""
    key = ("mapped_fields", index, id(resource))
    return ctx.remember(key, lambda: tuple(_mapped_fields(ctx, index, resource)))


def _mapped_fields(ctx: RuleContext, index: int, resource: dict) -> Iterator[MappedField]:
    if list_at(resource, "field_mappings") is not None:
        yield from explicit_fields(ctx, index, resource)
    elif index in ctx.csv:
        yield from header_fields(ctx, index)


def explicit_fields(ctx: RuleContext, index: int, resource: dict) -> Iterator[MappedField]:
    for j, mapping in ctx.mappings(resource):
        api_name = text_at(mapping, "api_name")
        if not api_name:
            continue
        name, _, suffix = api_name.partition(".")
        yield MappedField(
            pointer=pointer("resource", index, "field_mappings", j, "api_name"),
            name=name,
            find_by=text_at(mapping, "find_by") or suffix or None,
            mapping=mapping,
            column=index_at(mapping, "index"),
        )


def header_fields(ctx: RuleContext, index: int) -> Iterator[MappedField]:
    """Without field_mappings Zoho reads each header as an API name (``X.find_by`` allowed)."""
    for column, header in enumerate(ctx.csv[index].header):
        name, _, suffix = header.strip().partition(".")
        if name:
            yield MappedField(pointer("resource", index), name, suffix or None, None, column)


def mapping_pointer(mapped: MappedField, key: str) -> str:
    """A key of the mapping (``format``, ``default_value``) or, for a header, the resource."""
    return child(mapped.pointer.rsplit("/", 1)[0], key) if mapped.mapping else mapped.pointer


def child_field(catalog: Catalog, module: Module, name: str) -> tuple[Module, Field] | None:
    """A field of one of ``module``'s subform / line-item modules, mapped on the parent."""
    for sub in catalog.modules.values():
        if sub.parent_module == module.api_name and name != "Parent_Id":
            found = sub.field(name)
            if found is not None:
                return sub, found
    return None


def operation(ctx: RuleContext) -> str | None:
    return text_at(ctx.body, "operation")


def looked_up_modules(mapped: MappedField, f: Field) -> tuple[str, ...]:
    """The modules a lookup mapping may find its record in."""
    # a polymorphic lookup (What_Id) may name its target in the mapping's "module"
    chosen = text_at(mapped.mapping, "module")
    return (chosen,) if chosen else f.lookup_modules


def layout_value(mapped: MappedField) -> str | None:
    """The layout id (or, by mistake, name) a ``Layout`` mapping gives as default_value."""
    if mapped.name != "Layout" or not mapped.mapping:
        return None
    value = member(object_at(mapped.mapping, "default_value"), "value")
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
