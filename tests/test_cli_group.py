from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import main


def test_help_does_not_import_pandas_or_pyarrow(assert_imports_nothing_heavy):
    result = assert_imports_nothing_heavy("from mapper.cli import main\nmain(['--help'])")
    assert "Usage:" in result.stdout


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_a_settings_typo_gets_a_settings_hint_not_a_metadata_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mapper]\nfeilds = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["fields", "Leads"])
    assert result.exit_code == 2
    assert "[tool.mapper]" in result.stderr and "settings/fields" not in result.stderr


def test_unreadable_metadata_gets_the_metadata_hint(tmp_path: Path) -> None:
    broken = tmp_path / "Leads.json"
    broken.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["fields", "Leads", "--fields", str(broken)])
    assert result.exit_code == 2 and "GET /settings/fields" in result.stderr


@pytest.mark.parametrize("broken", ["missing", "bad.json"])
def test_bad_layouts_get_the_layouts_hint(tmp_path: Path, broken: str) -> None:
    (tmp_path / "bad.json").write_text('{"fields": []}', encoding="utf-8")
    result = CliRunner().invoke(main, ["fields", "Leads", "--layouts", str(tmp_path / broken)])
    assert result.exit_code == 2
    assert "GET /settings/layouts?module=<Module>" in result.stderr
    assert "settings/fields" not in result.stderr


def test_bad_layouts_from_pyproject_get_the_layouts_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mapper]\nlayouts = "nope"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["fields", "Leads"])
    assert result.exit_code == 2 and "GET /settings/layouts" in result.stderr
