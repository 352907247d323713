from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from catalog_helpers import ORG_FIELDS, ORG_LAYOUTS
from click.testing import CliRunner

from mapper.cli import main


def invoke(*args: str):
    return CliRunner().invoke(main, ["fields", *args])


def test_table_lists_standard_contacts_fields() -> None:
    result = invoke("Contacts")
    assert result.exit_code == 0, result.output
    header, *_ = result.output.splitlines()
    assert header.split() == [
        "api_name", "label", "type", "mandatory", "unique", "lookup", "writable", "confidence",
    ]  # fmt: skip
    last_name = next(line for line in result.output.splitlines() if line.startswith("Last_Name "))
    assert last_name.split() == ["Last_Name", "Last", "Name", "text", "yes", "yes", "high"]
    assert "Contacts: 52 fields (built-in standard catalog)" in result.output


def test_json_output_with_org_metadata_and_layouts() -> None:
    result = invoke(
        "Leads", "--fields", str(ORG_FIELDS), "--layouts", str(ORG_LAYOUTS), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["source"] == "org"
    by_name = {f["api_name"]: f for f in body["fields"]}
    assert by_name["Referred_By"]["lookup"] == ["Accounts"]
    assert by_name["Customer_Code"]["unique"] is True
    assert by_name["Full_Name"]["writable"] is False
    assert "confidence" not in by_name["Last_Name"]
    assert by_name["Lead_Items"]["associated_module"] == "Lead_Items"
    assert [x["name"] for x in body["layouts"]] == ["Standard", "Partner Leads"]


def test_builtin_json_keeps_confidence() -> None:
    body = json.loads(invoke("Events", "--format", "json").output)
    assert {f["confidence"] for f in body["fields"]} == {"high", "medium", "low"}


def test_unknown_module_exits_2_with_did_you_mean() -> None:
    result = invoke("Contcts")
    assert result.exit_code == 2
    assert "unknown module 'Contcts'" in result.output
    assert "did you mean 'Contacts'?" in result.output


def test_a_case_slip_in_the_module_name_is_forgiven() -> None:
    assert "Leads: 64 fields" in invoke("leads").output


def test_malformed_metadata_exits_2_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "Leads.json"
    bad.write_text('{"field": []}', encoding="utf-8")
    result = invoke("Leads", "--fields", str(bad))
    assert result.exit_code == 2
    assert str(bad) in result.output and '"fields" list' in result.output
    assert "Traceback" not in result.output


def test_config_supplies_the_metadata_and_flags_win(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.mapper]\nfields = "{ORG_FIELDS.as_posix()}"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert "Projects: 7 fields (org metadata)" in invoke("Projects").output
    assert invoke("Projects", "--fields", str(ORG_FIELDS / "Accounts.json")).exit_code == 2


def test_bad_config_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mapper]\nfeilds = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("Leads")
    assert result.exit_code == 2 and "did you mean 'fields'" in result.output


def test_real_subprocess_lists_fields_as_json(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mapper", "fields", "Quoted_Items", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["parent_module"] == "Quotes"
    assert "Parent_Id" in [f["api_name"] for f in body["fields"]]
