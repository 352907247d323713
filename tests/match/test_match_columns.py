from __future__ import annotations

import pytest
from match_support import ACCOUNTS, CATALOG, CONTACTS, DEALS, LEADS, Col, cols, org

from mapper.catalog.model import Field, Module
from mapper.match import (
    MatchError,
    MatchResult,
    columns_named,
    kind_fits,
    match_columns,
    names_column,
    normalise,
)


def fields_by_header(result: MatchResult) -> dict[str, str]:
    return {m.header: m.field.api_name for m in result.matches}


def unmatched_by_header(result: MatchResult) -> dict[str, str]:
    return {u.header: u.reason for u in result.unmatched}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("E-mail", "email"),
        ("first name", "firstname"),
        ("First_Name", "firstname"),
        ("  Zip Code ", "zipcode"),
        ("Téléphone", "telephone"),
        ("No. of Employees", "noofemployees"),
        ("Probability (%)", "probability"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("module", "header", "field", "reason", "confidence"),
    [
        (LEADS, "Email", "Email", "exact api_name", 1.0),
        (LEADS, "email", "Email", "api_name", 0.98),
        (LEADS, "first name", "First_Name", "label", 0.96),
        (LEADS, "Title", "Designation", "label", 0.96),
        (LEADS, "E-mail", "Email", "normalised", 0.93),
        (LEADS, "FIRST-NAME", "First_Name", "normalised", 0.93),
        (LEADS, "Prénom", "First_Name", "synonym", 0.9),
        (LEADS, "Geburtsort", None, None, None),
        (CONTACTS, "DateOfBirth", "Date_of_Birth", "normalised", 0.93),
    ],
)
def test_direct_evidence_order(module, header, field, reason, confidence) -> None:
    result = match_columns(cols(header), module, CATALOG)
    if field is None:
        assert not result.matches
        return
    (match,) = result.matches
    assert (match.field.api_name, match.reason, match.confidence) == (field, reason, confidence)


@pytest.mark.parametrize(
    ("module", "header", "field"),
    [
        (LEADS, "Company", "Company"),
        (CONTACTS, "Company", "Account_Name"),
        (LEADS, "Organisation", "Company"),
        (CONTACTS, "Organization", "Account_Name"),
        (ACCOUNTS, "Company Name", "Account_Name"),
        (LEADS, "Job Title", "Designation"),
        (CONTACTS, "Job Title", "Title"),
        (LEADS, "ZIP", "Zip_Code"),
        (CONTACTS, "Postcode", "Mailing_Zip"),
        (ACCOUNTS, "Postal Code", "Billing_Code"),
        (ACCOUNTS, "Shipping Postal Code", "Shipping_Code"),
        (CONTACTS, "MailingPostalCode", "Mailing_Zip"),
        (LEADS, "Street Address", "Street"),
        (CONTACTS, "Address", "Mailing_Street"),
        (ACCOUNTS, "Address", "Billing_Street"),
        (LEADS, "Surname", "Last_Name"),
        (LEADS, "Family Name", "Last_Name"),
        (CONTACTS, "Given Name", "First_Name"),
        (CONTACTS, "Forename", "First_Name"),
        (LEADS, "Mobile Phone", "Mobile"),
        (CONTACTS, "Cell", "Mobile"),
        (LEADS, "Notes", "Description"),
        (LEADS, "Lead Owner", "Owner"),
        (CONTACTS, "Assigned To", "Owner"),
        (LEADS, "Status", "Lead_Status"),
        (DEALS, "Close Date", "Closing_Date"),
        (DEALS, "Value", "Amount"),
        (DEALS, "Deal Stage", "Stage"),
        (DEALS, "Opportunity Name", "Deal_Name"),
        (DEALS, "Name", "Deal_Name"),
        (ACCOUNTS, "Name", "Account_Name"),
    ],
)
def test_synonyms_resolve_against_the_module(module: Module, header: str, field: str) -> None:
    # users are found by email or id: an owner column of names would be left out
    column = (header, "email") if field == "Owner" else header
    assert fields_by_header(match_columns(cols(column), module, CATALOG)) == {header: field}


