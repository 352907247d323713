"""Messages and exits a QA pass found wrong: rule code suggestions, the summary of a file
Zoho refuses, 0-based indexes named as indexes, and a missing file under --format json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.catalog import builtin_catalog
from mapper.check import check
from mapper.cli import main
from mapper.preflight import preflight_for_check
from mapper.rules import all_rules

FILE_ID = "111111000001492610"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def leads_body(*mappings: tuple[str, int]) -> dict:
    fields = [{"api_name": name, "index": index} for name, index in mappings]
    resource = {"type": "data", "module": {"api_name": "Leads"}, "file_id": FILE_ID}
    return {"operation": "insert", "resource": [{**resource, "field_mappings": fields}]}


def test_an_unknown_code_far_from_any_is_not_matched_to_another_family() -> None:
    result = invoke("rules", "BW999")
    assert result.exit_code == 2
    assert "did you mean" not in result.output
    assert "mapper rules" in result.output


def test_a_mistyped_code_gets_its_family_neighbour() -> None:
    assert "did you mean BW505?" in invoke("rules", "BW5O5").output


@pytest.mark.parametrize("code", ["BW505", "BW506"])
def test_a_rule_reported_at_two_severities_says_so(code: str) -> None:
    doc = next(r for r in all_rules() if r.code == code).doc
    assert "warning" in doc and "info" in doc


def test_the_summary_of_a_refused_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("Last Name\nSmith\n")
    body = leads_body(("Last_Name", 0), ("Email", 1))
    found = preflight_for_check(body, path, builtin_catalog())
    summary = next(d for d in found if d.code == "BW600")
    assert "refuse" in summary.message and "BW702" in summary.message
    assert "added" not in summary.message
    missing = next(d for d in found if d.code == "BW702")
    assert "1 column (index 0)" in missing.message


def test_a_duplicate_index_is_named_as_an_index() -> None:
    body = leads_body(("Last_Name", 0), ("Company", 0))
    found = [d for d in check(body) if "also read by" in d.message]
    assert found and found[0].message.startswith("index 0 ")


def test_a_missing_spec_under_json_names_the_file_and_prints_no_report(tmp_path: Path) -> None:
    spec = tmp_path / "ok.json"
    spec.write_text(json.dumps(leads_body(("Last_Name", 0))))
    missing = tmp_path / "gone.json"
    result = CliRunner().invoke(main, ["check", str(spec), str(missing), "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "gone.json" in result.stderr
    assert "no report" in invoke("check", "--help").output
