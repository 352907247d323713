"""The review's values: every one comes from the pipeline, none from the template."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from review_helpers import BAD_EMAIL_EVERY, EXAMPLES, MISSING_LAST_NAME_EVERY, write_leads

from mapper.catalog import load_catalog
from mapper.compile import CompileOptions, compile_spec
from mapper.review import review_compilation, review_spec
from mapper.review.model import ROWS_PER_CODE

CONTACTS = CompileOptions(
    module="Contacts", file_id="4150868000005364002", operation="upsert", find_by="Email"
)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _review(csv_path: Path, options: CompileOptions, catalog):
    return review_compilation(compile_spec(csv_path, options, catalog), options, catalog)


def test_each_column_has_its_field_the_next_candidates_and_evidence(catalog) -> None:
    review = _review(EXAMPLES / "contacts_export.csv", CONTACTS, catalog)
    assert (review.rows, review.delimiter, review.module) == (20, ";", "Contacts")
    columns = {c.header: c for c in review.columns}
    city = columns["Mailing City"]
    assert city.field == "Mailing_City" and city.reason == "label"
    assert len(city.alternatives) == 2
    assert "Mailing_City" not in {a.field for a in city.alternatives}
    assert city.alternatives[0].score >= city.alternatives[1].score
    account = columns["Account"]
    assert account.find_by == "Account_Name" and "names" in account.find_by_reason
    assert account.samples == ("Alder & Finch", "Tallgrass Energy", "Quarry Lane Foods")
    born = columns["Date of Birth"]
    assert born.date is not None and born.date.format == "dd.MM.yyyy"
    assert born.date.settled_by == (("27.07.1985", "MM.dd.yyyy"),)
    assert columns["Surname"].date is None
    assert review.spec_json is not None and '"dd.MM.yyyy"' in review.spec_json


def test_an_ambiguous_date_column_says_what_is_open(tmp_path, catalog) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Last Name,Date of Birth\nDoe,03/04/1980\nRoe,05/06/1981\n")
    review = _review(path, CompileOptions(module="Contacts", file_id="1"), catalog)
    [born] = [c for c in review.columns if c.header == "Date of Birth"]
    assert born.date.format is None and born.date.settled_by == ()
    assert set(born.date.candidates) == {"dd/MM/yyyy", "MM/dd/yyyy"}
    assert "would settle it" in born.date.note
    assert [f.code for f in born.findings] == ["BW801"]
    assert review.spec_json is None and review.outcomes == {}
    assert review.blocking


def test_failing_rows_per_zoho_code_carry_their_cells(tmp_path, catalog) -> None:
    path = write_leads(tmp_path / "leads.csv", 40)
    review = _review(path, CompileOptions(module="Leads", file_id="1"), catalog)
    groups = {g.zoho_code: g for g in review.failing}
    missing = groups["MANDATORY_NOT_FOUND"]
    expected = [i for i in range(40) if i % MISSING_LAST_NAME_EVERY == 3]
    assert missing.rows == len(expected)
    assert [row.line for row in missing.shown] == [i + 2 for i in expected]
    with path.open(newline="") as handle:
        records = list(csv.reader(handle))
    for row in missing.shown:
        assert row.cells == tuple(records[row.line - 1])
        assert row.bad_columns == {0}
    invalid = groups["INVALID_DATA"]
    assert invalid.shown[0].bad_columns == {1} and invalid.shown[0].line == 3


def test_failing_rows_are_capped_per_code_and_say_how_many_are_not_shown(tmp_path, catalog) -> None:
    path = write_leads(tmp_path / "leads.csv", 200)
    review = _review(path, CompileOptions(module="Leads", file_id="1"), catalog)
    invalid = {g.zoho_code: g for g in review.failing}["INVALID_DATA"]
    assert invalid.rows == 200 // BAD_EMAIL_EVERY
    assert len(invalid.shown) == ROWS_PER_CODE
    assert invalid.not_shown == invalid.rows - ROWS_PER_CODE


def test_column_findings_count_every_row_not_only_the_listed_ones(tmp_path, catalog) -> None:
    path = write_leads(tmp_path / "leads.csv", 200)
    review = _review(path, CompileOptions(module="Leads", file_id="1"), catalog)
    email = next(c for c in review.columns if c.header == "Email")
    counts = {f.code: f.rows for f in email.findings}
    assert counts["BW603"] == 200 // BAD_EMAIL_EVERY


def test_left_out_columns_keep_their_reason_and_closest_fields(tmp_path, catalog) -> None:
    path = write_leads(tmp_path / "leads.csv", 5)
    review = _review(path, CompileOptions(module="Leads", file_id="1"), catalog)
    assert [c.index for c in review.unmapped] == [3, 4, 5]
    assert all(c.field is None and c.reason for c in review.unmapped)


def test_a_spec_is_reviewed_against_its_csv(catalog) -> None:
    review = review_spec(
        EXAMPLES / "contacts_export.inputData.json",
        EXAMPLES / "contacts_export.csv",
        catalog,
        api_version="v8",
    )
    assert review.module == "Contacts" and review.operation == "upsert"
    assert [c.field for c in review.columns][:2] == ["Last_Name", "First_Name"]
    assert [c.reason for c in review.columns][:3] == ["synonym", "synonym", "normalised"]
    surname = review.columns[0]
    assert surname.confidence == 0.9 and surname.alternatives
    born = next(c for c in review.columns if c.field == "Date_of_Birth")
    assert born.date.format == "dd.MM.yyyy"
    assert review.outcomes == {"added or updated": 20}


def test_a_parent_child_job_reviews_each_csv() -> None:
    from mapper.compile import ChildSpec

    catalog = load_catalog(EXAMPLES / "crm" / "fields", EXAMPLES / "crm" / "layouts")
    child = ChildSpec(EXAMPLES / "lead_interests.csv", "Lead_Interests", "Lead Ref")
    options = CompileOptions(module="Leads", file_id="4150868000005364005", children=(child,))
    review = _review(EXAMPLES / "parent_leads.csv", options, catalog)
    assert review.csv_path.endswith("parent_leads.csv")
    [interests] = review.children
    assert interests.csv_path.endswith("lead_interests.csv")
    assert interests.module == "Lead_Interests"
    link = next(c for c in interests.columns if c.header == "Lead Ref")
    assert link.field == "Parent_Id" and "parent_leads.csv" in link.reason
    # each CSV's rows are run through its own resource
    assert sum(interests.outcomes.values()) == interests.rows > 0
    assert '"Lead_Interests"' in review.spec_json and interests.spec_json is None
