"""A Layout column's values against the org's layouts (--layouts): BW617 per row, with the
predicted result; names compared exactly (docs/zoho-layouts.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from mapper.catalog import builtin_catalog, load_catalog
from mapper.cli import main
from mapper.preflight import preflight
from mapper.preflight.checks import LayoutCheck

LAYOUTS = Path(__file__).parents[1] / "cases" / "_fixtures" / "org_layouts"
NAMES = ("Standard", "Partner Leads")


def spec(operation: str = "insert") -> dict:
    mappings = [{"api_name": "Last_Name", "index": 0}, {"api_name": "Layout", "index": 1}]
    resource = {"type": "data", "module": {"api_name": "Leads"}, "file_id": "1",
                "field_mappings": mappings}  # fmt: skip
    body = {"operation": operation, "resource": [resource]}
    if operation != "insert":
        resource["find_by"] = "Last_Name"
    return body


def write(tmp_path: Path, *values: str) -> Path:
    path = tmp_path / "leads.csv"
    rows = "".join(f"N{i},{value}\n" for i, value in enumerate(values))
    path.write_text("Last Name,Layout\n" + rows, encoding="utf-8")
    return path


def findings(tmp_path: Path, *values: str, operation: str = "insert") -> list:
    catalog = load_catalog(layouts=LAYOUTS)
    result = preflight(spec(operation), write(tmp_path, *values), catalog=catalog)
    return [d for d in result.diagnostics if d.code == "BW617"]


def test_an_unknown_layout_name_is_a_row_finding_with_the_predicted_result(
    tmp_path: Path,
) -> None:
    [finding] = findings(tmp_path, "Standard", "Bogus Layout", "", "Partner Leads")
    assert finding.line == 3 and finding.column == 2
    assert "'Bogus Layout' is not a layout of Leads ('Standard', 'Partner Leads')" in (
        finding.message
    )
    assert finding.message.endswith("predicted: added, in the default layout")
    assert finding.zoho_code is None


def test_the_row_is_still_predicted_added(tmp_path: Path) -> None:
    catalog = load_catalog(layouts=LAYOUTS)
    result = preflight(spec(), write(tmp_path, "Bogus Layout"), catalog=catalog)
    assert result.outcomes == {"added": 1}


def test_the_prediction_follows_the_operation(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, "Nope", operation="update")
    assert finding.message.endswith("predicted: updated, in the default layout")


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("standard", "differs only in case from layout 'Standard'"),
        ("Standard__s", "is the API name of layout 'Standard'"),
    ],
)
def test_case_and_api_names_are_not_taken_for_the_name(
    tmp_path: Path, value: str, said: str
) -> None:
    [finding] = findings(tmp_path, value)
    assert said in finding.message


def test_without_the_orgs_layouts_nothing_is_said(tmp_path: Path) -> None:
    result = preflight(spec(), write(tmp_path, "Bogus Layout"), catalog=builtin_catalog())
    assert not [d for d in result.diagnostics if d.code == "BW617"]


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
def test_accepts_exactly_the_names(value: str) -> None:
    check = LayoutCheck("Leads", NAMES)
    assert check.accepts(value) is (not value.strip() or value.strip() in NAMES)


def _check_args(tmp_path: Path, *values: str) -> list[str]:
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(spec()), encoding="utf-8")
    csv_path = write(tmp_path, *values)
    return ["check", str(spec_path), "--csv", str(csv_path), "--layouts", str(LAYOUTS)]


def test_check_reports_every_row_in_json_and_folds_in_text(tmp_path: Path) -> None:
    args = _check_args(tmp_path, "Bogus Layout", "Standard", "Bogus Layout")
    machine = CliRunner().invoke(main, [*args, "--format", "json"])
    assert machine.exit_code == 0, machine.output
    lines = [d["line"] for d in json.loads(machine.stdout)["diagnostics"] if d["code"] == "BW617"]
    assert lines == [2, 4]
    text = CliRunner().invoke(main, args)
    assert text.stdout.count("BW617") == 1 and "(2 rows: lines 2, 4)" in text.stdout


def test_check_reports_it_in_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mapper", *_check_args(tmp_path, "Bogus Layout")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "warning BW617 Layout: 'Bogus Layout' is not a layout of Leads" in done.stdout
