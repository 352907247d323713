"""`preflight` and `write_report` on files with known bad rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from mapper.catalog import builtin_catalog
from mapper.diagnostics import Severity
from mapper.preflight import CODES, preflight, preflight_for_check, write_report

HEADER = "Last Name,Company,Email,Employees,Birthday,Notes"
# line numbers are physical: row 3's note spans two lines, so row 4 starts on line 5
ROWS = [
    "Smith,Acme,smith@acme.com,12,07/03/1996,fine",  # line 2: good
    ',Beta,beta@x,12.5,02/30/2020,"two\nlines"',  # line 3: mandatory, email, number, date
    "Jones,Gamma,SMITH@acme.com,40,12/24/1990,=1+2",  # line 5: duplicate email, formula
    "Brown,Delta,brown@delta.com,7,12/24/1990,ok",  # line 6: good
]


def body(operation: str = "insert", **resource: object) -> dict:
    mappings = [
        {"api_name": "Last_Name", "index": 0},
        {"api_name": "Company", "index": 1},
        {"api_name": "Email", "index": 2},
        {"api_name": "No_of_Employees", "index": 3},
        {"api_name": "Birthday__c", "index": 4, "format": "MM/dd/yyyy"},
        {"api_name": "Description", "index": 5},
    ]
    res = {"type": "data", "module": {"api_name": "Leads"}, "file_id": "1"}
    return {"operation": operation, "resource": [{**res, **resource, "field_mappings": mappings}]}


@pytest.fixture
def leads(tmp_path: Path) -> Path:
    path = tmp_path / "leads.csv"
    path.write_text(HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8", newline="")
    return path


def found(diagnostics, code: str) -> list[tuple[int | None, int | None]]:
    return [(d.line, d.column) for d in diagnostics if d.code == code]


def test_each_bad_value_is_reported_at_its_physical_line_and_column(leads: Path) -> None:
    result = preflight(body(), leads, catalog=builtin_catalog())
    diagnostics = result.diagnostics
    assert found(diagnostics, "BW610") == [(3, 1)]
    assert found(diagnostics, "BW603") == [(3, 3)]
    assert found(diagnostics, "BW602") == [(3, 4)]
    assert found(diagnostics, "BW601") == [(3, 5)]
    assert found(diagnostics, "BW612") == [(5, 3)]
    assert found(diagnostics, "BW615") == [(5, 6)]
    assert all(d.path == str(leads) and d.pointer is None for d in diagnostics)


def test_rows_are_counted_by_predicted_outcome_and_zoho_code(leads: Path) -> None:
    result = preflight(body(), leads, catalog=builtin_catalog())
    assert result.rows == 4
    assert result.outcomes == {"added": 2, "skipped": 2}
    assert result.zoho_codes == {"DUPLICATE_DATA": 1, "INVALID_DATA": 1, "MANDATORY_NOT_FOUND": 1}


def test_each_finding_carries_the_zoho_code_it_predicts(leads: Path) -> None:
    result = preflight(body(), leads, catalog=builtin_catalog())
    zoho = {d.code: d.zoho_code for d in result.diagnostics}
    assert zoho["BW610"] == "MANDATORY_NOT_FOUND"
    assert zoho["BW612"] == "DUPLICATE_DATA"
    assert zoho["BW601"] == "INVALID_DATA"
    assert zoho["BW615"] is None


@pytest.mark.parametrize(
    ("operation", "ignore_empty", "expected"),
    [
        ("insert", True, [Severity.ERROR]),
        ("upsert", False, [Severity.ERROR]),  # the empty cell would blank Last_Name
        ("upsert", True, [Severity.WARNING]),  # only a created record misses it
        ("update", False, [Severity.ERROR]),
        ("update", True, []),  # the record keeps its value
    ],
)
def test_an_empty_mandatory_cell_depends_on_operation_and_ignore_empty(
    leads: Path, operation: str, ignore_empty: bool, expected: list[Severity]
) -> None:
    spec = body(operation, find_by="Email", ignore_empty=ignore_empty)
    result = preflight(spec, leads, catalog=builtin_catalog())
    assert [d.severity for d in result.diagnostics if d.code == "BW610"] == expected


def test_an_upsert_row_without_its_find_by_value_is_created(tmp_path: Path) -> None:
    path = tmp_path / "upsert.csv"
    path.write_text("Email,Last Name\na@x.com,A\n,B\n", encoding="utf-8")
    spec = {
        "operation": "upsert",
        "resource": [{"type": "data", "module": {"api_name": "Leads"}, "file_id": "1",
                      "find_by": "Email", "field_mappings": [
                          {"api_name": "Email", "index": 0},
                          {"api_name": "Last_Name", "index": 1}]}],
    }  # fmt: skip
    result = preflight(spec, path, catalog=builtin_catalog())
    found_by = [d for d in result.diagnostics if d.code == "BW611"]
    assert [(d.line, d.severity, d.zoho_code) for d in found_by] == [(3, Severity.WARNING, None)]
    assert result.outcomes == {"added or updated": 2}


def test_update_needs_the_find_by_column_filled(tmp_path: Path) -> None:
    path = tmp_path / "update.csv"
    path.write_text("Email,Company\na@x.com,A\n,B\n", encoding="utf-8")
    spec = {
        "operation": "update",
        "resource": [{"type": "data", "module": {"api_name": "Leads"}, "file_id": "1",
                      "find_by": "Email", "field_mappings": [
                          {"api_name": "Email", "index": 0}, {"api_name": "Company", "index": 1}]}],
    }  # fmt: skip
    result = preflight(spec, path, catalog=builtin_catalog())
    assert found(result.diagnostics, "BW611") == [(3, 1)]
    assert result.outcomes == {"updated": 1, "skipped": 1}


def test_findings_past_the_cap_are_counted_in_one_summary(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    rows = "\n".join(f"Name{i},x{i}" for i in range(50))
    path.write_text("Last Name,Email\n" + rows + "\n", encoding="utf-8")
    spec = body()
    spec["resource"][0]["field_mappings"] = [
        {"api_name": "Last_Name", "index": 0}, {"api_name": "Email", "index": 1}
    ]  # fmt: skip
    result = preflight(spec, path, catalog=builtin_catalog(), cap=5)
    emails = [d for d in result.diagnostics if d.code == "BW603"]
    assert len(emails) == 6
    assert [d.line for d in emails[:5]] == [2, 3, 4, 5, 6]
    assert "45 more rows" in emails[5].message and emails[5].line == 7
    # the rows past the cap are counted, not one more error
    assert [d.severity.value for d in emails] == ["error"] * 5 + ["info"]
    assert result.omitted == {"BW603": 45}
    assert result.outcomes == {"skipped": 50}


def test_the_report_has_zohos_shape(leads: Path, tmp_path: Path) -> None:
    spec = body()
    result = preflight(spec, leads, catalog=builtin_catalog())
    out = tmp_path / "out" / "result.csv"
    write_report(result, spec, leads, out, catalog=builtin_catalog())
    with out.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["Last Name", "Company", "Email", "STATUS", "RECORD_ID", "ERRORS"]
    assert [row[3] for row in table[1:]] == ["added", "skipped", "skipped", "added"]
    assert table[2][0:3] == ["", "Beta", "beta@x"]
    assert table[2][5] == "MANDATORY_NOT_FOUND-Last Name:INVALID_DATA-Email,Employees,Birthday"
    assert table[3][5] == "DUPLICATE_DATA-Email"
    assert not list(out.parent.glob(".*"))  # no temporary file left behind


def test_preflight_for_check_takes_a_document_and_writes_the_report(leads, tmp_path) -> None:
    class Document:
        body = body()

    report = tmp_path / "result.csv"
    diagnostics = preflight_for_check(Document(), leads, builtin_catalog(), report=report)
    assert {"BW601", "BW610", "BW612"} <= {d.code for d in diagnostics}
    assert diagnostics[-1].code == "BW600"
    assert diagnostics[-1].message == (
        "4 rows predicted: 2 added, 2 skipped (rows per Zoho code: DUPLICATE_DATA 1, "
        "INVALID_DATA 1, MANDATORY_NOT_FOUND 1)"
    )
    assert report.read_text(encoding="utf-8").count("\n") == 5
    assert preflight_for_check(None, leads, builtin_catalog()) == []


def test_a_short_row_is_skipped_and_named(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("Last Name,Company,Email\nSmith,Acme,a@x.com\nJones\n", encoding="utf-8")
    spec = body()
    spec["resource"][0]["field_mappings"] = [
        {"api_name": "Last_Name", "index": 0}, {"api_name": "Email", "index": 2}
    ]  # fmt: skip
    result = preflight(spec, path, catalog=builtin_catalog())
    assert found(result.diagnostics, "BW614") == [(3, None)]
    assert result.zoho_codes == {"INVALID_DATA": 1}
    out = tmp_path / "result.csv"
    write_report(result, spec, path, out, catalog=builtin_catalog())
    last = out.read_text(encoding="utf-8").splitlines()[-1]
    assert last.endswith("skipped,,INVALID_DATA-Email")


def test_drift_names_the_shift_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "drift.csv"
    path.write_text(
        "Last Name,Company,Source,Email,Employees\nSmith,Acme,web,a@x.com,3\n", encoding="utf-8"
    )
    spec = body()
    spec["resource"][0]["field_mappings"] = [
        {"api_name": "Last_Name", "index": 0},
        {"api_name": "Company", "index": 1},
        {"api_name": "Email", "index": 2},
        {"api_name": "No_of_Employees", "index": 3},
    ]
    drift = [d for d in preflight(spec, path, catalog=builtin_catalog()).diagnostics
             if d.code == "BW701"]  # fmt: skip
    assert len(drift) == 1
    assert "indexes from 2 on look shifted by +1" in drift[0].message
    assert "Email 2->3" in drift[0].hint and "No_of_Employees 3->4" in drift[0].hint
    assert drift[0].severity is Severity.ERROR


def test_an_unreadable_file_is_one_finding_not_an_exception(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    result = preflight(body(), missing, catalog=builtin_catalog())
    assert [d.code for d in result.diagnostics] == ["BW709"]


def test_codes_are_unique_documented_and_in_their_families() -> None:
    numbers = [code.code for code in CODES]
    assert len(set(numbers)) == len(numbers)
    assert all(c.code[:3] in ("BW6", "BW7") and c.doc.endswith(".") for c in CODES)
    assert all(c.name == c.name.lower() and " " not in c.name for c in CODES)
    json.dumps([c.zoho_code for c in CODES])


def test_the_report_keeps_file_order_around_a_misshapen_row(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("Last Name,Email\nSmith,a@x.com\nJones\nBrown,b@x.com\n", encoding="utf-8")
    spec = body()
    spec["resource"][0]["field_mappings"] = [
        {"api_name": "Last_Name", "index": 0}, {"api_name": "Email", "index": 1}
    ]  # fmt: skip
    result = preflight(spec, path, catalog=builtin_catalog())
    out = tmp_path / "result.csv"
    write_report(result, spec, path, out, catalog=builtin_catalog())
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    assert rows == [
        "Smith,a@x.com,added,,",
        "Jones,,skipped,,INVALID_DATA-Email",
        "Brown,b@x.com,added,,",
    ]


def test_too_long_is_an_error_with_org_lengths_and_a_warning_with_standard_ones(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from mapper.catalog import Catalog

    path = tmp_path / "long.csv"
    path.write_text("Last Name\n" + "x" * 120 + "\n", encoding="utf-8")
    spec = {
        "operation": "insert",
        "resource": [
            {
                "type": "data",
                "module": {"api_name": "Leads"},
                "file_id": "1",
                "field_mappings": [{"api_name": "Last_Name", "index": 0}],
            }
        ],
    }
    standard = builtin_catalog()
    leads = standard.module("Leads")
    last_name = replace(leads.field("Last_Name"), length=80, confidence="org")
    org_leads = replace(leads, fields=(last_name,), source="org")
    org = Catalog({**standard.modules, "Leads": org_leads})

    def too_long(catalog: Catalog) -> Severity:
        [found] = [
            d for d in preflight(spec, path, catalog=catalog).diagnostics if d.code == "BW606"
        ]
        return found.severity

    assert too_long(standard) is Severity.WARNING
    assert too_long(org) is Severity.ERROR
    # the org's module is a copy: the built-in one keeps its own field
    assert standard.module("Leads").field_casefold("last_name").confidence != "org"


def report_rows(tmp_path: Path, spec: dict, text: str) -> list[str]:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    result = preflight(spec, path, catalog=builtin_catalog())
    out = tmp_path / "result.csv"
    write_report(result, spec, path, out, catalog=builtin_catalog())
    with out.open(encoding="utf-8", newline="") as handle:
        return [",".join(row) for row in csv.reader(handle)][1:]


def test_a_ragged_record_shows_the_cells_it_has_even_across_lines(tmp_path: Path) -> None:
    spec = body()
    spec["resource"][0]["field_mappings"] = [
        {"api_name": "Last_Name", "index": 0}, {"api_name": "Company", "index": 1}
    ]  # fmt: skip
    text = 'Last Name,Company\nSmith,Acme\n"Jo\nnes","Big, Co",extra\nBrown,Bolt\n'
    assert report_rows(tmp_path, spec, text) == [
        "Smith,Acme,added,,",
        "Jo\nnes,Big, Co,added,,",
        "Brown,Bolt,added,,",
    ]


def test_a_file_zoho_refuses_imports_no_row_in_the_report(tmp_path: Path) -> None:
    spec = body()
    spec["resource"][0]["field_mappings"] = [
        {"api_name": "Last_Name", "index": 0}, {"api_name": "Email", "index": 4}
    ]  # fmt: skip
    rows = report_rows(tmp_path, spec, "Last Name,Email\nSmith,a@x.com\nJones,b@x.com\n")
    assert [row.split(",")[2:] for row in rows] == [["skipped", "", "BW702"]] * 2
    assert [row.split(",")[0] for row in rows] == ["Smith", "Jones"]
