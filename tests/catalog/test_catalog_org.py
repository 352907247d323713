from __future__ import annotations

import json
from pathlib import Path

import pytest
from catalog_helpers import ORG_FIELDS, ORG_LAYOUTS

from mapper.catalog import Catalog, CatalogError, builtin_catalog, load_catalog


def write(path: Path, body: object) -> Path:
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


def test_no_metadata_gives_the_builtin_catalog() -> None:
    assert load_catalog() is builtin_catalog()
    assert not load_catalog().has_org_metadata


def test_org_metadata_replaces_builtin_modules_and_keeps_the_rest(org_catalog: Catalog) -> None:
    leads = org_catalog.module("Leads")
    assert leads.from_org and org_catalog.has_org_metadata
    assert leads.field("Customer_Code") is not None
    # a standard field the org's response does not list is gone with the built-in module
    assert leads.field("Secondary_Email") is None
    assert org_catalog.module("Contacts").source == "builtin"


def test_custom_module_comes_from_its_file(org_catalog: Catalog) -> None:
    projects = org_catalog.module("Projects")
    assert [f.api_name for f in projects.mandatory_fields()] == ["Name"]
    assert projects.field("Client").lookup_modules == ("Accounts",)
    assert not projects.field("Project_Number").writable
    assert projects.field("Stage").pick_list_values == ("-None-", "Planned", "Running", "Done")
    assert org_catalog.name_field("Projects") == "Name"


def test_unique_flags_come_from_the_unique_object(org_catalog: Catalog) -> None:
    accounts = org_catalog.module("Accounts")
    assert accounts.field("Account_Code").unique
    assert not accounts.field("Phone").unique


def test_writability_follows_operation_type(org_catalog: Catalog) -> None:
    leads = org_catalog.module("Leads")
    # Owner is field_read_only in Zoho's responses, yet operation_type allows API inserts
    assert leads.field("Owner").writable
    for name in ("Full_Name", "Created_Time", "Modified_By", "Lead_Score_Total", "id"):
        assert not leads.field(name).writable, name
    assert not leads.field("Lead_Items").writable


def test_field_read_only_decides_without_operation_type(tmp_path: Path) -> None:
    fields = [
        {"api_name": "Locked_Note", "data_type": "text", "field_read_only": True},
        {"api_name": "Owner", "data_type": "ownerlookup", "field_read_only": True},
        {"api_name": "Free_Note", "data_type": "text"},
        # audit fields and computed types are never writable, whatever the flags say
        {"api_name": "Modified_Time", "data_type": "datetime"},
        {"api_name": "Score", "data_type": "rollup_summary"},
    ]
    catalog = load_catalog(write(tmp_path / "Notes_X.json", {"fields": fields}))
    module = catalog.module("Notes_X")
    for name in ("Locked_Note", "Modified_Time", "Score"):
        assert not module.field(name).writable, name
    assert module.field("Owner").writable and module.field("Free_Note").writable


def test_subform_module_links_to_its_parent(org_catalog: Catalog) -> None:
    items = org_catalog.module("Lead_Items")
    assert items.parent_module == "Leads"
    # Parent_Id is api_create false in the response, but it is how rows are linked
    assert items.field("Parent_Id").writable
    assert org_catalog.module("Leads").field("Lead_Items").associated_module == "Lead_Items"


def test_parent_id_is_added_to_a_subform_module_that_lacks_it(tmp_path: Path) -> None:
    parent = {
        "fields": [
            {"api_name": "Name", "data_type": "text", "system_mandatory": True},
            {"api_name": "Rows", "data_type": "subform", "associated_module": {"module": "Rows_M"}},
        ]
    }
    write(tmp_path / "Parent_M.json", parent)
    write(tmp_path / "Rows_M.json", {"fields": [{"api_name": "Qty", "data_type": "integer"}]})
    rows = load_catalog(tmp_path).module("Rows_M")
    assert rows.field("Parent_Id").lookup_modules == ("Parent_M",)


