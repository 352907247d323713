"""`[tool.mapper]` read however TOML spells it; unreadable files are ConfigErrors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import main
from mapper.config import ConfigError, load_config

SPELLINGS = [
    'tool.mapper.api-version = "v2.1"\n',
    '[tool]\nmapper = { api-version = "v2.1" }\n',
    '[tool.mapper]\napi-version = "v2.1"\n',
    '[tool]\nother = 1\n[tool.mapper]\n"api-version" = "v2.1"\n',
]


@pytest.mark.parametrize("text", SPELLINGS)
def test_every_toml_spelling_of_the_table_is_read(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert load_config(tmp_path).api_version == "v2.1"


@pytest.mark.parametrize(
    "text", ['tool.mapper.fields = ["nope"]\n', '[tool]\nmapper = { feilds = "x" }\n']
)
def test_a_bad_setting_in_any_spelling_is_reported(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml"):
        load_config(tmp_path)


def test_a_tool_mapper_that_is_not_a_table_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool]\nmapper = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a table"):
        load_config(tmp_path)


def test_a_pyproject_without_mapper_settings_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 99\n", "utf-8")
    config = load_config(tmp_path)
    assert config.api_version is None and config.fields is None and config.csv == ()


def test_a_non_utf8_pyproject_is_a_config_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.mapper]\nfields = "\xff"\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml: not UTF-8"):
        load_config(tmp_path)


def test_a_non_utf8_pyproject_exits_2_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.mapper]\nfields = "\xff"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["fields", "Leads"])
    # an escaped exception would make click's runner report exit 1
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr and "Traceback" not in result.output
