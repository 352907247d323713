"""The built-in catalog: Zoho's standard modules, read once from the package data.

The data file is derived from the shared research catalog by ``scripts/build_catalog.py``.
It runs in the pre-commit path of ``mapper check``, so it is read lazily with stdlib json.
"""

from __future__ import annotations

import json
import pkgutil
from functools import lru_cache

from mapper.catalog.model import Catalog, Field, Module, is_writable

DATA_FILE = "standard_fields.json"


@lru_cache(maxsize=1)
def builtin_catalog() -> Catalog:
    # pkgutil: the package's loader, without importlib.resources' imports (pre-commit path)
    data = pkgutil.get_data("mapper.catalog", f"data/{DATA_FILE}")
    if data is None:
        raise FileNotFoundError(f"mapper/catalog/data/{DATA_FILE} is not in the installed package")
    text = data.decode("utf-8")
    modules: dict[str, Module] = {}
    for record in json.loads(text)["modules"]:
        for module in modules_of(record):
            modules[module.api_name] = module
    return Catalog(modules)


def modules_of(record: dict) -> list[Module]:
    """A standard module, plus its line-item module for the four inventory modules."""
    name = record["api_name"]
    line_items = record.get("line_item_subform")
    fields = tuple(field_of(raw, line_items) for raw in record["fields"])
    modules = [Module(name, fields, source="builtin", bulk_write=record["bulk_write"])]
    if line_items:
        rows = tuple(field_of(raw, None, parent=name) for raw in record["line_item_fields"])
        modules.append(Module(line_items, rows, source="builtin", parent_module=name))
    return modules


def field_of(raw: dict, line_items: str | None, parent: str | None = None) -> Field:
    api_name, data_type = raw["api_name"], raw["type"]
    lookup = tuple(raw.get("lookup", ()))
    if api_name == "Parent_Id" and parent:
        lookup = (parent,)
    writable = api_name == "Parent_Id" or is_writable(
        api_name, data_type, raw.get("read_only", False)
    )
    return Field(
        api_name=api_name,
        label=raw["label"],
        data_type=data_type,
        mandatory=raw.get("mandatory", False),
        unique=raw.get("unique", False),
        writable=writable,
        updatable=writable,
        length=raw.get("length"),
        lookup_modules=lookup,
        pick_list_values=tuple(raw.get("picklist", ())),
        associated_module=line_items if data_type == "subform" else None,
        confidence=raw["confidence"],
        conditional_mandatory=raw.get("conditional", False),
    )
