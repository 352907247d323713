from __future__ import annotations

from pathlib import Path

import pytest

from mapper import config as config_module
from mapper.config import Config, ConfigError, load_config

SETTINGS = """
[project]
name = "crm-imports"

[tool.mapper]
fields = "crm/fields"
layouts = "crm/layouts"
api-version = "v2.1"

[tool.mapper.csv]
"specs/leads*.json" = "data/leads.csv"
"specs/*.json" = "data/other.csv"
"""


def project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    nested = tmp_path / "specs" / "deep"
    nested.mkdir(parents=True)
    return nested


def test_settings_are_read_from_the_nearest_pyproject_above(tmp_path: Path) -> None:
    config = load_config(project(tmp_path, SETTINGS))
    assert config.source == tmp_path.resolve() / "pyproject.toml"
    assert config.fields == tmp_path.resolve() / "crm" / "fields"
    assert config.layouts == tmp_path.resolve() / "crm" / "layouts"
    assert config.api_version == "v2.1"


def test_csv_pairing_takes_the_first_matching_glob(tmp_path: Path) -> None:
    config = load_config(project(tmp_path, SETTINGS))
    assert config.csv_for(tmp_path / "specs" / "leads_2024.json") == (
        tmp_path.resolve() / "data" / "leads.csv"
    )
    assert (
        config.csv_for(tmp_path / "specs" / "deals.json")
        == tmp_path.resolve() / "data" / "other.csv"
    )
    assert config.csv_for(tmp_path / "elsewhere.json") is None


def test_working_folder_is_the_default_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project(tmp_path, SETTINGS))
    assert load_config().api_version == "v2.1"


def test_pyproject_without_the_table_gives_empty_settings(tmp_path: Path) -> None:
    config = load_config(project(tmp_path, '[project]\nname = "x"\n'))
    assert config == Config(source=tmp_path.resolve() / "pyproject.toml")
    assert config.fields is None and config.csv == ()


def test_no_pyproject_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config_module, "find_pyproject", lambda start: None)
    assert load_config(tmp_path) == Config()


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('feilds = "crm"', "unknown key 'feilds' (did you mean 'fields'?)"),
        ('api-version = "v9"', "'api-version' must be one of"),
        ("fields = 3", "'fields' must be a path string"),
        ('csv = "x.csv"', "'csv' must be a table"),
        ('csv = { "a.json" = 1 }', "csv entry 'a.json' must map to a path string"),
    ],
)
def test_bad_settings_are_clear_errors(tmp_path: Path, table: str, problem: str) -> None:
    start = project(tmp_path, f"[tool.mapper]\n{table}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(start)
    assert problem in str(caught.value)
    assert "pyproject.toml" in str(caught.value)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    start = project(tmp_path, "[tool.mapper\nfields = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(start)


def test_without_a_toml_reader_settings_are_ignored_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config_module, "toml_reader", lambda: None)
    config = load_config(project(tmp_path, SETTINGS))
    assert config.fields is None
    assert "needs Python 3.11+ or `tomli`" in config.notice
