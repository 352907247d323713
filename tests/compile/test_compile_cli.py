"""`mapper compile` through click and through a real process: files, exit codes, stderr."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from compile_helpers import EXAMPLES, FILE_ID, write_csv

from mapper.cli import compile as compile_command
from mapper.cli import main

LEADS = "First Name,Last Name,E-mail\nAmelia,Okafor,amelia@example.com\n"
AMBIGUOUS = "Last Name,Date of Birth\nOkafor,03/04/1990\nLindqvist,11/02/1985\n"


def compile_cli(*args: str) -> Result:
    return CliRunner().invoke(main, ["compile", *args, "--file-id", FILE_ID])


def test_writes_the_spec_file_and_nothing_on_stdout(tmp_path: Path) -> None:
    csv_path, output = write_csv(tmp_path, "leads.csv", LEADS), tmp_path / "spec.json"
    result = compile_cli(str(csv_path), "-m", "Leads", "-o", str(output))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    body = json.loads(output.read_text())
    assert [m["api_name"] for m in body["resource"][0]["field_mappings"]] == [
        "First_Name",
        "Last_Name",
        "Email",
    ]
    assert output.read_text().endswith("}\n")


def test_stdout_is_the_default_output(tmp_path: Path) -> None:
    result = compile_cli(str(write_csv(tmp_path, "leads.csv", LEADS)), "-m", "Leads")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["operation"] == "insert"


def test_explain_goes_to_stderr(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS + "")
    result = compile_cli(str(csv_path), "-m", "Leads", "--explain")
    assert json.loads(result.stdout)
    assert "E-mail" in result.stderr and "Email" in result.stderr
    assert result.stderr.splitlines()[1].split()[0] == "index"


def test_explain_lists_unmapped_and_missing_mandatory(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", "First Name,Shoe Size\nAmelia,38\n")
    result = compile_cli(str(csv_path), "-m", "Leads", "--explain")
    assert result.exit_code == 1
    assert "unmapped columns:" in result.stderr and "Shoe Size" in result.stderr
    assert "mandatory fields still missing:\n  Leads.Last_Name" in result.stderr


def test_no_explain_by_default_off_a_terminal(tmp_path: Path) -> None:
    result = compile_cli(str(write_csv(tmp_path, "leads.csv", LEADS)), "-m", "Leads")
    assert "header" not in result.stderr


def test_explain_by_default_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compile_command, "stderr_is_terminal", lambda: True)
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    shown = compile_cli(str(csv_path), "-m", "Leads")
    assert "E-mail" in shown.stderr and "normalised" in shown.stderr
    hidden = compile_cli(str(csv_path), "-m", "Leads", "--no-explain")
    assert "E-mail" not in hidden.stderr


def test_ambiguous_dates_exit_1_and_write_nothing(tmp_path: Path) -> None:
    csv_path, output = write_csv(tmp_path, "c.csv", AMBIGUOUS), tmp_path / "spec.json"
    result = compile_cli(str(csv_path), "-m", "Contacts", "-o", str(output))
    assert result.exit_code == 1
    assert "BW801" in result.stderr and "'Date of Birth'" in result.stderr
    assert "dd/MM/yyyy or MM/dd/yyyy" in result.stderr
    assert "--dayfirst" in result.stderr
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_a_failed_compile_leaves_an_existing_spec_untouched(tmp_path: Path) -> None:
    csv_path, output = write_csv(tmp_path, "c.csv", AMBIGUOUS), tmp_path / "spec.json"
    output.write_text("previous spec\n")
    result = compile_cli(str(csv_path), "-m", "Contacts", "-o", str(output))
    assert result.exit_code == 1
    assert output.read_text() == "previous spec\n"


def test_dayfirst_decides_and_the_spec_is_written(tmp_path: Path) -> None:
    csv_path, output = write_csv(tmp_path, "c.csv", AMBIGUOUS), tmp_path / "spec.json"
    result = compile_cli(str(csv_path), "-m", "Contacts", "--dayfirst", "-o", str(output))
    assert result.exit_code == 0, result.stderr
    mappings = json.loads(output.read_text())["resource"][0]["field_mappings"]
    assert {"api_name": "Date_of_Birth", "index": 1, "format": "dd/MM/yyyy"} in mappings


def test_runs_are_byte_identical(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    outputs = [tmp_path / "a.json", tmp_path / "b.json"]
    for output in outputs:
        args = ["--default", "Lead_Source=Web", "--ignore-empty", "-o", str(output)]
        assert compile_cli(str(csv_path), "-m", "Leads", *args).exit_code == 0
    assert outputs[0].read_bytes() == outputs[1].read_bytes()


def test_zip_holds_parent_and_child_under_their_file_names(tmp_path: Path) -> None:
    parent = write_csv(tmp_path, "parent.csv", "Ref,Last Name\nL-1,Okafor\n")
    child = write_csv(tmp_path, "kids.csv", "Ref,Interest\nL-1,Training\n")
    archive, output = tmp_path / "upload.zip", tmp_path / "spec.json"
    result = compile_cli(
        str(parent),
        *("-m", "Leads", "--fields", str(EXAMPLES / "crm" / "fields")),
        *("--child", f"{child}:Lead_Interests:Ref", "--zip", str(archive), "-o", str(output)),
    )
    assert result.exit_code == 0, result.stderr
    body = json.loads(output.read_text())
    names = [r["file_names"][0] for r in body["resource"]]
    with zipfile.ZipFile(archive) as opened:
        assert opened.namelist() == names == ["parent.csv", "kids.csv"]
        assert opened.read("kids.csv") == child.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-m", "Lead"], "unknown module 'Lead'"),
        (["-m", "Leads", "--map", "E-mail"], "expected LEFT=RIGHT"),
        (["-m", "Leads", "--map", "Mail=Email"], "Mail"),
        (["-m", "Leads", "--operation", "update"], "--find-by"),
        (["-m", "Leads", "--date-format", "E-mail=bb.MM"], "--date-format"),
        (["-m", "Leads", "--child", "kids.csv"], "CSV:MODULE:LINK_HEADER"),
        (["-m", "Leads", "--layout", "Partner Leads"], "--layout"),
    ],
)
def test_user_mistakes_exit_2_without_a_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = compile_cli(str(write_csv(tmp_path, "leads.csv", LEADS)), *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_csv_exits_2(tmp_path: Path) -> None:
    result = compile_cli(str(tmp_path / "nope.csv"), "-m", "Leads")
    assert result.exit_code == 2
    assert "nope.csv" in result.stderr


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    output = tmp_path / "no" / "spec.json"
    result = compile_cli(str(csv_path), "-m", "Leads", "-o", str(output))
    assert result.exit_code == 2
    assert f"cannot write {output}:" in result.stderr
    assert f"the folder {output.parent} does not exist" in result.stderr


def test_tool_mapper_settings_apply(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fields = (EXAMPLES / "crm" / "fields").as_posix()
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.mapper]\napi-version = "v2"\nfields = "{fields}"\n'
    )
    write_csv(tmp_path, "visits.csv", "Account Id,Visited By\n9876543000000412001,Kenji Ito\n")
    monkeypatch.chdir(tmp_path)
    result = compile_cli("visits.csv", "-m", "Site_Visits", "--parent-id-column", "Account Id")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["resource"][0]["module"] == "Site_Visits"


def test_real_process_exit_code_and_file(tmp_path: Path) -> None:
    csv_path, output = write_csv(tmp_path, "c.csv", AMBIGUOUS), tmp_path / "spec.json"
    command = [sys.executable, "-m", "mapper", "compile", str(csv_path), "-m", "Contacts"]
    failed = subprocess.run(
        [*command, "--file-id", FILE_ID, "-o", str(output)], capture_output=True, check=False
    )
    assert failed.returncode == 1
    assert not output.exists()
    passed = subprocess.run(
        [*command, "--file-id", FILE_ID, "--monthfirst", "-o", str(output)],
        capture_output=True,
        check=False,
    )
    assert passed.returncode == 0, passed.stderr.decode()
    assert '"format": "MM/dd/yyyy"' in output.read_text()


def test_output_onto_the_input_csv_is_refused(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    result = compile_cli(str(csv_path), "-m", "Leads", "-o", str(csv_path))
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.stderr
    assert csv_path.read_text() == LEADS