@pytest.mark.parametrize(
    ("module", "header"),
    [(ACCOUNTS, "Job Title"), (LEADS, "Close Date"), (DEALS, "Surname"), (CONTACTS, "Deal Stage")],
)
def test_a_synonym_never_invents_a_field(module: Module, header: str) -> None:
    result = match_columns(cols(header), module, CATALOG)
    assert not result.matches


def test_fuzzy_match_reports_its_score_and_obeys_the_threshold() -> None:
    loose = match_columns(cols("Descripton"), LEADS, CATALOG)
    (match,) = loose.matches
    assert match.field.api_name == "Description"
    assert match.reason.startswith("fuzzy 0.9")
    assert 0.8 <= match.confidence < 0.9
    strict = match_columns(cols("Descripton"), LEADS, CATALOG, threshold=0.9)
    assert not strict.matches
    (left_out,) = strict.unmatched
    assert left_out.best_guess == "Description"
    assert "below the threshold 0.90" in left_out.reason


def test_unrelated_header_is_left_out_with_a_best_guess() -> None:
    (left_out,) = match_columns(cols("Favourite colour"), LEADS, CATALOG).unmatched
    assert left_out.best_guess is not None
    assert left_out.confidence < 0.8


@pytest.mark.parametrize("header", ["Phone 2", "Street2", "Mobile 3"])
def test_digits_keep_numbered_columns_apart(header: str) -> None:
    result = match_columns(cols(header), LEADS, CATALOG)
    assert not result.matches
    assert result.unmatched[0].best_guess is None


def test_conflict_keeps_the_stronger_column() -> None:
    result = match_columns(cols("Mobile Phone", "Mobile"), LEADS, CATALOG)
    assert fields_by_header(result) == {"Mobile": "Mobile"}
    (loser,) = result.unmatched
    assert (loser.index, loser.best_guess) == (0, "Mobile")
    assert "already taken by index 1 'Mobile'" in loser.reason


def test_conflict_between_equals_does_not_depend_on_column_order() -> None:
    forward = match_columns(cols("Surname", "Family Name"), LEADS, CATALOG)
    backward = match_columns(cols("Family Name", "Surname"), LEADS, CATALOG)
    assert fields_by_header(forward) == fields_by_header(backward)


@pytest.mark.parametrize(
    ("module", "header", "words"),
    [
        (LEADS, "Full Name", "Full_Name is read-only"),
        (LEADS, "Created Time", "Created_Time is read-only"),
        (LEADS, "id", "only for update or upsert"),
        (DEALS, "Pricing", "need a child resource"),
        (DEALS, "Deal Image", "photo API"),
    ],
)
def test_fields_a_column_cannot_feed_are_explained(module, header, words) -> None:
    result = match_columns(cols(header), module, CATALOG)
    assert not result.matches
    assert words in unmatched_by_header(result)[header]


def test_id_is_a_target_for_update() -> None:
    result = match_columns(cols(("Record Id", "id"), "Email"), LEADS, CATALOG, allow_id=True)
    assert fields_by_header(result) == {"Record Id": "id", "Email": "Email"}


def test_id_is_offered_for_update_even_when_the_module_does_not_list_it() -> None:
    bare = Module("Widgets", (LEADS.field("Company"),), source="org")
    result = match_columns(cols("id"), bare, CATALOG, allow_id=True)
    assert fields_by_header(result) == {"id": "id"}


def test_an_option_names_the_exact_header_before_a_folded_one() -> None:
    columns = cols(" email ", "Email", "EMAIL")
    assert columns_named(columns, "Email") == [1]
    assert columns_named(columns, "eMail") == [0, 1, 2]
    assert columns_named(columns, "Phone") == []


def test_names_column_ignores_case_and_outer_spaces_only() -> None:
    assert names_column(" Last name", "LAST NAME ")
    assert not names_column("Last name", "Last_Name")


def test_empty_header_is_left_out() -> None:
    (left_out,) = match_columns(cols("  "), LEADS, CATALOG).unmatched
    assert "empty" in left_out.reason


def test_skip_leaves_a_column_out() -> None:
    result = match_columns(cols("Email", "Phone"), LEADS, CATALOG, skip=["Phone"])
    assert fields_by_header(result) == {"Email": "Email"}
    assert unmatched_by_header(result) == {"Phone": "skipped (--skip)"}


