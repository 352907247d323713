"""An org's own metadata: Zoho's Fields Metadata and Layouts API responses, saved as files.

``--fields PATH`` is ``GET /settings/fields?module=X`` saved as ``X.json`` (``{"fields": [...]}``),
one file or a directory of them; ``--layouts PATH`` the same for ``GET /settings/layouts``
(``{"layouts": [...]}``). Org metadata replaces the built-in module of the same name.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from mapper.catalog.builtin import builtin_catalog
from mapper.catalog.model import Catalog, CatalogError, Field, Layout, Module, child_links
from mapper.catalog.zoho_json import org_field, parent_id_field


def load_catalog(fields: Path | None = None, layouts: Path | None = None) -> Catalog:
    """The built-in catalog overridden by org metadata; raises `CatalogError` on a bad file."""
    base = builtin_catalog()
    if fields is None and layouts is None:
        return base
    org_fields = {n: fields_of(p) for n, p in response_files(fields)} if fields else {}
    org_layouts = org_layouts_of(layouts) if layouts else {}
    parents = {child: parent for child, (parent, _) in child_links(org_fields.items()).items()}
    modules = dict(base.modules)
    for name, module_fields in org_fields.items():
        modules[name] = org_module(name, module_fields, parents.get(name))
    for name, (module_layouts, section_fields) in org_layouts.items():
        known = modules.get(name)
        if known is None:
            known = org_module(name, section_fields, parents.get(name))
        modules[name] = replace(known, layouts=module_layouts)
    return Catalog(modules)


class LayoutsError(CatalogError):
    """A bad ``--layouts`` file: told apart so the hint names the Layouts API."""


def org_layouts_of(path: Path) -> dict[str, tuple[tuple[Layout, ...], tuple[Field, ...]]]:
    try:
        return {name: layouts_of(file) for name, file in response_files(path)}
    except CatalogError as exc:
        raise LayoutsError(str(exc)) from None


def response_files(path: Path) -> list[tuple[str, Path]]:
    """(module name, file) pairs: a file is named after its module (``Leads.json``)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == ".json" and p.is_file())
        if not files:
            raise CatalogError(f"{path}: no .json files (expected one per module, e.g. Leads.json)")
        return [(p.stem, p) for p in files]
    if not path.exists():
        raise CatalogError(f"{path}: no such file or directory")
    return [(path.stem, path)]


def read_list(path: Path, key: str) -> list:
    try:
        body = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise CatalogError(
            f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read: {exc.strerror}") from None
    items = body.get(key) if isinstance(body, dict) else None
    if not isinstance(items, list):
        raise CatalogError(f'{path}: expected an object with a "{key}" list (Zoho\'s response)')
    if not items:
        raise CatalogError(f'{path}: the "{key}" list is empty')
    return items


def fields_of(path: Path) -> tuple[Field, ...]:
    items = read_list(path, "fields")
    return tuple(org_field(raw, f"{path}: fields[{i}]") for i, raw in enumerate(items))


def layouts_of(path: Path) -> tuple[tuple[Layout, ...], tuple[Field, ...]]:
    """The layouts, and the union of their section fields (for modules without --fields)."""
    layouts: list[Layout] = []
    seen: dict[str, Field] = {}
    for i, raw in enumerate(read_list(path, "layouts")):
        where = f"{path}: layouts[{i}]"
        if not isinstance(raw, dict):
            raise CatalogError(f"{where}: expected an object")
        required: list[str] = []
        for j, section_field in enumerate(section_fields(raw, where)):
            parsed = org_field(section_field, f"{where}: section field {j}")
            seen.setdefault(parsed.api_name, parsed)
            if section_field.get("required") is True:
                required.append(parsed.api_name)
        layouts.append(layout_of(raw, where, tuple(required)))
    return tuple(layouts), tuple(seen.values())


def section_fields(raw: dict, where: str) -> list:
    sections = raw.get("sections") or []
    if not isinstance(sections, list):
        raise CatalogError(f'{where}: "sections" is not a list')
    found: list = []
    for section in sections:
        items = section.get("fields") if isinstance(section, dict) else None
        if isinstance(items, list):
            found.extend(items)
    return found


def layout_of(raw: dict, where: str, required: tuple[str, ...]) -> Layout:
    layout_id, name = raw.get("id"), raw.get("name")
    if isinstance(layout_id, bool) or not isinstance(layout_id, (str, int)) or not layout_id:
        raise CatalogError(f"{where}: layout without an id")
    if not isinstance(name, str) or not name:
        raise CatalogError(f"{where}: layout without a name")
    api_name = raw.get("api_name") if isinstance(raw.get("api_name"), str) else None
    return Layout(str(layout_id), name, api_name, required)


def org_module(name: str, fields: tuple[Field, ...], parent: str | None) -> Module:
    # a subform module exported without its parent's file still names it in Parent_Id
    link = next((f for f in fields if f.api_name == "Parent_Id" and f.lookup_modules), None)
    parent = parent or (link.lookup_modules[0] if link else None)
    if parent is not None:
        fields = with_parent_id(fields, parent)
    return Module(name, fields, source="org", parent_module=parent)


def with_parent_id(fields: tuple[Field, ...], parent: str) -> tuple[Field, ...]:
    """Subform rows link to their parent through Parent_Id, which is always mappable."""
    existing = next((f for f in fields if f.api_name == "Parent_Id"), None)
    if existing is None:
        return (*fields, parent_id_field(parent))
    linked = replace(
        existing,
        writable=True,
        updatable=True,
        lookup_modules=existing.lookup_modules or (parent,),
    )
    return tuple(linked if f is existing else f for f in fields)
