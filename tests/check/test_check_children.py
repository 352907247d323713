"""`check` with a parent CSV also pre-flights a parent-child job's child CSVs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import mapper.check
from mapper.catalog import load_catalog
from mapper.check import check
from mapper.cli import main
from mapper.diagnostics import Severity

EXAMPLES = Path(__file__).parents[2] / "examples"
SPEC = EXAMPLES / "parent_leads.inputData.json"
PARENT = EXAMPLES / "parent_leads.csv"
CHILD = EXAMPLES / "lead_interests.csv"
FIELDS = EXAMPLES / "crm" / "fields"


@pytest.fixture
def job(tmp_path: Path) -> Path:
    """The example parent-child job copied to its own folder; returns the spec."""
    for source in (SPEC, PARENT, CHILD):
        shutil.copy(source, tmp_path / source.name)
    return tmp_path / SPEC.name


def run_check(spec: Path, *extra: str):
    folder = spec.parent
    args = ["check", str(spec), "--fields", str(FIELDS), "--csv", str(folder / PARENT.name)]
    return CliRunner().invoke(main, [*args, "--format", "json", *extra], catch_exceptions=False)


def findings(output: str) -> list[dict]:
    parsed = json.loads(output)
    return parsed["diagnostics"] if isinstance(parsed, dict) else parsed


def test_example_parent_child_job_checks_clean_including_the_child() -> None:
    args = ["check", str(SPEC), "--fields", str(FIELDS), "--csv", str(PARENT)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert " error " not in result.output
    # the child was pre-flighted: its row count summary is reported under its own path
    assert f"{CHILD}:" in result.output and "6 rows predicted" in result.output


def test_bad_integer_in_the_child_is_reported_at_the_child_line(job: Path) -> None:
    child = job.parent / CHILD.name
    lines = child.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[2] = "a dozen"  # the Quantity column, an integer field of Lead_Interests
    lines[3] = ",".join(cells)
    child.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = load_catalog(FIELDS)
    found = check(job, catalog=catalog, csv_path=job.parent / PARENT.name)
    bad = [d for d in found if d.code == "BW602"]
    assert [(d.path, d.line, d.severity) for d in bad] == [(str(child), 4, Severity.ERROR)]
    assert not [d for d in found if d.severity is Severity.ERROR and d.path != str(child)]


def test_missing_child_csv_is_one_info_at_its_file_names(job: Path) -> None:
    (job.parent / CHILD.name).unlink()
    found = check(job, catalog=load_catalog(FIELDS), csv_path=job.parent / PARENT.name)
    missing = [d for d in found if CHILD.name in d.message]
    assert len(missing) == 1
    info = missing[0]
    assert info.code == "BW710"
    assert info.severity is Severity.INFO and "not found" in info.message
    assert info.path == str(job)
    spec_lines = job.read_text(encoding="utf-8").splitlines()
    assert CHILD.name in spec_lines[info.line - 1]
    assert not [d for d in found if d.severity is Severity.ERROR]


def test_missing_child_csv_keeps_the_cli_exit_zero(job: Path) -> None:
    (job.parent / CHILD.name).unlink()
    result = run_check(job)
    assert result.exit_code == 0, result.output
    infos = [f for f in findings(result.output) if CHILD.name in f["message"]]
    assert [f["severity"] for f in infos] == ["info"]


def test_child_csv_facts_reach_the_rules(job: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict = {}
    real = mapper.check.check_document

    def spy(document, **options):
        seen.update(options["csv"])
        return real(document, **options)

    monkeypatch.setattr(mapper.check, "check_document", spy)
    check(job, csv_path=job.parent / PARENT.name)
    assert sorted(seen) == [0, 1]
    assert seen[1].path == str(job.parent / CHILD.name)
    assert seen[1].header[2] == "Quantity"


def test_report_covers_the_parent_only(job: Path, tmp_path: Path) -> None:
    report = tmp_path / "predicted.csv"
    check(job, catalog=load_catalog(FIELDS), csv_path=job.parent / PARENT.name, report=report)
    parent_rows = len(PARENT.read_text(encoding="utf-8").splitlines())
    assert len(report.read_text(encoding="utf-8").splitlines()) == parent_rows


def test_report_never_overwrites_a_child_csv(job: Path) -> None:
    child = job.parent / CHILD.name
    before = child.read_bytes()
    result = run_check(job, "--report", str(child))
    assert result.exit_code == 2
    assert child.read_bytes() == before
