from __future__ import annotations

import pytest
from match_support import CASES, CATALOG, CONTACTS, DEALS, TASKS, cols, org

from mapper.catalog.model import Catalog, Field, Module
from mapper.match import choose_find_by, match_columns

ACCOUNT = CONTACTS.field("Account_Name")
REPORTS_TO = CONTACTS.field("Reporting_To")
OWNER = CONTACTS.field("Owner")
REVIEWER = DEALS.field("Reviewer")
CASE_ACCOUNT = CASES.field("Account_Name")
WHAT = TASKS.field("What_Id")
WHO = TASKS.field("Who_Id")
PARENT = Field("Parent_Id", "Parent", "lookup")


@pytest.mark.parametrize(
    ("field", "kind", "find_by"),
    [
        (ACCOUNT, "id", "id"),
        (ACCOUNT, "text", "Account_Name"),
        (ACCOUNT, "email", "Email"),
        (ACCOUNT, "date", None),
        (ACCOUNT, "empty", None),
        (REPORTS_TO, "text", "Full_Name"),
        (REPORTS_TO, "email", "Email"),
        (DEALS.field("Contact_Name"), "email", "Email"),
        (DEALS.field("Account_Name"), "integer", "Account_Name"),
        (OWNER, "email", "email"),
        (OWNER, "id", "id"),
        (OWNER, "text", None),
        (REVIEWER, "email", "email"),
        (REVIEWER, "empty", None),
        (WHAT, "id", "id"),
        (WHAT, "text", None),
        (WHO, "email", "Email"),
        (PARENT, "id", "id"),
        (PARENT, "text", None),
    ],
)
def test_find_by_from_the_values(field: Field, kind: str, find_by: str | None) -> None:
    chosen, reason = choose_find_by(field, kind, CATALOG)
    assert chosen == find_by
    assert reason


def test_numbers_find_a_record_by_its_auto_number() -> None:
    case_lookup = Field("Case", "Case", "lookup", lookup_modules=("Cases",))
    assert choose_find_by(case_lookup, "integer", CATALOG)[0] == "Case_Number"
    assert choose_find_by(case_lookup, "text", CATALOG)[0] == "Subject"


def test_no_find_by_for_plain_fields() -> None:
    assert choose_find_by(CONTACTS.field("Email"), "email", CATALOG) == (None, None)


def test_names_cannot_identify_users() -> None:
    find_by, reason = choose_find_by(OWNER, "text", CATALOG)
    assert find_by is None
    assert "email or id" in reason


def test_target_module_outside_the_catalog_uses_the_known_name_field() -> None:
    vendor = Field("Vendor_Name", "Vendor", "lookup", lookup_modules=("Vendors",))
    assert choose_find_by(vendor, "text", CATALOG)[0] == "Vendor_Name"
    assert choose_find_by(vendor, "email", CATALOG)[0] is None


def test_custom_module_is_found_by_its_name_field() -> None:
    custom = Module("Projects", (Field("Name", "Project Name", "text"),), source="org")
    catalog = Catalog({**CATALOG.modules, "Projects": custom})
    lookup = Field("Project", "Project", "lookup", lookup_modules=("Projects",))
    assert choose_find_by(lookup, "text", catalog)[0] == "Name"


@pytest.mark.parametrize(
    ("header", "kind", "field", "find_by", "why"),
    [
        ("Account_Name.id", "id", "Account_Name", "id", "asked for id"),
        ("Account_Name.Account_Name", "text", "Account_Name", "Account_Name", "asked for"),
        ("account_name.account_name", "text", "Account_Name", "Account_Name", "asked for"),
        ("Account_Name.id", "text", "Account_Name", "id", "not Zoho ids"),
        ("Owner.email", "email", "Owner", "email", "asked for email"),
        ("Owner.id", "id", "Owner", "id", "asked for id"),
        ("Owner.full_name", "email", "Owner", "email", "ignored .full_name"),
        ("Account_Name.Ticker__c", "text", "Account_Name", "Ticker__c", "unchecked"),
    ],
)
def test_dotted_headers(header: str, kind: str, field: str, find_by: str, why: str) -> None:
    (match,) = match_columns(cols((header, kind)), CONTACTS, CATALOG).matches
    assert (match.field.api_name, match.find_by) == (field, find_by)
    assert why in match.find_by_reason


def test_dotted_header_naming_a_missing_field_of_an_org_module_falls_back_to_the_data() -> None:
    catalog = Catalog({**CATALOG.modules, "Accounts": org(CATALOG.module("Accounts"))})
    (match,) = match_columns(cols(("Account_Name.Ticker__c", "text")), CONTACTS, catalog).matches
    assert match.find_by == "Account_Name"
    assert "ignored .Ticker__c" in match.find_by_reason


def test_a_dot_in_an_ordinary_header_is_no_lookup_convention() -> None:
    employees = Field("No_of_Employees", "No. of Employees", "integer")
    module = Module("Leads", (employees,))
    (match,) = match_columns(cols("No. of Employees"), module, CATALOG).matches
    assert (match.field.api_name, match.find_by) == ("No_of_Employees", None)


def test_override_can_name_the_find_by() -> None:
    result = match_columns(
        cols(("Firm", "text")), CONTACTS, CATALOG, overrides={"Firm": "Account_Name.id"}
    )
    (match,) = result.matches
    assert (match.field.api_name, match.find_by, match.reason) == ("Account_Name", "id", "--map")


@pytest.mark.parametrize(
    ("header", "kind", "matched"),
    [("AccountId", "id", True), ("Account ID", "id", True), ("AccountId", "text", False)],
)
def test_key_columns_of_lookups_need_zoho_ids(header: str, kind: str, matched: bool) -> None:
    result = match_columns(cols((header, kind)), CONTACTS, CATALOG)
    if matched:
        (match,) = result.matches
        assert (match.field.api_name, match.find_by) == ("Account_Name", "id")
    else:
        (left_out,) = result.unmatched
        assert left_out.best_guess == "Account_Name"
        assert "not Zoho record ids" in left_out.reason
