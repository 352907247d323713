"""Derive the built-in catalog (mapper/catalog/data/standard_fields.json) from the shared research
catalog (../shared/reference/zoho-standard-fields.json).

Usage: python scripts/build_catalog.py [SOURCE_JSON] [OUTPUT_JSON]

The output keeps what the checker and the compiler use (types, labels, mandatory and unique
flags, lengths, lookup targets, picklist values, read-only marks, confidence) and drops the
research notes. It is compact and deterministic: the same source gives the same bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "zoho-standard-fields.json"
DEFAULT_OUTPUT = ROOT / "mapper" / "catalog" / "data" / "standard_fields.json"

# system-mandatory only under an org setting (the research notes say so): Pipeline when
# pipelines are enabled, Pricing_Details for the differential pricing model
CONDITIONAL_MANDATORY = frozenset({("Deals", "Pipeline"), ("Price_Books", "Pricing_Details")})


def picklist(values: list) -> list[str]:
    # Deals.Stage/Pipeline items are objects; every other list holds plain actual values
    return [v["actual_value"] if isinstance(v, dict) else str(v) for v in values]


def derive_field(module: str, raw: dict) -> dict:
    out: dict = {
        "api_name": raw["api_name"],
        "label": raw["field_label"],
        "type": raw["data_type"],
        "confidence": raw["confidence"],
    }
    if raw.get("system_mandatory"):
        out["mandatory"] = True
        if (module, raw["api_name"]) in CONDITIONAL_MANDATORY:
            out["conditional"] = True
    for key in ("unique", "read_only"):
        if raw.get(key):
            out[key] = True
    if isinstance(raw.get("length"), int):
        out["length"] = raw["length"]
    target = raw.get("lookup_module")
    if target:
        out["lookup"] = target if isinstance(target, list) else [target]
    if raw.get("pick_list_values"):
        out["picklist"] = picklist(raw["pick_list_values"])
    return out


def derive_fields(module: str, raws: list[dict]) -> list[dict]:
    # names starting with $ ($line_tax, $se_module) are request keys, not fields
    return [derive_field(module, raw) for raw in raws if not raw["api_name"].startswith("$")]


def derive_module(raw: dict) -> dict:
    name = raw["api_name"]
    out: dict = {
        "api_name": name,
        "singular_label": raw["singular_label"],
        "plural_label": raw["plural_label"],
        "bulk_write": bool(raw["bulk_write_in_scope"]),
        "confidence": raw["module_confidence"],
        "fields": derive_fields(name, raw["fields"]),
    }
    if raw.get("line_item_subform"):
        out["line_item_subform"] = raw["line_item_subform"]
        out["line_item_fields"] = derive_fields(name, raw["line_item_fields"])
    return out


def derive(source: dict) -> dict:
    return {
        "derived_from": "zoho-standard-fields.json",
        "compiled": source["compiled"],
        "modules": [derive_module(m) for m in source["modules"].values()],
    }


def main(argv: list[str]) -> int:
    source_path = Path(argv[0]) if argv else DEFAULT_SOURCE
    output_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    derived = derive(json.loads(source_path.read_text(encoding="utf-8")))
    text = json.dumps(derived, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    output_path.write_text(text + "\n", encoding="utf-8")
    fields = sum(len(m["fields"]) for m in derived["modules"])
    print(f"{output_path}: {len(derived['modules'])} modules, {fields} fields, {len(text)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
