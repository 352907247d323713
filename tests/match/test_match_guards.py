"""Meaning guards: spelling alone never makes a confident match the values contradict."""

from __future__ import annotations

import pytest
from match_support import Col, real_catalog

from mapper.match import match_columns
from mapper.match.columns import GUARDED
from mapper.match.guards import shared_affix


@pytest.fixture(scope="module")
def catalog():
    return real_catalog()


def only_left_out(catalog, module: str, column: Col):
    result = match_columns([column], catalog.module(module), catalog)
    assert not result.matches
    (left_out,) = result.unmatched
    return left_out


def test_vorname_is_never_the_vendor_lookup(catalog) -> None:
    # Products has no First_Name, so the synonym cannot help: only the guard stands between
    # `Vorname` and Vendor_Name, whose spelling scores 0.82 (above the 0.8 threshold)
    column = Col(0, "Vorname", "text", ("Anna", "Jürgen"))
    left_out = only_left_out(catalog, "Products", column)
    assert left_out.best_guess == "Vendor_Name"
    assert left_out.confidence <= GUARDED
    assert "orname" in left_out.reason


@pytest.mark.parametrize(
    ("module", "column", "field"),
    [
        ("Contacts", Col(0, "Mailng City", "text"), "Mailing_City"),
        ("Leads", Col(0, "Anual Revenue", "decimal"), "Annual_Revenue"),
    ],
)
def test_a_typo_whose_values_fit_still_matches(catalog, module, column, field) -> None:
    result = match_columns([column], catalog.module(module), catalog)
    assert [m.field.api_name for m in result.matches] == [field]


def test_a_typo_whose_values_do_not_fit_is_left_out(catalog) -> None:
    left_out = only_left_out(catalog, "Leads", Col(0, "Anual Revenue", "text"))
    assert left_out.best_guess == "Annual_Revenue"
    assert "free text, which currency fields do not take" in left_out.reason


@pytest.mark.parametrize(
    ("header", "names", "doubtful"),
    [
        ("vorname", ["vendorname"], True),
        ("adress", ["address"], False),
        ("mailngcity", ["mailingcity"], False),
        ("leadsorce", ["leadsource"], False),
    ],
)
def test_shared_affix(header: str, names: list[str], doubtful: bool) -> None:
    assert (shared_affix(header, names) is not None) == doubtful


def test_emails_never_go_to_a_picklist_by_spelling(catalog) -> None:
    column = Col(0, "Lead Sorce", "email", ("a@example.com",))
    left_out = only_left_out(catalog, "Leads", column)
    assert left_out.best_guess == "Lead_Source"
    assert "emails" in left_out.reason


def test_a_synonym_gives_way_to_a_definite_other_kind(catalog) -> None:
    # "Site" is a Portuguese website column; holding dates it is something else
    column = Col(0, "Site", "date", ("2024-05-17",))
    left_out = only_left_out(catalog, "Leads", column)
    assert left_out.best_guess == "Website"


def test_a_synonym_keeps_a_dirty_text_column(catalog) -> None:
    # a few bad addresses make the kind "text": pre-flight reports them (BW603), the
    # match stays
    result = match_columns([Col(0, "E-Mail-Adresse", "text")], catalog.module("Leads"), catalog)
    assert [m.field.api_name for m in result.matches] == ["Email"]


def test_outlook_title_of_salutations_is_not_the_job_title(catalog) -> None:
    column = Col(0, "Title", "text", ("Mr.", "Dr.", "Mrs."))
    left_out = only_left_out(catalog, "Contacts", column)
    assert left_out.best_guess == "Salutation"
    assert "Salutation's picklist values" in left_out.reason


def test_a_title_of_job_titles_stays(catalog) -> None:
    column = Col(0, "Title", "text", ("CEO", "Dr."))
    result = match_columns([column], catalog.module("Contacts"), catalog)
    assert [m.field.api_name for m in result.matches] == ["Title"]


@pytest.mark.parametrize(
    ("module", "header", "field"),
    [
        ("Deals", "Deal - Title", "Deal_Name"),
        ("Deals", "Deal - Organization", "Account_Name"),
        ("Contacts", "Person - Email", "Email"),
        ("Contacts", "E-mail 2 - Value", "Secondary_Email"),
    ],
)
def test_exporter_wrapping_is_read_through(catalog, module: str, header: str, field: str) -> None:
    kind = "email" if "mail" in header.casefold() else "text"
    result = match_columns([Col(0, header, kind)], catalog.module(module), catalog)
    assert [m.field.api_name for m in result.matches] == [field]


@pytest.mark.parametrize(
    ("module", "header", "kind", "field", "find_by"),
    [
        ("Deals", "Contact Email", "email", "Contact_Name", "Email"),
        ("Contacts", "Contact Email", "email", "Email", None),
        ("Contacts", "Owner Email", "email", "Owner", "email"),
        ("Accounts", "Account Owner", "email", "Owner", "email"),
        ("Deals", "Kontakt-E-Mail", "email", "Contact_Name", "Email"),
    ],
)
def test_english_and_localized_variants(catalog, module, header, kind, field, find_by) -> None:
    result = match_columns([Col(0, header, kind)], catalog.module(module), catalog)
    assert [(m.field.api_name, m.find_by) for m in result.matches] == [(field, find_by)]
