"""`mapper compile`: every column left out is a finding on stderr, text or JSON, and one of
several same-named columns is addressed as HEADER#N or @N; through click and a process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from compile_helpers import FILE_ID, write_csv

from mapper.cli import main

# the Deals export: a read-only target, two Email columns, an unknown header
DEALS = (
    "Deal Name,Stage,Contact Email,Created Date,Email,Email,Zzz Weird\n"
    "Acme,Qualification,anna@example.com,2025-01-01,a@x.io,b@x.io,q\n"
)
LEADS = "Last Name,Email,Email\nOkafor,a@x.io,b@x.io\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mapper", "compile", *args, "--file-id", FILE_ID]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_left_out_columns_are_findings_in_json_on_stderr(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "deals.csv", DEALS)
    args = ["compile", str(csv_path), "-m", "Deals", "--file-id", FILE_ID, "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["resource"][0]["module"] == {"api_name": "Deals"}
    document = json.loads(result.stderr)
    left = {(d["column"] - 1, d["code"]) for d in document["diagnostics"] if d["line"] == 1}
    assert left == {(3, "BW808"), (4, "BW809"), (5, "BW809"), (6, "BW809")}
    mapped = json.loads(result.stdout)["resource"][0]["field_mappings"]
    assert {m["api_name"]: m.get("find_by") for m in mapped}["Contact_Name"] == "Email"


def test_left_out_columns_are_said_in_text_by_a_real_process(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "deals.csv", DEALS)
    done = run(str(csv_path), "-m", "Deals", "-o", str(tmp_path / "spec.json"))
    assert done.returncode == 0, done.stderr
    assert "warning BW808 index 3 'Created Date' left out" in done.stderr
    assert "Created_Time is read-only" in done.stderr
    assert '--skip "Email#5"' in done.stderr and '--skip "Email#4"' in done.stderr


def test_a_failed_compile_in_json_keeps_stderr_one_document(tmp_path: Path) -> None:
    csv_path = write_csv(
        tmp_path, "c.csv", "Last Name,Date of Birth\nOkafor,03/04/1990\nLi,11/02/1985\n"
    )
    done = run(str(csv_path), "-m", "Contacts", "--format", "json")
    assert done.returncode == 1
    assert "BW801" in {d["code"] for d in json.loads(done.stderr)["diagnostics"]}


def test_map_addresses_the_second_of_two_columns(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    result = CliRunner().invoke(
        main,
        ["compile", str(csv_path), "-m", "Leads", "--file-id", FILE_ID, "--map",
         "Email#2=Secondary_Email"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    mapped = json.loads(result.stdout)["resource"][0]["field_mappings"]
    assert [(m["api_name"], m["index"]) for m in mapped] == [
        ("Last_Name", 0),
        ("Email", 1),
        ("Secondary_Email", 2),
    ]


def test_an_ambiguous_map_exits_2_with_the_indexed_form(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    done = run(str(csv_path), "-m", "Leads", "--map", "Email=Secondary_Email")
    assert done.returncode == 2
    assert "2 columns have that header (indexes 1, 2)" in done.stderr
    assert "'Email#1' or 'Email#2'" in done.stderr and "Traceback" not in done.stderr


def test_skip_by_index_silences_one_column(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "deals.csv", DEALS)
    done = run(str(csv_path), "-m", "Deals", "--skip", "@5", "--skip", "Email#4")
    assert done.returncode == 0, done.stderr
    assert "index 4 'Email'" not in done.stderr and "index 5 'Email'" not in done.stderr
    assert "BW809 index 6 'Zzz Weird'" in done.stderr


def test_a_column_without_header_is_named_by_index_and_that_silences_it(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "e.csv", "Last Name,,Shoe Size\nOkafor,b,38\n")
    said = run(str(csv_path), "-m", "Leads", "-o", str(tmp_path / "a.json"))
    assert "BW809 index 1 '' left out: its header is empty" in said.stderr
    assert '--skip "@1"' in said.stderr
    assert "no field of Leads reads like it" in said.stderr
    silenced = run(str(csv_path), "-m", "Leads", "--skip", "@1", "-o", str(tmp_path / "b.json"))
    assert "index 1" not in silenced.stderr and "index 2 'Shoe Size'" in silenced.stderr