def test_override_beats_every_other_evidence() -> None:
    result = match_columns(
        cols("Email", "Contact mail"), LEADS, CATALOG, overrides={"Contact mail": "Email"}
    )
    assert fields_by_header(result) == {"Contact mail": "Email"}
    assert result.matches[0].reason == "--map"
    assert "already taken" in unmatched_by_header(result)["Email"]


def test_override_header_is_found_ignoring_case_and_spaces() -> None:
    result = match_columns(cols(" Notes "), LEADS, CATALOG, overrides={"notes": "Company"})
    assert fields_by_header(result) == {" Notes ": "Company"}


def test_override_to_a_field_unknown_to_builtin_data_is_allowed_with_low_confidence() -> None:
    result = match_columns(
        cols(("Renewal", "date")), LEADS, CATALOG, overrides={"Renewal": "Renewal_Date__c"}
    )
    (match,) = result.matches
    assert match.field.api_name == "Renewal_Date__c"
    assert match.field.data_type == "date"
    assert match.confidence < 0.8
    assert "not in the built-in catalog" in match.reason


@pytest.mark.parametrize(
    ("module", "overrides", "skip", "message"),
    [
        (LEADS, {"Nope": "Email"}, (), "not in the file"),
        (LEADS, {}, ("Nope",), "not in the file"),
        (LEADS, {"A": "Email"}, ("A",), "both name"),
        (org(LEADS), {"A": "Renewal_Date__c"}, (), "has no field"),
        (LEADS, {"A": "email"}, (), "case-sensitive"),
        (LEADS, {"A": "Full_Name"}, (), "read-only"),
        (LEADS, {"A": "id"}, (), "update or upsert"),
        (DEALS, {"A": "Pricing"}, (), "child resource"),
        (LEADS, {"A": "Email", "B": "Email"}, (), "sends both"),
        (LEADS, {"A": ""}, (), "has no field"),
    ],
)
def test_bad_options_raise_match_error(module, overrides, skip, message) -> None:
    with pytest.raises(MatchError, match=message):
        match_columns(cols("A", "B"), module, CATALOG, overrides=overrides, skip=skip)


def test_match_error_offers_a_suggestion() -> None:
    with pytest.raises(MatchError) as caught:
        match_columns(cols("A"), org(LEADS), CATALOG, overrides={"A": "Compnay"})
    assert caught.value.hint == "did you mean Company?"


def test_a_map_naming_several_columns_is_refused_with_the_indexed_form() -> None:
    with pytest.raises(MatchError, match=r"2 columns have that header \(indexes 0, 1\)") as caught:
        match_columns(cols("mail", "mail"), LEADS, CATALOG, overrides={"mail": "Email"})
    assert "'mail#0' or 'mail#1'" in (caught.value.hint or "")


@pytest.mark.parametrize("name", ["mail#1", "MAIL#1", "@1"])
def test_one_of_two_same_named_columns_is_addressed_by_index(name: str) -> None:
    overrides = {name: "Secondary_Email", "mail#0": "Email"}
    result = match_columns(cols("mail", "mail"), LEADS, CATALOG, overrides=overrides)
    assert [(m.index, m.field.api_name) for m in result.matches] == [
        (0, "Email"),
        (1, "Secondary_Email"),
    ]


def test_skip_by_name_leaves_out_every_column_so_named_and_by_index_one() -> None:
    both = match_columns(cols("mail", "mail", "Phone"), LEADS, CATALOG, skip=["mail"])
    assert [u.index for u in both.unmatched] == [0, 1]
    one = match_columns(cols("mail", "mail", "Phone"), LEADS, CATALOG, skip=["mail#1"])
    assert [u.index for u in one.unmatched] == [1]
    assert [(m.index, m.field.api_name) for m in one.matches] == [(0, "Email"), (2, "Phone")]


def test_an_index_that_holds_another_header_names_no_column() -> None:
    with pytest.raises(MatchError, match="'mail#2', which is not in the file"):
        match_columns(cols("mail", "mail", "Phone"), LEADS, CATALOG, skip=["mail#2"])


def test_a_header_written_with_a_hash_is_its_own_name() -> None:
    assert columns_named(cols("Phone #2", "Phone"), "Phone #2") == [0]
    assert columns_named(cols("Ref", "@1"), "@1") == [1]
    assert columns_named(cols("Ref", "Other"), "@1") == [1]


