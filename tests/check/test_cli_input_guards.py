"""`mapper check` refuses runs that would destroy its inputs or check the wrong pairing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import main

SPEC = (
    '{"operation": "insert", "resource": [{"type": "data", "module": {"api_name": "Leads"}, '
    '"file_id": "1", "field_mappings": [{"api_name": "Last_Name", "index": 0}]}]}'
)
V2_SPEC = SPEC.replace('{"api_name": "Leads"}', '"Leads"').replace('"insert"', '"upsert"')
CSV = "Last_Name\nSmith\n"


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.json").write_text(SPEC, encoding="utf-8")
    (tmp_path / "b.json").write_text(SPEC, encoding="utf-8")
    (tmp_path / "a.csv").write_text(CSV, encoding="utf-8")
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, ["check", *args])


@pytest.mark.parametrize("report", ["a.csv", "./a.csv", "a.json", "sub/../a.csv", "link.csv"])
def test_a_report_over_an_input_is_refused_and_the_input_kept(inputs: Path, report: str) -> None:
    (inputs / "sub").mkdir()
    (inputs / "link.csv").symlink_to(inputs / "a.csv")
    result = invoke("a.json", "--csv", "a.csv", "--report", report)
    assert result.exit_code == 2, result.output
    assert "would overwrite" in result.stderr and result.stdout == ""
    assert (inputs / "a.csv").read_text(encoding="utf-8") == CSV
    assert (inputs / "a.json").read_text(encoding="utf-8") == SPEC


def test_a_report_over_the_csv_paired_in_pyproject_is_refused(inputs: Path) -> None:
    pairing = '[tool.mapper.csv]\n"a.json" = "a.csv"\n'
    (inputs / "pyproject.toml").write_text(pairing, encoding="utf-8")
    result = invoke("a.json", "--report", "a.csv")
    assert result.exit_code == 2 and "would overwrite" in result.stderr
    assert (inputs / "a.csv").read_text(encoding="utf-8") == CSV


def test_a_report_elsewhere_is_still_written(inputs: Path) -> None:
    result = invoke("a.json", "--csv", "a.csv", "--report", "out.csv")
    assert result.exit_code in (0, 1), result.output
    assert (inputs / "out.csv").is_file()


@pytest.mark.parametrize("flag", [["--csv", "a.csv"], ["--csv", "a.csv", "--report", "r.csv"]])
def test_one_csv_for_several_specs_is_refused_with_a_pairing_hint(
    inputs: Path, flag: list[str]
) -> None:
    result = invoke("b.json", "a.json", *flag)
    assert result.exit_code == 2 and result.stdout == ""
    assert "one SPEC" in result.stderr and "[tool.mapper.csv]" in result.stderr
    assert not (inputs / "r.csv").exists()


def test_module_shape_message_does_not_name_a_flag_the_user_never_passed(
    inputs: Path,
) -> None:
    (inputs / "pyproject.toml").write_text('[tool.mapper]\napi-version = "v2"\n', "utf-8")
    (inputs / "old.json").write_text(SPEC, encoding="utf-8")
    result = invoke("old.json")
    assert "BW102" in result.stdout
    assert "API v2" in result.stdout and "--api-version v2)" not in result.stdout


def test_module_shape_message_for_a_string_module_names_the_version_only(inputs: Path) -> None:
    (inputs / "v2.json").write_text(V2_SPEC, encoding="utf-8")
    result = invoke("v2.json", "--api-version", "v8")
    line = next(line for line in result.stdout.splitlines() if "BW102" in line)
    assert "API v8" in line and "(--api-version" not in line
