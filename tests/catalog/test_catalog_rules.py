from __future__ import annotations

import pytest
from catalog_helpers import job, run_rule

from mapper.catalog import Catalog
from mapper.diagnostics import Severity
from mapper.rules import CsvFacts

LEADS = {"api_name": "Leads"}


def severities(diagnostics) -> list[str]:
    return [d.severity.value for d in diagnostics]


# BW501 unknown module


def test_unknown_module_is_a_warning_with_builtin_data_only() -> None:
    [d] = run_rule("BW501", job({"api_name": "Contact"}, []))
    assert d.severity is Severity.WARNING and d.zoho_code == "MODULE_NOT_AVAILABLE"
    assert d.pointer == "/resource/0/module/api_name"
    assert "Contacts" in d.hint


def test_unknown_module_is_an_error_with_org_metadata(org_catalog: Catalog) -> None:
    [d] = run_rule("BW501", job("Projekts", []), org_catalog)
    assert d.severity is Severity.ERROR and d.pointer == "/resource/0/module"
    assert "Projects" in d.hint


@pytest.mark.parametrize("module", ["Projects", "Lead_Items", "Lead_Contact_Lookup", "Leads"])
def test_known_org_modules_pass(org_catalog: Catalog, module: str) -> None:
    assert run_rule("BW501", job({"api_name": module}, []), org_catalog) == []


# BW502 unknown field


def test_unknown_field_warns_with_did_you_mean_on_builtin_data() -> None:
    [d] = run_rule("BW502", job(LEADS, [{"api_name": "Last_name", "index": 0}]))
    assert d.severity is Severity.WARNING and d.zoho_code == "INVALID_FIELD"
    assert d.pointer == "/resource/0/field_mappings/0/api_name"
    assert "Last_Name" in d.hint


def test_unknown_field_is_an_error_with_org_metadata(org_catalog: Catalog) -> None:
    body = job(LEADS, [{"api_name": "Customer_Cod", "index": 0}])
    [d] = run_rule("BW502", body, org_catalog)
    assert d.severity is Severity.ERROR and "Customer_Code" in d.hint


def test_custom_field_of_the_org_and_dotted_lookup_names_pass(org_catalog: Catalog) -> None:
    mappings = [
        {"api_name": "Customer_Code", "index": 0},
        {"api_name": "Referred_By.id", "index": 1},
        {"api_name": "Layout", "default_value": {"value": "111222000000091055"}},
        {"api_name": "id", "index": 2},
    ]
    assert run_rule("BW502", job(LEADS, mappings, "update", find_by="id"), org_catalog) == []


def test_parent_id_is_a_field_of_subform_modules(org_catalog: Catalog) -> None:
    mappings = [{"api_name": "Parent_Id", "index": 0, "find_by": "id"}]
    assert run_rule("BW502", job({"api_name": "Lead_Items"}, mappings), org_catalog) == []
    assert run_rule("BW502", job({"api_name": "Quoted_Items"}, mappings)) == []


def test_auto_mapped_csv_header_is_checked() -> None:
    csv = {0: CsvFacts("leads.csv", ("Last_Name", "Owner.id", "Surname"))}
    [d] = run_rule("BW502", job(LEADS, None), csv=csv)
    assert "CSV header 'Surname'" in d.message and d.pointer == "/resource/0"


# BW503 mandatory fields


def test_missing_mandatory_field_on_insert() -> None:
    [d] = run_rule("BW503", job(LEADS, [{"api_name": "Company", "index": 0}]))
    assert d.severity is Severity.ERROR and d.zoho_code == "MANDATORY_FIELDS_NOT_MAPPED"
    assert "Last_Name" in d.message and d.pointer == "/resource/0/field_mappings"


def test_default_value_counts_as_mapped_and_update_is_not_judged() -> None:
    mapped = [{"api_name": "Last_Name", "default_value": {"value": "Unknown"}}]
    assert run_rule("BW503", job(LEADS, mapped)) == []
    assert run_rule("BW503", job(LEADS, [], "update", find_by="id")) == []
    assert len(run_rule("BW503", job(LEADS, [], "upsert", find_by="Email"))) == 1


