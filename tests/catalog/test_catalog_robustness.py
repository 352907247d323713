"""Whatever the metadata files or the spec hold, the loader and the rules never crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from catalog_helpers import ORG_FIELDS, ORG_LAYOUTS
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.catalog import Catalog, CatalogError, load_catalog
from mapper.rules import CsvFacts, RuleContext, all_rules

KEYS = st.sampled_from(
    [
        "api_name", "data_type", "lookup", "module", "unique", "operation_type", "api_create",
        "associated_module", "multiselectlookup", "linking_module", "pick_list_values",
        "actual_value", "length", "field_read_only", "system_mandatory", "sections", "fields",
        "id", "name", "required", "index", "find_by", "format", "default_value", "value",
        "field_mappings", "resource", "operation", "parent_column_index",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 5),
    st.sampled_from(["Leads", "Accounts", "Last_Name", "id", "lookup", "subform", "insert", ""]),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=6)),
    max_leaves=25,
)
CATALOG = load_catalog(ORG_FIELDS, ORG_LAYOUTS)
CATALOG_RULES = [r for r in all_rules() if r.code.startswith("BW5")]


@settings(max_examples=100, deadline=None)
@given(fields=JSON, layouts=JSON)
def test_loader_returns_a_catalog_or_raises_catalog_error(fields: object, layouts: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        fields_file = Path(folder, "fields", "Leads.json")
        layouts_file = Path(folder, "layouts", "Leads.json")
        for path, items, key in (
            (fields_file, fields, "fields"),
            (layouts_file, layouts, "layouts"),
        ):
            path.parent.mkdir()
            path.write_text(json.dumps({key: items}), encoding="utf-8")
        try:
            assert isinstance(load_catalog(fields_file, layouts_file), Catalog)
        except CatalogError as error:
            assert str(fields_file) in str(error) or str(layouts_file) in str(error)


@settings(max_examples=150, deadline=None)
@given(body=JSON, header=st.lists(st.sampled_from(["Last_Name", "Owner", "Owner.id", "x"])))
def test_rules_never_crash_on_any_body(body: object, header: list[str]) -> None:
    csv = {0: CsvFacts("x.csv", tuple(header), ("text",) * len(header))}
    for catalog in (None, CATALOG):
        ctx = RuleContext(body, "v8", catalog, csv)
        for rule in CATALOG_RULES:
            rule.run(ctx)


@settings(max_examples=40, deadline=None)
@given(mappings=st.lists(st.dictionaries(KEYS, JSON, max_size=5), max_size=5), op=SCALARS)
def test_rules_never_crash_on_spec_shaped_bodies(mappings: list, op: object) -> None:
    for module in ("Leads", {"api_name": "Lead_Items"}, {"api_name": "Quotes"}, "Projects"):
        body = {"operation": op, "resource": [{"module": module, "field_mappings": mappings}]}
        for catalog in (None, CATALOG):
            for rule in CATALOG_RULES:
                rule.run(RuleContext(body, "v8", catalog))
