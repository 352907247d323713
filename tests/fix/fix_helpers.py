"""Shared pieces of the fix tests: the example org's catalog and a one-call fix."""

from __future__ import annotations

from pathlib import Path

from mapper.catalog import Catalog, load_catalog
from mapper.compile.options import CompileOptions
from mapper.fix import FixOptions, FixReport, fix_file, plan_for_module, plan_for_spec

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples" / "fix"
FIELDS = EXAMPLES / "fields"


def org_catalog() -> Catalog:
    return load_catalog(FIELDS)


def fix_module(
    source: Path,
    target: Path,
    module: str,
    catalog: Catalog,
    fix: FixOptions | None = None,
    **options: object,
) -> FixReport:
    fix = fix or FixOptions()
    plan = plan_for_module(source, CompileOptions(module=module, **options), catalog, fix)
    return fix_file(source, target, plan, fix)


def fix_spec(source: Path, target: Path, body: dict, catalog: Catalog, **options: object):
    fix = FixOptions()
    return fix_file(source, target, plan_for_spec(source, body, catalog, fix, **options), fix)


def spec(module: str, *mappings: dict) -> dict:
    return {
        "operation": "insert",
        "resource": [
            {
                "type": "data",
                "module": {"api_name": module},
                "file_id": "1",
                "field_mappings": list(mappings),
            }
        ],
    }