def test_custom_module_mandatory_field_from_org(org_catalog: Catalog) -> None:
    [d] = run_rule(
        "BW503", job({"api_name": "Projects"}, [{"api_name": "Budget", "index": 0}]), org_catalog
    )
    assert "Name" in d.message


def test_without_mappings_the_header_decides_or_it_is_only_info() -> None:
    [info] = run_rule("BW503", job(LEADS, None))
    assert info.severity is Severity.INFO and "Last_Name" in info.message
    good = {0: CsvFacts("l.csv", ("Last_Name", "Email"))}
    assert run_rule("BW503", job(LEADS, None), csv=good) == []
    bad = {0: CsvFacts("l.csv", ("Email",))}
    [error] = run_rule("BW503", job(LEADS, None), csv=bad)
    assert error.severity is Severity.ERROR


def test_line_items_need_a_child_resource() -> None:
    alone = job({"api_name": "Quotes"}, [{"api_name": "Subject", "index": 0}])
    [d] = run_rule("BW503", alone)
    assert "Quoted_Items" in d.message
    child = {"type": "data", "module": {"api_name": "Quoted_Items"}, "field_mappings": []}
    alone["resource"].append(child)
    assert all("Quoted_Items" not in x.message for x in run_rule("BW503", alone))


def test_conditionally_mandatory_pipeline_is_a_warning_on_builtin_data() -> None:
    mapped = [{"api_name": "Deal_Name", "index": 0}, {"api_name": "Stage", "index": 1}]
    [d] = run_rule("BW503", job({"api_name": "Deals"}, mapped))
    assert d.severity is Severity.WARNING and "Pipeline" in d.message


# BW504 lookup without find_by


def test_lookup_without_find_by_is_a_warning_without_csv() -> None:
    body = job({"api_name": "Contacts"}, [{"api_name": "Account_Name", "index": 3}])
    [d] = run_rule("BW504", body)
    assert d.severity is Severity.WARNING and d.zoho_code == "MANDATORY_NOT_FOUND"


@pytest.mark.parametrize(
    ("kind", "severity", "suggested"),
    [
        ("text", "error", "Account_Name"),
        # Accounts has no email field: only ids can find an account
        ("email", "error", "id"),
        ("id", "info", "id"),
        # the compiler's choice (mapper.match.choose_find_by): numbers as account names
        ("integer", "warning", "Account_Name"),
    ],
)
def test_lookup_without_find_by_follows_the_column_kind(
    kind: str, severity: str, suggested: str
) -> None:
    body = job({"api_name": "Contacts"}, [{"api_name": "Account_Name", "index": 1}])
    csv = {0: CsvFacts("c.csv", ("Last", "Account"), ("text", kind))}
    [d] = run_rule("BW504", body, csv=csv)
    assert d.severity.value == severity
    assert f'"find_by": "{suggested}"' in d.hint


def test_owner_lookup_with_emails_suggests_find_by_email() -> None:
    body = job(LEADS, [{"api_name": "Owner", "index": 0}])
    [d] = run_rule("BW504", body, csv={0: CsvFacts("l.csv", ("Owner",), ("email",))})
    assert d.severity is Severity.ERROR and '"email"' in d.hint


def test_lookups_with_find_by_dotted_header_or_parent_link_pass(org_catalog: Catalog) -> None:
    mappings = [
        {"api_name": "Referred_By", "index": 0, "find_by": "Account_Code"},
        {"api_name": "Owner.id", "index": 1},
    ]
    assert run_rule("BW504", job(LEADS, mappings), org_catalog) == []
    child = job(
        {"api_name": "Lead_Items"},
        [{"api_name": "Parent_Id", "index": 0, "parent_column_index": 0}],
    )
    assert run_rule("BW504", child, org_catalog) == []


# BW505 lookup find_by in the target module


def test_custom_unique_field_as_lookup_find_by_passes(org_catalog: Catalog) -> None:
    body = job(LEADS, [{"api_name": "Referred_By", "index": 0, "find_by": "Account_Code"}])
    assert run_rule("BW505", body, org_catalog) == []


