from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import main

CSV = (
    "Email;Amount;Close Date;Seen\n"
    "anna@example.com;10.5;03/04/2024;2024-01-01T10:00:00Z\n"
    "ben@example.com;3;04/05/2024;2024-01-02T11:30:00+05:30\n"
)


@pytest.fixture
def csv_path(tmp_path: Path) -> Path:
    path = tmp_path / "deals.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_table_by_default(csv_path: Path):
    result = CliRunner().invoke(main, ["profile", str(csv_path)])
    assert result.exit_code == 0, result.output
    assert "2 rows, 4 columns, utf-8, semicolon-separated, header row" in result.output
    assert "ambiguous: dd/MM/yyyy | MM/dd/yyyy" in result.output
    assert "yyyy-MM-dd'T'HH:mm:ssXXX" in result.output
    assert "day above 12" in result.output


def test_json_contract(csv_path: Path):
    result = CliRunner().invoke(main, ["profile", str(csv_path), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    kinds = [column["kind"] for column in data["columns"]]
    assert kinds == ["email", "decimal", "date", "datetime"]
    close = data["columns"][2]
    assert (close["format"], close["ambiguous"]) == (None, True)
    assert close["candidates"] == ["dd/MM/yyyy", "MM/dd/yyyy"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.csv", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: _write(tmp / "empty.csv", b""), "is empty"),
        (lambda tmp: _write(tmp / "bin.csv", bytes(range(256)) * 4), "not a text file"),
    ],
)
def test_unreadable_file_exits_2_with_a_message(tmp_path: Path, make, message: str):
    result = CliRunner().invoke(main, ["profile", str(make(tmp_path))])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_real_subprocess_has_no_progress_bar_when_stderr_is_not_a_terminal(csv_path: Path):
    completed = subprocess.run(
        [sys.executable, "-m", "mapper", "profile", str(csv_path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert json.loads(completed.stdout)["rows"] == 2


def test_cli_module_imports_nothing_heavy(assert_imports_nothing_heavy):
    assert_imports_nothing_heavy(
        "import mapper.cli.profile, mapper.dates",
        forbidden=("pandas", "pyarrow", "charset_normalizer", "numpy"),
    )


def test_tab_separated_file_is_profiled_with_a_warning(tmp_path: Path):
    path = tmp_path / "t.tsv"
    path.write_text("Name\tEmail\nAnna\tanna@example.com\n")
    result = CliRunner().invoke(main, ["profile", str(path)])
    assert result.exit_code == 0
    assert "tab-separated" in result.output and "Zoho accepts only" in result.output


def test_header_only_file_has_no_rows(tmp_path: Path):
    path = tmp_path / "h.csv"
    path.write_text("Name,Email\n")
    data = json.loads(CliRunner().invoke(main, ["profile", str(path), "--format", "json"]).output)
    assert data["rows"] == 0
    assert [c["kind"] for c in data["columns"]] == ["empty", "empty"]


def test_progress_bar_only_for_a_terminal_outside_hooks_and_ci(monkeypatch):
    from mapper.cli import profile as cli_profile

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.setattr(cli_profile.sys.stderr, "isatty", lambda: True, raising=False)
    assert cli_profile._progress_bar() is not None
    monkeypatch.setenv("CI", "true")
    assert cli_profile._progress_bar() is None
    monkeypatch.delenv("CI")
    monkeypatch.setattr(cli_profile.sys.stderr, "isatty", lambda: False, raising=False)
    assert cli_profile._progress_bar() is None


def test_a_field_larger_than_a_block_is_profiled(tmp_path: Path) -> None:
    path = tmp_path / "bf.csv"
    path.write_text("Last Name,Description\nS," + "y" * 3_000_000 + "\n")
    result = CliRunner().invoke(main, ["profile", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 row" in result.output and "straddl" not in result.output