def test_two_maps_of_same_named_columns_to_one_field_clash() -> None:
    overrides = {"mail#0": "Email", "@1": "Email"}
    with pytest.raises(MatchError, match="both 'mail#0' and 'mail#1' to Email"):
        match_columns(cols("mail", "mail"), LEADS, CATALOG, overrides=overrides)


def test_results_are_in_column_order() -> None:
    result = match_columns(cols("Phone", "zzz", "Email", "qqq", "Company"), LEADS, CATALOG)
    assert [m.index for m in result.matches] == [0, 2, 4]
    assert [u.index for u in result.unmatched] == [1, 3]


@pytest.mark.parametrize("threshold", [-0.1, 1.5])
def test_threshold_outside_zero_to_one_is_refused(threshold: float) -> None:
    with pytest.raises(MatchError, match="between 0 and 1"):
        match_columns(cols("Email"), LEADS, CATALOG, threshold=threshold)


@pytest.mark.parametrize("kind", ["text", "integer", "phone"])
def test_a_user_lookup_column_without_ids_or_emails_is_left_out(kind: str) -> None:
    result = match_columns(cols(("Lead Owner", kind)), LEADS, CATALOG)
    assert not result.matches
    (left_out,) = result.unmatched
    assert left_out.user_names and left_out.best_guess == "Owner"
    assert left_out.reason.startswith("user lookups take ids or emails; the values are ")


@pytest.mark.parametrize("kind", ["email", "id", "empty"])
def test_a_user_lookup_column_of_ids_or_emails_is_kept(kind: str) -> None:
    assert fields_by_header(match_columns(cols(("Lead Owner", kind)), LEADS, CATALOG)) == {
        "Lead Owner": "Owner"
    }


def test_a_fuzzy_score_exactly_at_the_threshold_is_not_enough() -> None:
    # normalised "state" vs "stage" scores exactly 0.80, the default threshold
    result = match_columns(cols("State"), DEALS, CATALOG)
    assert not result.matches
    (left_out,) = result.unmatched
    assert left_out.confidence == pytest.approx(0.8)
    assert "not above the threshold 0.80" in left_out.reason
    lower = match_columns(cols("State"), DEALS, CATALOG, threshold=0.79)
    assert fields_by_header(lower) == {"State": "Stage"}


def test_a_fuzzy_match_to_a_picklist_needs_one_of_its_values() -> None:
    stages = Module(
        "Deals", (Field("Stage", "Stage", "picklist", pick_list_values=("Closed Won",)),)
    )
    texas = [Col(0, "State", "text", ("Texas", "Ohio"))]
    result = match_columns(texas, stages, CATALOG, threshold=0.7)
    assert not result.matches
    assert "'Texas' is not one of its picklist values" in result.unmatched[0].reason
    won = [Col(0, "State", "text", ("Texas", "closed won"))]
    assert fields_by_header(match_columns(won, stages, CATALOG, threshold=0.7)) == {
        "State": "Stage"
    }


def test_a_low_fuzzy_score_on_a_read_only_field_reports_the_threshold() -> None:
    module = Module("Leads", (Field("Created_By", "Created By", "ownerlookup", writable=False),))
    (left_out,) = match_columns(cols("expected"), module, CATALOG).unmatched
    assert "below the threshold" in left_out.reason and "read-only" not in left_out.reason


@pytest.mark.parametrize(
    ("kind", "data_type", "fits"),
    [
        ("text", "currency", False),
        ("phone", "ownerlookup", False),
        ("email", "ownerlookup", True),
        ("decimal", "currency", True),
        ("text", "textarea", True),
        ("date", "datetime", True),
        ("text", "date", False),
    ],
)
def test_kind_fits_a_data_type(kind: str, data_type: str, fits: bool) -> None:
    assert kind_fits(kind, data_type) is fits


def test_column_ref_names_a_column_as_options_take_it() -> None:
    from mapper.match import column_ref

    headers = ["Email", "Phone", "email", ""]
    assert column_ref("Phone", 1, headers) == "Phone"
    assert column_ref("email", 2, headers) == "email#2"
    assert column_ref("", 3, headers) == "@3"
    # and each form names back exactly that column
    columns = cols(*headers)
    for index, header in enumerate(headers):
        assert columns_named(columns, column_ref(header, index, headers)) == [index]