def test_lookup_find_by_missing_or_not_unique_in_target(org_catalog: Catalog) -> None:
    missing = job(LEADS, [{"api_name": "Referred_By", "index": 0, "find_by": "Account_Cod"}])
    [d] = run_rule("BW505", missing, org_catalog)
    assert "not a field of Accounts" in d.message and "Account_Code" in d.hint
    loose = job(LEADS, [{"api_name": "Referred_By", "index": 0, "find_by": "Phone"}])
    [d] = run_rule("BW505", loose, org_catalog)
    assert d.severity is Severity.WARNING and "not unique" in d.message


def test_name_field_is_a_documented_find_by() -> None:
    body = job(
        {"api_name": "Contacts"},
        [{"api_name": "Account_Name", "index": 0, "find_by": "Account_Name"}],
    )
    assert run_rule("BW505", body) == []


def test_user_lookups_find_by_id_or_email_only() -> None:
    good = job(LEADS, [{"api_name": "Owner", "index": 0, "find_by": "email"}])
    assert run_rule("BW505", good) == []
    [d] = run_rule("BW505", job(LEADS, [{"api_name": "Owner", "index": 0, "find_by": "full_name"}]))
    assert "id or email" in d.message


# BW506 resource find_by


def test_resource_find_by_unique_custom_field_passes(org_catalog: Catalog) -> None:
    body = job(LEADS, [], "upsert", find_by="Customer_Code")
    assert run_rule("BW506", body, org_catalog) == []


def test_resource_find_by_unknown_or_not_unique(org_catalog: Catalog) -> None:
    [d] = run_rule("BW506", job(LEADS, [], "upsert", find_by="Customer_Cod"), org_catalog)
    assert d.pointer == "/resource/0/find_by" and "Customer_Code" in d.hint
    [d] = run_rule("BW506", job(LEADS, [], "upsert", find_by="Phone"), org_catalog)
    assert d.severity is Severity.WARNING and "not unique" in d.message
    [d] = run_rule("BW506", job({"api_name": "Contacts"}, [], "upsert", find_by="Email"))
    assert d.severity is Severity.INFO


# BW507 non-writable fields


@pytest.mark.parametrize("name", ["Full_Name", "Created_Time", "Lead_Score_Total", "id"])
def test_non_writable_field_mapped_on_insert(org_catalog: Catalog, name: str) -> None:
    [d] = run_rule("BW507", job(LEADS, [{"api_name": name, "index": 0}]), org_catalog)
    assert d.severity is Severity.ERROR and name in d.message


def test_id_on_update_owner_and_parent_id_are_writable(org_catalog: Catalog) -> None:
    mappings = [{"api_name": "id", "index": 0}, {"api_name": "Owner", "index": 1}]
    assert run_rule("BW507", job(LEADS, mappings, "update", find_by="id"), org_catalog) == []
    child = job(
        {"api_name": "Lead_Items"}, [{"api_name": "Parent_Id", "index": 0, "find_by": "id"}]
    )
    assert run_rule("BW507", child, org_catalog) == []


def test_low_confidence_builtin_read_only_is_a_warning() -> None:
    body = job({"api_name": "Contacts"}, [{"api_name": "Unsubscribed_Time", "index": 0}])
    assert severities(run_rule("BW507", body)) == ["warning"]


def test_a_module_bulk_write_does_not_take_gets_one_error_and_no_field_findings() -> None:
    body = job({"api_name": "Events"}, [{"api_name": "Check_In_City", "index": 0}])
    assert run_rule("BW507", body) == []
    assert severities(run_rule("BW512", body)) == ["error"]
    assert run_rule("BW501", job({"api_name": "Users"}, [])) == []


def test_a_quote_without_line_items_is_a_warning_citing_what_zoho_may_do() -> None:
    body = job({"api_name": "Quotes"}, [{"api_name": "Subject", "index": 0}])
    found = [d for d in run_rule("BW503", body) if "Quoted_Items" in d.message]
    assert severities(found) == ["warning"]
    assert "may fail" in found[0].message


# BW508 / BW509 formats


def test_format_on_a_text_field_warns() -> None:
    [d] = run_rule(
        "BW508", job(LEADS, [{"api_name": "Company", "index": 0, "format": "dd.MM.yyyy"}])
    )
    assert d.pointer == "/resource/0/field_mappings/0/format"


