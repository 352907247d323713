"""Repeated per-row findings: folded in text (count and first rows), every row in JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from mapper.cli import main
from mapper.diagnostics import Diagnostic, Severity
from mapper.report import FORMATTERS, RenderOptions, Report
from mapper.report.fold import FIRST_ROWS, fold_repeats

WEB = "Lead Source (Lead_Source): 'Web' not in the pick list; Zoho adds it"


def row(line: int, message: str = WEB, column: int = 2, code: str = "BW607") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, "l.csv", line, column, hint="h")


def test_the_same_value_on_many_rows_folds_into_one_with_count_and_first_rows() -> None:
    found = [row(line) for line in range(2, 16)]
    [folded] = fold_repeats(found)
    assert folded.first is found[0] and folded.count == 14
    text = FORMATTERS["text"](Report(tuple(found), files=1), RenderOptions())
    lines = text.splitlines()
    assert lines[0] == f"l.csv:2:2: warning BW607 {WEB} (14 rows: lines 2, 3, 4, 5, 6, …)"
    assert lines[1] == "    hint: h"
    assert lines[-1] == "Found 0 errors, 14 warnings in 1 file."
    assert len(lines) == 3


def test_other_values_columns_codes_and_spec_findings_stay_apart() -> None:
    found = [
        row(2),
        row(3, WEB.replace("Web", "Fax")),
        row(4, column=3),
        row(5, code="BW608"),
        Diagnostic("BW302", Severity.ERROR, "dup", "s.json", 4, 2, "/resource/0"),
        Diagnostic("BW302", Severity.ERROR, "dup", "s.json", 9, 2, "/resource/0"),
        row(6),
    ]
    folded = fold_repeats(found)
    assert [f.count for f in folded] == [2, 1, 1, 1, 1, 1]
    assert folded[0].lines == (2, 6)


def test_a_few_repeats_are_all_named() -> None:
    text = FORMATTERS["text"](Report((row(2), row(7)), files=1), RenderOptions(quiet=True))
    assert text.splitlines()[0].endswith("(2 rows: lines 2, 7)")


@given(st.lists(st.tuples(st.integers(2, 40), st.sampled_from(["Web", "Fax", "Ads"]))))
def test_folding_keeps_every_row_once(rows: list[tuple[int, str]]) -> None:
    found = [row(line, WEB.replace("Web", value)) for line, value in rows]
    folded = fold_repeats(found)
    assert sum(f.count for f in folded) == len(found)
    assert sorted(line for f in folded for line in f.lines) == sorted(line for line, _ in rows)
    assert len({f.first.message for f in folded}) == len(folded)


CSV = "Last Name,Lead Source\n" + "".join(f"N{i},Web\n" for i in range(FIRST_ROWS + 9))
SPEC = {
    "operation": "insert",
    "resource": [
        {
            "type": "data",
            "module": {"api_name": "Leads"},
            "file_id": "4150868000005364001",
            "field_mappings": [
                {"api_name": "Last_Name", "index": 0},
                {"api_name": "Lead_Source", "index": 1},
            ],
        }
    ],
}


def _files(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "l.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "s.json").write_text(json.dumps(SPEC), encoding="utf-8")
    return tmp_path / "s.json", tmp_path / "l.csv"


def test_check_folds_in_text_and_keeps_every_row_in_json(tmp_path: Path) -> None:
    spec, csv_path = _files(tmp_path)
    text = CliRunner().invoke(main, ["check", str(spec), "--csv", str(csv_path)])
    assert text.exit_code == 0, text.output
    assert text.stdout.count("BW607") == 1
    assert "(14 rows: lines 2, 3, 4, 5, 6, …)" in text.stdout
    machine = CliRunner().invoke(
        main, ["check", str(spec), "--csv", str(csv_path), "--format", "json"]
    )
    lines = [d["line"] for d in json.loads(machine.stdout)["diagnostics"] if d["code"] == "BW607"]
    assert lines == list(range(2, 16))


def test_check_folds_in_a_real_process(tmp_path: Path) -> None:
    spec, csv_path = _files(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "mapper", "check", str(spec), "--csv", str(csv_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("warning BW607") == 1 and "14 rows" in done.stdout
