"""What a compile must refuse or leave out rather than write a spec whose rows all fail:
date columns without one format, patterns the values do not fit, user lookups of names,
files Zoho rejects, and guesses the values contradict."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from compile_helpers import FILE_ID, options, write_csv

from mapper.catalog import Catalog
from mapper.cli import main
from mapper.compile import compile_spec
from mapper.diagnostics import Severity

MIXED_DATES = (
    "Deal Name,Stage,Closing Date\n"
    "A,Closed Won,8/31/2024\nB,Closed Won,6/26/2021 9:30\nC,Closed Won,12/1/2024\n"
)
# the year may come first or last: day-first / month-first cannot decide
YEAR_OR_DAY = "Last Name,Date of Birth\nA,20-02-03\nB,21-04-05\n"
DAY_OR_MONTH = "Last Name,Date of Birth\nA,01/02/1990\nB,03/04/1991\n"


def _codes(result, severity: Severity | None = None) -> set[str]:
    return {d.code for d in result.diagnostics if severity is None or d.severity is severity}


def _finding(result, code: str):
    [found] = [d for d in result.diagnostics if d.code == code]
    return found


def test_mixed_date_shapes_stop_the_compile(tmp_path: Path, catalog: Catalog) -> None:
    result = compile_spec(write_csv(tmp_path, "d.csv", MIXED_DATES), options("Deals"), catalog)
    assert result.body is None
    finding = _finding(result, "BW804")
    assert finding.severity is Severity.ERROR
    assert "'Closing Date'" in finding.message and "9/99/9999 9:99" in finding.message
    assert "normalise" in finding.hint and '--skip "Closing Date"' in finding.hint


def test_a_date_field_of_text_values_stops_the_compile(tmp_path: Path, catalog: Catalog) -> None:
    text = "Last Name,Birth Date\nA,2008-09-01\nB,20080901\nC,2008-9-1 \n"
    result = compile_spec(write_csv(tmp_path, "c.csv", text), options("Contacts"), catalog)
    finding = _finding(result, "BW804")
    assert finding.severity is Severity.ERROR and result.body is None
    assert "'9999-99-99'" in finding.message and "'99999999'" in finding.message


def test_skipping_the_mixed_column_compiles(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "d.csv", MIXED_DATES)
    result = compile_spec(csv_path, options("Deals", skip=("Closing Date",)), catalog)
    assert "BW804" not in _codes(result)


def test_a_forced_pattern_the_values_do_not_fit_stops_the_compile(
    tmp_path: Path, catalog: Catalog
) -> None:
    csv_path = write_csv(tmp_path, "c.csv", DAY_OR_MONTH)
    forced = (("Date of Birth", "yyyy-MM-dd"),)
    result = compile_spec(csv_path, options("Contacts", date_formats=forced), catalog)
    assert result.body is None
    finding = _finding(result, "BW806")
    assert "2 of 2 values" in finding.message and "'01/02/1990'" in finding.message


def test_a_forced_pattern_the_values_fit_compiles(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "c.csv", DAY_OR_MONTH + "C,  \n")
    forced = (("Date of Birth", "dd/MM/yyyy"),)
    result = compile_spec(csv_path, options("Contacts", date_formats=forced), catalog)
    assert result.ok, result.diagnostics


def test_year_or_day_ambiguity_is_worded_from_the_candidates(
    tmp_path: Path, catalog: Catalog
) -> None:
    csv_path = write_csv(tmp_path, "c.csv", YEAR_OR_DAY)
    result = compile_spec(csv_path, options("Contacts", date_order="monthfirst"), catalog)
    finding = _finding(result, "BW801")
    assert "cannot tell the day from the year" in finding.message
    assert "day from month" not in finding.message
    assert "--monthfirst" not in finding.hint and "--date-format" in finding.hint


def test_day_or_month_ambiguity_says_so(tmp_path: Path, catalog: Catalog) -> None:
    result = compile_spec(write_csv(tmp_path, "c.csv", DAY_OR_MONTH), options("Contacts"), catalog)
    finding = _finding(result, "BW801")
    assert "cannot tell the day from the month" in finding.message
    assert finding.message.startswith("index 1 'Date of Birth'")


def test_an_owner_column_of_names_is_left_out_with_a_warning(
    tmp_path: Path, catalog: Catalog
) -> None:
    text = "Last Name,Lead Owner\nOkafor,Moses Frase\nLindqvist,Darcel Schlecht\n"
    result = compile_spec(write_csv(tmp_path, "l.csv", text), options(), catalog)
    assert result.ok
    assert "Owner" not in {m["api_name"] for m in result.body["resource"][0]["field_mappings"]}
    [left_out] = [u for u in result.unmapped if u.header == "Lead Owner"]
    assert left_out.reason == "user lookups take ids or emails; the values are names"
    assert _finding(result, "BW807").severity is Severity.WARNING
    assert "BW504" not in _codes(result)


def test_a_state_column_is_not_a_deal_stage(tmp_path: Path, catalog: Catalog) -> None:
    text = "Deal Name,State,Amount\nBig deal,Texas,100\n"
    result = compile_spec(write_csv(tmp_path, "d.csv", text), options("Deals"), catalog)
    assert "State" in {u.header for u in result.unmapped}
    assert not any(row.header == "State" for row in result.explain)


def test_a_near_miss_hint_suggests_a_map_only_when_the_values_fit(
    tmp_path: Path, catalog: Catalog
) -> None:
    # Amnot/Amnt score 0.73/0.80 against Amount, Amt 0.67: a near miss, but a weak one
    text = "Deal Name,Amnot,Amnt,Amt\nA,text here,100,200\n"
    result = compile_spec(write_csv(tmp_path, "d.csv", text), options("Deals"), catalog)
    hints = {d.message.split("'")[1]: d.hint for d in result.diagnostics if d.code == "BW802"}
    assert "--map" not in hints["Amnot"] and "--map" not in hints["Amt"]
    assert '--map "Amnt=Amount"' in hints["Amnt"]


def _wide() -> str:
    header = ",".join(["Last Name", *(f"c{i}" for i in range(200))])
    return header + "\n" + ",".join("x" * 201) + "\n"


def _long() -> str:
    return "Last Name\n" + "".join(f"n{i}\n" for i in range(25_001))


@pytest.mark.parametrize(
    ("name", "text", "code", "severity"),
    [
        ("tab.csv", "Last Name\tEmail\nA\ta@example.com\n", "BW706", Severity.ERROR),
        ("wide.csv", _wide(), "BW703", Severity.ERROR),
        ("long.csv", _long(), "BW704", Severity.ERROR),
    ],
    ids=["tab-delimited", "201-columns", "25001-rows"],
)
def test_files_zoho_rejects_are_reported(
    tmp_path: Path, catalog: Catalog, name: str, text: str, code: str, severity: Severity
) -> None:
    result = compile_spec(write_csv(tmp_path, name, text), options(), catalog)
    assert _finding(result, code).severity is severity
    assert not result.ok
    # too many rows leaves the body right for each part of a split; the others no body
    assert result.needs_split is (code == "BW704")
    assert (result.body is not None) is (code == "BW704")


def test_compile_and_check_give_a_long_file_one_verdict(tmp_path: Path) -> None:
    csv_path, spec = write_csv(tmp_path, "long.csv", _long()), tmp_path / "spec.json"
    mapper = [sys.executable, "-m", "mapper"]
    compiled = subprocess.run(
        [*mapper, "compile", str(csv_path), "-m", "Leads", "--file-id", FILE_ID, "-o", str(spec),
         "--zip", str(tmp_path / "up.zip")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert compiled.returncode == 1
    assert "error BW704 25,001 records" in compiled.stderr
    assert "spec written, but not the zip" in compiled.stderr
    assert not (tmp_path / "up.zip").exists()
    checked = subprocess.run(
        [*mapper, "check", str(spec), "--csv", str(csv_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 1
    assert "error BW704 25,001 records" in checked.stdout


def _cli(*args: str):
    return CliRunner().invoke(main, ["compile", *args, "--file-id", FILE_ID])


def test_dayfirst_and_monthfirst_together_is_a_usage_error(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "c.csv", DAY_OR_MONTH)
    result = _cli(str(csv_path), "-m", "Contacts", "--dayfirst", "--monthfirst")
    assert result.exit_code == 2
    assert "--dayfirst and --monthfirst" in result.stderr


def test_an_override_that_misfits_exits_with_findings(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "c.csv", DAY_OR_MONTH)
    result = _cli(str(csv_path), "-m", "Contacts", "--date-format", "Date of Birth=yyyy-MM-dd")
    assert result.exit_code == 1 and result.stdout == ""
    assert "BW806" in result.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\x00\xff"], ids=["empty", "binary"])
def test_an_unreadable_csv_is_named_once(tmp_path: Path, content: bytes) -> None:
    csv_path = tmp_path / "bad.csv"
    csv_path.write_bytes(content)
    result = _cli(str(csv_path), "-m", "Leads")
    assert result.exit_code == 2
    assert result.stderr.count(str(csv_path)) == 1, result.stderr


def test_the_explain_table_says_index(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path, "l.csv", "Last Name,Shoe Size\nA,38\n")
    result = _cli(str(csv_path), "-m", "Leads", "--explain")
    assert json.loads(result.stdout)
    assert "l.csv index 1 'Shoe Size'" in result.stderr


def test_a_file_too_large_zipped_is_the_error_check_says_and_keeps_its_spec(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mapper.preflight import structure

    monkeypatch.setattr(structure, "MAX_ZIP_BYTES", 2_000)
    rng = random.Random(3)
    rows = "".join(f"n{rng.getrandbits(64):x}{rng.getrandbits(64):x}\n" for _ in range(400))
    csv_path = write_csv(tmp_path, "big.csv", "Last Name\n" + rows)
    result = compile_spec(csv_path, options(), catalog)
    assert _finding(result, "BW705").severity is Severity.ERROR
    assert not result.ok and result.needs_split and result.body is not None
    body = json.dumps(result.with_file_id(FILE_ID))
    checked = CliRunner().invoke(main, ["check", "-", "--csv", str(csv_path)], input=body)
    assert checked.exit_code == 1 and "error BW705" in checked.stdout
