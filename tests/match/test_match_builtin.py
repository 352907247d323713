"""Matching against Zoho's standard modules as shipped, and real export headers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from match_support import cols, real_catalog

from mapper.match import SYNONYMS, choose_find_by, match_columns
from mapper.match.names import NAME_PLACEHOLDER

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "real"


@pytest.fixture(scope="module")
def catalog():
    return real_catalog()


def matched(catalog, module: str, *headers) -> dict[str, str]:
    result = match_columns(cols(*headers), catalog.module(module), catalog)
    return {m.header: m.field.api_name for m in result.matches}


def test_contacts_export_from_the_issue(catalog) -> None:
    result = match_columns(
        cols("E-mail", ("Account", "text"), ("Date of Birth", "date")),
        catalog.module("Contacts"),
        catalog,
    )
    found = {m.header: (m.field.api_name, m.find_by) for m in result.matches}
    assert found == {
        "E-mail": ("Email", None),
        "Account": ("Account_Name", "Account_Name"),
        "Date of Birth": ("Date_of_Birth", None),
    }


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("Leads", {"Company": "Company", "Job Title": "Designation", "ZIP": "Zip_Code"}),
        ("Contacts", {"Company": "Account_Name", "Job Title": "Title", "ZIP": "Mailing_Zip"}),
        ("Accounts", {"Company": "Account_Name", "ZIP": "Billing_Code"}),
        ("Vendors", {"ZIP": "Zip_Code"}),
        ("Quotes", {"Company": "Account_Name", "ZIP": "Billing_Code"}),
    ],
)
def test_synonyms_per_standard_module(catalog, module: str, expected: dict[str, str]) -> None:
    assert matched(catalog, module, "Company", "Job Title", "ZIP") == expected


def test_every_synonym_names_a_standard_field(catalog) -> None:
    known = {f.api_name for m in catalog.modules.values() for f in m.fields}
    named = {n for names in SYNONYMS.values() for n in names if n != NAME_PLACEHOLDER}
    assert named - known == set()


@pytest.mark.parametrize(
    ("module", "field", "kind", "find_by"),
    [
        ("Contacts", "Account_Name", "text", "Account_Name"),
        ("Contacts", "Reporting_To", "text", "Full_Name"),
        ("Contacts", "Reporting_To", "email", "Email"),
        ("Deals", "Campaign_Source", "text", "Campaign_Name"),
        ("Deals", "Contact_Name", "email", "Email"),
        ("Products", "Vendor_Name", "text", "Vendor_Name"),
        ("Cases", "Product_Name", "text", "Product_Name"),
        ("Cases", "Deal_Name", "text", "Deal_Name"),
        ("Sales_Orders", "Quote_Name", "integer", "Quote_Number"),
        ("Invoices", "Sales_Order", "text", "Subject"),
        ("Solutions", "Product_Name", "id", "id"),
        ("Leads", "Owner", "email", "email"),
        ("Products", "Handler", "text", None),
        ("Tasks", "What_Id", "text", None),
    ],
)
def test_find_by_on_standard_lookups(catalog, module, field, kind, find_by) -> None:
    lookup = catalog.module(module).field(field)
    assert choose_find_by(lookup, kind, catalog)[0] == find_by


def test_every_name_find_by_is_a_field_of_its_target(catalog) -> None:
    chosen: dict[tuple[str, str], str] = {}
    for module in catalog.modules.values():
        for field in (f for f in module.fields if f.is_lookup and len(f.lookup_modules) == 1):
            target = catalog.module(field.lookup_modules[0])
            find_by, _ = choose_find_by(field, "text", catalog)
            if target is not None and find_by is not None:
                assert target.field(find_by) is not None, (module.api_name, field.api_name)
                chosen[module.api_name, field.api_name] = find_by
    # the loop checked real choices, not only lookups without one
    assert chosen["Contacts", "Account_Name"] == "Account_Name"
    assert chosen["Deals", "Contact_Name"] == "Full_Name"


def header_of(path: Path) -> list[str]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return next(csv.reader([first], delimiter=delimiter), [])


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file {name} is not here")
    return path


@pytest.mark.parametrize(
    ("name", "module", "expected"),
    [
        (
            "hubspot-dummy/hubspot_contacts.csv",
            "Contacts",
            {
                "First Name": "First_Name",
                "Mobile Phone Number": "Mobile",
                "Job Title": "Title",
                "Postal Code": "Mailing_Zip",
                "Contact Owner": "Owner",
                "State/Region": "Mailing_State",
            },
        ),
        (
            "salesforce-datacloud-workshop/Lead.csv",
            "Leads",
            {
                "LastName": "Last_Name",
                "PostalCode": "Zip_Code",
                "NumberOfEmployees": "No_of_Employees",
                "Title": "Designation",
                "LeadSource": "Lead_Source",
            },
        ),
        (
            "hubspot-dummy/hubspot_deals.csv",
            "Deals",
            {"Deal Stage": "Stage", "Close Date": "Closing_Date", "Deal Owner": "Owner"},
        ),
        ("datablist/leads-100.csv", "Leads", {"Phone 1": "Phone", "Email 2": "Secondary_Email"}),
    ],
)
def test_real_export_headers(catalog, name: str, module: str, expected: dict[str, str]) -> None:
    # owner columns as emails: a column of user names is left out (see test_match_columns)
    headers = header_of(corpus_file(name))
    specs = [(h, "email") if expected.get(h) == "Owner" else h for h in headers]
    found = matched(catalog, module, *specs)
    assert {h: found.get(h) for h in expected} == expected


def test_numbered_address_blocks_are_not_guessed(catalog) -> None:
    headers = header_of(corpus_file("dynamics365-demo/Contact.csv"))
    found = matched(catalog, "Contacts", *headers)
    assert not [h for h in found if h.startswith("Address 1:")]


@pytest.mark.parametrize("module", ["Leads", "Contacts", "Accounts", "Deals"])
def test_every_corpus_header_row_matches_without_error(catalog, module: str) -> None:
    files = sorted(CORPUS.glob("**/*.csv"))
    if not files:
        pytest.skip("the corpus is not here")
    for path in files:
        headers = header_of(path)
        result = match_columns(cols(*headers), catalog.module(module), catalog)
        names = [m.field.api_name for m in result.matches]
        assert len(names) == len(set(names)), path
        assert len(result.matches) + len(result.unmatched) == len(headers), path
