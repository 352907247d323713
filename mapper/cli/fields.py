"""`mapper fields MODULE`: a module's fields from the catalog, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mapper.catalog import Field, Layout, Module
from mapper.cli.common import (
    fail,
    fields_option,
    layouts_option,
    load_settings,
    output_format_option,
)
from mapper.texttable import render_table

COLUMNS = ("api_name", "label", "type", "mandatory", "unique", "lookup", "writable")


@click.command(name="fields")
@click.argument("module")
@fields_option
@layouts_option
@output_format_option()
def command(
    module: str, fields_path: Path | None, layouts_path: Path | None, output_format: str
) -> None:
    """List MODULE's fields: API name, label, type, mandatory, unique, lookup target, writable."""
    catalog = load_settings(fields_path, layouts_path).catalog
    # API names are case-sensitive in specs; here a case slip is harmless
    found = catalog.module(module) or catalog.module_casefold(module)
    if found is None:
        guess = catalog.suggest_module(module)
        hint = f"did you mean '{guess}'?" if guess else None
        known = ", ".join(catalog.names())
        fail(f"unknown module '{module}' (known: {known})", hint)
    if output_format == "json":
        click.echo(json.dumps(module_as_dict(found), indent=2, ensure_ascii=False))
    else:
        click.echo(module_table(found))


def field_row(f: Field, builtin: bool) -> dict[str, object]:
    row: dict[str, object] = {
        "api_name": f.api_name,
        "label": f.label,
        "type": f.data_type,
        "mandatory": f.mandatory,
        "unique": f.unique,
        "lookup": list(f.lookup_modules),
        "writable": f.writable,
    }
    if f.associated_module:
        row["associated_module"] = f.associated_module
    if builtin:
        row["confidence"] = f.confidence
    return row


def module_as_dict(module: Module) -> dict[str, object]:
    builtin = not module.from_org
    return {
        "module": module.api_name,
        "source": module.source,
        "parent_module": module.parent_module,
        "fields": [field_row(f, builtin) for f in module.fields],
        "layouts": [layout_row(x) for x in module.layouts],
    }


def layout_row(layout: Layout) -> dict[str, object]:
    return {
        "id": layout.id,
        "name": layout.name,
        "api_name": layout.api_name,
        "required": list(layout.required_fields),
    }


def cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def module_table(module: Module) -> str:
    builtin = not module.from_org
    columns = (*COLUMNS, "confidence") if builtin else COLUMNS
    rows = [[cell(field_row(f, builtin)[c]) for c in columns] for f in module.fields]
    lines = [render_table([columns, *rows], underline=True)]
    origin = "built-in standard catalog" if builtin else "org metadata"
    lines.append(f"\n{module.api_name}: {len(rows)} fields ({origin})")
    lines += [layout_line(x) for x in module.layouts]
    return "\n".join(lines)


def layout_line(layout: Layout) -> str:
    required = ", ".join(layout.required_fields) or "none"
    return f"layout {layout.name} (id {layout.id}), required: {required}"
