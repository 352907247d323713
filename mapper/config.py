"""Project settings from ``[tool.mapper]`` in the nearest ``pyproject.toml``.

So that the pre-commit hook needs no flags::

    [tool.mapper]
    fields = "crm/fields"          # Fields Metadata API responses (a file or a folder)
    layouts = "crm/layouts"        # Layouts API responses
    api-version = "v8"

    [tool.mapper.csv]              # which CSV a spec reads, for the CSV-aware checks
    "specs/leads*.json" = "data/leads.csv"

Paths and spec globs are relative to the folder holding the ``pyproject.toml``. Command-line
flags win over these settings.
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from mapper.suggest import closest
from mapper.zoho import API_VERSIONS

KEYS = ("fields", "layouts", "api-version", "csv")


class ConfigError(Exception):
    """A ``[tool.mapper]`` table that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Config:
    # the pyproject.toml the settings came from; None when there is none
    source: Path | None = None
    fields: Path | None = None
    layouts: Path | None = None
    api_version: str | None = None
    # (spec glob relative to the project folder, CSV path), in the order written
    csv: tuple[tuple[str, Path], ...] = ()
    # why settings that exist were not read (no TOML reader on Python 3.10)
    notice: str | None = None

    def csv_for(self, spec: Path) -> Path | None:
        """The CSV paired with ``spec`` by the first matching glob."""
        if self.source is None or not self.csv:
            return None
        spec = spec.resolve()
        try:
            relative = spec.relative_to(self.source.parent.resolve()).as_posix()
        except ValueError:
            relative = None
        for pattern, csv_path in self.csv:
            if (relative and fnmatch.fnmatchcase(relative, pattern)) or fnmatch.fnmatchcase(
                spec.as_posix(), pattern
            ):
                return csv_path
        return None


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """Settings of the nearest pyproject.toml above ``start`` (default: the working folder)."""
    pyproject = find_pyproject((start or Path.cwd()).resolve())
    if pyproject is None:
        return Config()
    text = read_pyproject(pyproject)
    # parsing TOML costs more than a substring search; every spelling of the table
    # ([tool.mapper], tool.mapper.x = ..., [tool] mapper = {...}) names "mapper"
    if "mapper" not in text:
        return Config(source=pyproject)
    toml = toml_reader()
    if toml is None:
        notice = f"{pyproject}: [tool.mapper] ignored: reading it needs Python 3.11+ or `tomli`"
        return Config(source=pyproject, notice=notice)
    try:
        document = toml.loads(text)
    except toml.TOMLDecodeError as exc:
        raise ConfigError(f"{pyproject}: not valid TOML: {exc}") from None
    return config_from_table(mapper_table(document, pyproject), pyproject)


def read_pyproject(pyproject: Path) -> str:
    """The file's text; TOML is UTF-8 by definition, so other bytes are the user's to fix."""
    try:
        return pyproject.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{pyproject}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise ConfigError(f"{pyproject}: cannot read: {exc.strerror or exc}") from None


def mapper_table(document: dict, pyproject: Path) -> dict:
    """``tool.mapper``, however it is spelt; empty when absent."""
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        return {}
    table = tool.get("mapper", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: tool.mapper must be a table, e.g. [tool.mapper]")
    return table


def toml_reader() -> ModuleType | None:
    """tomllib, or tomli on Python 3.10 when it is installed."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    try:
        import tomli
    except ImportError:
        return None
    return tomli


def config_from_table(table: dict, pyproject: Path) -> Config:
    where = f"{pyproject}: [tool.mapper]"
    for key in table:
        if key not in KEYS:
            guess = closest(key, KEYS)
            hint = f" (did you mean '{guess}'?)" if guess else ""
            raise ConfigError(f"{where}: unknown key '{key}'{hint}; known keys: {', '.join(KEYS)}")
    folder = pyproject.parent
    return Config(
        source=pyproject,
        fields=path_setting(table, "fields", folder, where),
        layouts=path_setting(table, "layouts", folder, where),
        api_version=api_version_setting(table, where),
        csv=csv_pairs(table.get("csv", {}), folder, where),
    )


def path_setting(table: dict, key: str, folder: Path, where: str) -> Path | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: '{key}' must be a path string")
    return folder / value


def api_version_setting(table: dict, where: str) -> str | None:
    value = table.get("api-version")
    if value is None:
        return None
    if value not in API_VERSIONS:
        raise ConfigError(f"{where}: 'api-version' must be one of {', '.join(API_VERSIONS)}")
    return value


def csv_pairs(value: object, folder: Path, where: str) -> tuple[tuple[str, Path], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: \'csv\' must be a table of "spec glob" = "csv path"')
    pairs = []
    for pattern, csv_path in value.items():
        if not isinstance(csv_path, str) or not csv_path:
            raise ConfigError(f"{where}: csv entry '{pattern}' must map to a path string")
        pairs.append((pattern, folder / csv_path))
    return tuple(pairs)
