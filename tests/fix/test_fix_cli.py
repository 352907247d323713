"""`mapper fix` as a user runs it: through click's runner and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from fix_helpers import EXAMPLES, FIELDS, ROOT

from mapper.cli import main

DEALS = EXAMPLES / "deals_eu.csv"
LEADS = EXAMPLES / "leads_us.csv"


def run(*args: str | Path) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_european_deals_to_a_clean_spec_in_one_command(tmp_path: Path) -> None:
    out, spec = tmp_path / "deals.csv", tmp_path / "deals.json"
    result = run("fix", DEALS, "-m", "Deals", "-o", out, "--file-id", "1", "--spec-out", spec)
    assert result.exit_code == 0, result.output
    assert "index 1 'Amount' (Amount, currency): numbers (',' decimal comma): 4 changed" in (
        result.output
    )
    assert "'1.234,56' -> '1234.56'" in result.output
    mappings = json.loads(spec.read_text())["resource"][0]["field_mappings"]
    assert {m["api_name"]: m.get("format") for m in mappings}["Closing_Date"] == "MM/dd/yyyy"
    checked = run("check", spec, "--csv", out)
    assert checked.exit_code == 0, checked.output
    assert " BW6" not in checked.output.replace("BW600", "")


def test_us_leads_to_a_clean_spec_in_one_command(tmp_path: Path) -> None:
    out, spec = tmp_path / "leads.csv", tmp_path / "leads.json"
    result = run(
        "fix", LEADS, "-m", "Leads", "--fields", FIELDS, "-o", out,
        "--file-id", "1", "--spec-out", spec,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "'3/14/2024 2:05 PM' -> '03/14/2024 14:05:00'" in result.output
    checked = run("check", spec, "--csv", out, "--fields", FIELDS)
    assert checked.exit_code == 0, checked.output
    assert " BW6" not in checked.output.replace("BW600", "")


def test_json_report_is_one_document(tmp_path: Path) -> None:
    out, spec = tmp_path / "deals.csv", tmp_path / "deals.json"
    result = CliRunner().invoke(
        main,
        ["fix", str(DEALS), "-m", "Deals", "-o", str(out), "--format", "json",
         "--file-id", "1", "--spec-out", str(spec)],
    )  # fmt: skip
    document = json.loads(result.stderr)
    assert document["changed"] == sum(c["changed"] for c in document["columns"])
    assert document["formats"] == {"2": "MM/dd/yyyy"}
    assert document["spec"] == str(spec)
    assert {d["code"] for d in document["spec_diagnostics"]} <= {"BW503"}


def test_unfixable_values_exit_1_with_line_and_column(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text('Deal Name,Amount\nA,"1,234"\nB,"1,5"\nC,lots\n')
    result = CliRunner().invoke(
        main, ["fix", str(source), "-m", "Deals", "-o", str(tmp_path / "out.csv")]
    )
    assert result.exit_code == 1
    assert f"{source}:2:2 '1,234'" in result.stderr
    assert f"{source}:4:2 'lots'" in result.stderr
    assert (tmp_path / "out.csv").read_text() == source.read_text()


def test_spec_mode_writes_the_matching_spec(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({
        "operation": "insert",
        "character_encoding": "windows-1252",
        "resource": [{"type": "data", "module": {"api_name": "Deals"}, "file_id": "1",
                      "field_mappings": [
                          {"api_name": "Deal_Name", "index": 0},
                          {"api_name": "Amount", "index": 1},
                          {"api_name": "Closing_Date", "index": 2, "format": "dd.MM.yyyy"},
                          {"api_name": "Stage", "index": 3}]}],
    }))  # fmt: skip
    out, spec_out = tmp_path / "out.csv", tmp_path / "out.json"
    result = run("fix", DEALS, "--spec", spec, "-o", out, "--spec-out", spec_out)
    assert result.exit_code == 0, result.output
    written = json.loads(spec_out.read_text())
    assert "character_encoding" not in written
    assert written["resource"][0]["field_mappings"][2]["format"] == "MM/dd/yyyy"
    assert run("check", spec_out, "--csv", out).exit_code == 0


def test_refusals(tmp_path: Path) -> None:
    refused = run("fix", DEALS, "-m", "Deals", "-o", DEALS)
    assert refused.exit_code == 2 and "never overwrites its input" in refused.output
    assert run("fix", DEALS, "-o", tmp_path / "x.csv").exit_code == 2
    spec = tmp_path / "s.json"
    spec.write_text("{}")
    mixed = run("fix", DEALS, "--spec", spec, "-m", "Deals", "-o", tmp_path / "x.csv")
    assert mixed.exit_code == 2 and "--module would change nothing" in mixed.output
    no_id = run("fix", DEALS, "-m", "Deals", "-o", tmp_path / "x.csv", "--spec-out", spec)
    assert no_id.exit_code == 2 and "--file-id" in no_id.output
    assert not (tmp_path / "x.csv").exists()


def test_a_real_process(tmp_path: Path) -> None:
    out = tmp_path / "deals.csv"
    result = subprocess.run(
        [sys.executable, "-m", "mapper", "fix", str(DEALS), "-m", "Deals", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    first = out.read_text().splitlines()[1]
    assert first == "Rhein Logistik Rollout,1234.56,12/31/2024,Qualification,10"


def test_compile_stops_on_values_only_fix_can_make_importable(tmp_path: Path) -> None:
    result = run("compile", LEADS, "-m", "Leads", "--fields", FIELDS, "--file-id", "1")
    assert result.exit_code == 1
    assert "BW811 index 5 'Last Contacted': its datetime values are M/d/yyyy h:mm a" in (
        result.output
    )
    assert "BW811 index 4 'Annual Revenue': 3 of 3 values" in result.output
    assert f"mapper fix {LEADS} --module Leads" in result.output
    deals = run("compile", DEALS, "-m", "Deals", "--file-id", "1")
    assert deals.exit_code == 1 and "'1.234,56'" in deals.output


def test_compile_fix_writes_the_fixed_csv_and_its_spec(tmp_path: Path) -> None:
    fixed, spec = tmp_path / "leads.csv", tmp_path / "leads.json"
    result = run(
        "compile", LEADS, "-m", "Leads", "--fields", FIELDS, "--file-id", "1",
        "--fix", fixed, "-o", spec,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    mappings = json.loads(spec.read_text())["resource"][0]["field_mappings"]
    formats = {m["api_name"]: m.get("format") for m in mappings}
    assert formats["Last_Contacted__c"] == "MM/dd/yyyy HH:mm:ss"
    checked = run("check", spec, "--csv", fixed, "--fields", FIELDS)
    assert checked.exit_code == 0, checked.output
    assert " BW6" not in checked.output.replace("BW600", "")
    refused = run("compile", LEADS, "-m", "Leads", "--file-id", "1", "--fix", LEADS)
    assert refused.exit_code == 2 and "never overwrites" in refused.output


def test_compile_refuses_an_unlisted_forced_pattern(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("Deal Name,Closing Date\nA,3/4/2024\nB,12/31/2024\n")
    result = run(
        "compile", source, "-m", "Deals", "--file-id", "1", "--date-format", "Closing Date=M/d/yyyy"
    )
    assert result.exit_code == 1 and "BW811" in result.output
    assert '--date-format "Closing Date=M/d/yyyy"' in result.output