def test_format_on_date_and_number_fields_passes(org_catalog: Catalog) -> None:
    mappings = [
        {"api_name": "Date_of_Birth", "index": 0, "format": "dd.MM.yyyy"},
        {"api_name": "Annual_Revenue", "index": 1, "format": "#,##0.00"},
    ]
    assert run_rule("BW508", job(LEADS, mappings), org_catalog) == []


def test_date_without_format_is_info_with_zoho_defaults(org_catalog: Catalog) -> None:
    mappings = [
        {"api_name": "Date_of_Birth", "index": 0},
        {"api_name": "Last_Contacted", "index": 1},
        {"api_name": "Company", "index": 2},
    ]
    found = run_rule("BW509", job(LEADS, mappings), org_catalog)
    assert severities(found) == ["info", "info"]
    assert "MM/dd/yyyy" in found[0].message and "MM/dd/yyyy HH:mm:ss" in found[1].message
    with_format = [{"api_name": "Date_of_Birth", "index": 0, "format": "yyyy-MM-dd"}]
    assert run_rule("BW509", job(LEADS, with_format), org_catalog) == []


# BW510 layouts


def test_layout_id_among_known_layouts_passes(org_catalog: Catalog) -> None:
    body = job(LEADS, [{"api_name": "Layout", "default_value": {"value": "111222000001022168"}}])
    assert run_rule("BW510", body, org_catalog) == []


def test_unknown_layout_id_or_a_layout_name_is_an_error(org_catalog: Catalog) -> None:
    body = job(LEADS, [{"api_name": "Layout", "default_value": {"value": "5725767000001022168"}}])
    [d] = run_rule("BW510", body, org_catalog)
    assert d.pointer == "/resource/0/field_mappings/0/default_value/value"
    assert "Partner Leads (id 111222000001022168)" in d.hint
    by_name = job(LEADS, [{"api_name": "Layout", "default_value": {"value": "Partner Leads"}}])
    [d] = run_rule("BW510", by_name, org_catalog)
    assert "111222000001022168" in d.message


def test_layouts_unknown_without_layout_metadata() -> None:
    body = job(LEADS, [{"api_name": "Layout", "default_value": {"value": "1"}}])
    assert run_rule("BW510", body) == []


# BW511 child fields as parent columns


@pytest.mark.parametrize("name", ["Lead_Items", "Related_Contacts", "Item_Name"])
def test_child_fields_mapped_on_the_parent(org_catalog: Catalog, name: str) -> None:
    [d] = run_rule("BW511", job(LEADS, [{"api_name": name, "index": 0}]), org_catalog)
    assert d.severity is Severity.ERROR
    assert "Lead_Items" in d.hint or "Lead_Contact_Lookup" in d.hint


def test_line_item_fields_on_quotes_need_a_child_resource() -> None:
    [d] = run_rule("BW511", job({"api_name": "Quotes"}, [{"api_name": "Quantity", "index": 0}]))
    assert "Quoted_Items" in d.message
    assert (
        run_rule("BW502", job({"api_name": "Quotes"}, [{"api_name": "Quantity", "index": 0}])) == []
    )


def test_child_resource_fields_pass(org_catalog: Catalog) -> None:
    body = job({"api_name": "Lead_Items"}, [{"api_name": "Item_Name", "index": 0}])
    assert run_rule("BW511", body, org_catalog) == []


def test_v2_module_string_is_understood() -> None:
    [d] = run_rule("BW503", job("Leads", [{"api_name": "Company", "index": 0}]))
    assert "Last_Name" in d.message


def test_lookup_into_contacts_by_email_suggests_the_email_field() -> None:
    body = job({"api_name": "Deals"}, [{"api_name": "Contact_Name", "index": 0}])
    [d] = run_rule("BW504", body, csv={0: CsvFacts("d.csv", ("Contact",), ("email",))})
    assert '"find_by": "Email"' in d.hint
    expected = "lookup Contact_Name has no find_by and the CSV column at index 0 holds email"
    assert d.message.startswith(expected)