def test_multiselect_lookup_names_its_linking_module(org_catalog: Catalog) -> None:
    field = org_catalog.module("Leads").field("Related_Contacts")
    assert field.associated_module == "Lead_Contact_Lookup"
    assert org_catalog.is_known_module("Lead_Contact_Lookup")
    assert org_catalog.child_modules["Lead_Contact_Lookup"] == ("Leads", "Related_Contacts")


def test_layouts_give_ids_names_and_required_fields(org_catalog: Catalog) -> None:
    leads = org_catalog.module("Leads")
    partner = leads.layout("Partner Leads")
    assert partner.id == "111222000001022168" and partner.api_name == "Partner_Leads"
    assert partner.required_fields == ("Last_Name", "Email")
    assert leads.layout("111222000000091055").name == "Standard"


def test_layouts_alone_attach_to_the_builtin_module() -> None:
    catalog = load_catalog(layouts=ORG_LAYOUTS / "Leads.json")
    leads = catalog.module("Leads")
    assert leads.source == "builtin" and len(leads.layouts) == 2


def test_layouts_of_an_unknown_module_bring_their_section_fields(tmp_path: Path) -> None:
    layout = {
        "id": "42",
        "name": "Standard",
        "sections": [{"fields": [{"api_name": "Title_X", "data_type": "text", "required": True}]}],
    }
    catalog = load_catalog(layouts=write(tmp_path / "Custom_Z.json", {"layouts": [layout]}))
    module = catalog.module("Custom_Z")
    assert module.field("Title_X") is not None
    assert module.layouts[0].required_fields == ("Title_X",)


def test_a_single_fields_file_is_read(tmp_path: Path) -> None:
    catalog = load_catalog(ORG_FIELDS / "Accounts.json")
    assert catalog.module("Accounts").from_org
    assert not catalog.module("Leads").from_org


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON: Expecting property name"),
        ("[1, 2]", 'expected an object with a "fields" list'),
        ('{"data": []}', 'expected an object with a "fields" list'),
        ('{"fields": []}', 'the "fields" list is empty'),
        ('{"fields": [42]}', "fields[0]: expected a field object"),
        ('{"fields": [{"data_type": "text"}]}', "fields[0]: field without an api_name"),
        ('{"fields": [{"api_name": "X"}]}', "field X without a data_type"),
    ],
)
def test_malformed_fields_files_name_the_file_and_the_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "Leads.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("layout", "problem"),
    [
        ({"name": "Standard"}, "layouts[0]: layout without an id"),
        ({"id": "1"}, "layouts[0]: layout without a name"),
        ({"id": "1", "name": "S", "sections": "x"}, '"sections" is not a list'),
    ],
)
def test_malformed_layouts_files_are_errors(tmp_path: Path, layout: dict, problem: str) -> None:
    path = write(tmp_path / "Leads.json", {"layouts": [layout]})
    with pytest.raises(CatalogError) as caught:
        load_catalog(layouts=path)
    assert problem in str(caught.value)


def test_missing_path_empty_folder_and_binary_file_are_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no such file or directory"):
        load_catalog(tmp_path / "absent")
    with pytest.raises(CatalogError, match=r"no \.json files"):
        load_catalog(tmp_path)
    binary = tmp_path / "Leads.json"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(CatalogError, match="not UTF-8"):
        load_catalog(binary)


def test_json_error_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "Leads.json"
    path.write_text('{"fields": [\n  {"api_name": "A",}\n]}', encoding="utf-8")
    with pytest.raises(CatalogError, match="at line 2 column"):
        load_catalog(path)


def test_subform_module_alone_finds_its_parent_through_parent_id() -> None:
    catalog = load_catalog(ORG_FIELDS / "Lead_Items.json")
    items = catalog.module("Lead_Items")
    assert items.parent_module == "Leads" and items.field("Parent_Id").writable
