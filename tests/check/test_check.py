"""The library API: `check()` over files and bodies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.check import check
from mapper.codes import known_codes
from mapper.diagnostics import Severity

VALID = {
    "operation": "insert",
    "resource": [
        {
            "type": "data",
            "module": {"api_name": "Leads"},
            "file_id": "4150868000005364001",
            "field_mappings": [
                {"api_name": "Last_Name", "index": 0},
                {"api_name": "Company", "index": 1},
            ],
        }
    ],
}


def test_valid_body_has_no_errors() -> None:
    assert [d for d in check(VALID) if d.severity is Severity.ERROR] == []


def test_findings_carry_the_line_of_the_offending_key(tmp_path) -> None:
    body = json.loads(json.dumps(VALID))
    body["operation"] = "update"
    body["resource"][0]["field_mappings"][1]["index"] = -3
    spec = tmp_path / "job.json"
    spec.write_text(json.dumps(body, indent=2), encoding="utf-8")
    lines = spec.read_text(encoding="utf-8").splitlines()
    found = {d.code: d for d in check(spec)}
    assert found["BW301"].zoho_code == "COLUMN_INDEX_NOT_FOUND"
    assert '"index": -3' in lines[found["BW301"].line - 1]
    assert found["BW101"].zoho_code == "MANDATORY_NOT_FOUND"
    assert lines[found["BW101"].line - 1].strip() == "{"
    assert all(d.path == str(spec) for d in found.values())


def test_a_specific_rule_replaces_the_schema_finding_at_the_same_place() -> None:
    body = json.loads(json.dumps(VALID))
    body["callback"] = {"url": "https://example.com/hook", "method": "get"}
    codes = [d.code for d in check(body)]
    assert "BW201" in codes and "BW003" not in codes


def test_unknown_key_is_not_also_a_schema_error() -> None:
    body = {**VALID, "callBack": {"url": "https://example.com/hook", "method": "post"}}
    codes = [d.code for d in check(body)]
    assert codes.count("BW004") == 1 and "BW003" not in codes


def test_unknown_key_suggests_the_key_and_where_misplaced_keys_belong() -> None:
    body = {**VALID, "find_by": "Email", "opration": "insert"}
    hints = {d.pointer: d.hint for d in check(body) if d.code == "BW004"}
    assert "'operation'" in hints["/opration"]
    assert "resource" in hints["/find_by"]


def test_api_version_decides_the_module_shape() -> None:
    body = json.loads(json.dumps(VALID))
    body["resource"][0]["module"] = "Leads"
    assert "BW102" in [d.code for d in check(body)]
    assert "BW102" not in [d.code for d in check(body, api_version="v2")]
    assert "BW102" in [d.code for d in check(VALID, api_version="v2")]


def test_invalid_json_stops_before_the_rules(tmp_path) -> None:
    spec = tmp_path / "job.json"
    spec.write_text('{"operation": "update",', encoding="utf-8")
    assert [d.code for d in check(spec)] == ["BW001"]


def test_every_code_is_unique_and_well_formed() -> None:
    codes = [c.code for c in known_codes()]
    assert len(codes) == len(set(codes))
    for code in known_codes():
        assert code.code.startswith("BW") and len(code.code) == 5
        assert code.name == code.name.lower() and " " not in code.name
        assert code.doc


scalars = st.none() | st.booleans() | st.integers(-3, 300) | st.text(max_size=5)
any_json = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
keys = st.sampled_from(
    [
        "api_name",
        "index",
        "format",
        "find_by",
        "default_value",
        "parent_column_index",
        "module",
        "type",
        "file_id",
        "file_names",
        "field_mappings",
        "url",
        "method",
        "value",
        "x",
    ]
)
mapping = st.dictionaries(keys, any_json | st.sampled_from(["dd/mm/yyyy", "yyyy-MM-dd'T", "Leads"]))
resource = st.dictionaries(keys, any_json | st.lists(mapping, max_size=3), max_size=6)
body = st.fixed_dictionaries(
    {},
    optional={
        "operation": st.sampled_from(["insert", "update", "upsert", "x"]) | any_json,
        "callback": st.dictionaries(keys, any_json | st.text(max_size=30)) | any_json,
        "resource": st.lists(resource | any_json, max_size=3) | any_json,
    },
)


@settings(max_examples=300, deadline=None)
@given(body | any_json, st.sampled_from(["v2", "v2.1", "v8"]))
def test_rules_tolerate_any_body_shape(value, api_version) -> None:
    for diagnostic in check(
        value if isinstance(value, dict) else {"resource": value}, api_version=api_version
    ):
        assert diagnostic.code and diagnostic.message


def test_a_csv_adds_its_row_findings_after_the_spec_and_writes_the_report(tmp_path) -> None:
    csv = tmp_path / "leads.csv"
    csv.write_text("Last Name,Company\nSmith,Acme\n,Beta\n", encoding="utf-8")
    report = tmp_path / "result.csv"
    found = check(VALID, csv_path=csv, report=report)
    empty = [d for d in found if d.code == "BW610"]
    assert empty and empty[0].path == str(csv) and empty[0].line == 3
    assert found[-1].code == "BW600"  # the counts close the pre-flight's findings
    assert "Beta" in report.read_text(encoding="utf-8")


def test_a_missing_csv_or_a_report_without_one_is_refused(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        check(VALID, csv_path=tmp_path / "absent.csv")
    with pytest.raises(ValueError, match="csv_path"):
        check(VALID, report=Path(tmp_path / "result.csv"))
