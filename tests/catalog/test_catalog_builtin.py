from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from mapper.catalog import builtin_catalog

ROOT = Path(__file__).parents[2]
SHARED_JSON = ROOT.parent / "shared" / "reference" / "zoho-standard-fields.json"
PACKAGE_JSON = ROOT / "mapper" / "catalog" / "data" / "standard_fields.json"
STANDARD = [
    "Leads",
    "Contacts",
    "Accounts",
    "Deals",
    "Tasks",
    "Products",
    "Campaigns",
    "Cases",
    "Solutions",
    "Vendors",
    "Price_Books",
    "Quotes",
    "Sales_Orders",
    "Purchase_Orders",
    "Invoices",
    "Calls",
    "Events",
]


def shared_reference() -> dict:
    if not SHARED_JSON.is_file():
        pytest.skip("shared reference catalog not present")
    return json.loads(SHARED_JSON.read_text(encoding="utf-8"))


def load_build_script():
    spec = importlib.util.spec_from_file_location(
        "build_catalog", ROOT / "scripts" / "build_catalog.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_package_data_is_what_the_build_script_derives_today(tmp_path: Path) -> None:
    shared_reference()
    output = tmp_path / "derived.json"
    load_build_script().main([str(SHARED_JSON), str(output)])
    assert output.read_bytes() == PACKAGE_JSON.read_bytes()


def test_every_standard_module_and_its_fields_come_from_the_reference() -> None:
    reference = shared_reference()["modules"]
    catalog = builtin_catalog()
    assert set(STANDARD) <= set(catalog.names())
    for name in STANDARD:
        expected = [f["api_name"] for f in reference[name]["fields"] if f["api_name"][0] != "$"]
        assert catalog.module(name).field_names() == expected, name


def test_system_mandatory_fields_match_the_reference_summary() -> None:
    reference = shared_reference()["modules"]
    catalog = builtin_catalog()
    for name in STANDARD:
        mandatory = [f.api_name for f in catalog.module(name).mandatory_fields()]
        # the reference annotates conditions in parentheses: "Pipeline (when ...)"
        expected = [s.split(" (")[0] for s in reference[name]["system_mandatory_fields"]]
        assert sorted(mandatory) == sorted(expected), name


def test_confidence_lengths_lookups_and_picklists_are_kept() -> None:
    leads = builtin_catalog().module("Leads")
    assert leads.field("Last_Name").confidence == "high"
    assert leads.field("Email").unique and leads.field("Email").length == 100
    tasks = builtin_catalog().module("Tasks")
    assert tasks.field("Who_Id").lookup_modules == ("Contacts", "Leads")
    stage = builtin_catalog().module("Deals").field("Stage")
    assert "Closed Won" in stage.pick_list_values
    assert builtin_catalog().module("Events").field("Check_In_City").confidence == "low"


def test_writability_of_builtin_fields() -> None:
    leads = builtin_catalog().module("Leads")
    not_writable = {f.api_name for f in leads.fields if not f.writable}
    assert {"Created_Time", "Modified_By", "Full_Name", "id"} <= not_writable
    assert {"Owner", "Last_Name", "Layout"}.isdisjoint(not_writable)
    assert not builtin_catalog().module("Quotes").field("Quoted_Items").writable


def test_line_items_are_child_modules_of_the_inventory_modules() -> None:
    catalog = builtin_catalog()
    items = catalog.module("Quoted_Items")
    assert items.parent_module == "Quotes"
    assert items.field("Parent_Id").lookup_modules == ("Quotes",)
    assert items.field("Parent_Id").writable
    assert catalog.module("Quotes").field("Quoted_Items").associated_module == "Quoted_Items"
    assert catalog.child_modules["Invoiced_Items"] == ("Invoices", "Invoiced_Items")
    assert catalog.module("Quotes").field("$line_tax") is None


def test_pipeline_is_only_conditionally_mandatory() -> None:
    deals = builtin_catalog().module("Deals")
    assert deals.field("Pipeline").conditional_mandatory
    assert not deals.field("Deal_Name").conditional_mandatory


def test_name_fields_and_did_you_mean() -> None:
    catalog = builtin_catalog()
    assert catalog.name_field("Accounts") == "Account_Name"
    assert catalog.name_field("Price_Books") == "Price_Book_Name"
    assert catalog.name_field("Contacts") == "Full_Name"
    assert catalog.name_field("Nope") is None
    assert catalog.suggest_module("contact") == "Contacts"
    assert catalog.module("Leads").suggest_field("last_name") == "Last_Name"
    assert catalog.module("Leads").suggest_field("Emial") == "Email"
    assert catalog.module("Leads").suggest_field("Zzzzzz") is None


def test_builtin_catalog_is_loaded_once() -> None:
    assert builtin_catalog() is builtin_catalog()


def test_importing_the_catalog_reads_no_data_and_no_pandas(assert_imports_nothing_heavy) -> None:
    assert_imports_nothing_heavy(
        "import mapper.catalog.builtin as b\n"
        "assert b.builtin_catalog.cache_info().currsize == 0\n"
        "b.builtin_catalog()\n"
    )
