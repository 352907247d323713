"""Small pieces shared by the subcommands: failing cleanly and common options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from mapper.zoho import API_VERSIONS, DEFAULT_API_VERSION

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.config import Config

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def fail(message: str, hint: str | None = None) -> NoReturn:
    """A tool failure (not a finding): message on stderr, exit 2, never a traceback."""
    click.echo(f"mapper: error: {message}", err=True)
    if hint:
        click.echo(f"  hint: {hint}", err=True)
    raise click.exceptions.Exit(EXIT_USAGE)


api_version_option = click.option(
    "--api-version",
    type=click.Choice(API_VERSIONS),
    default=None,
    help="Zoho CRM API version the spec targets (default: [tool.mapper] api-version, else v8).",
)

fields_option = click.option(
    "--fields",
    "fields_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Org metadata: Zoho Fields Metadata API responses, MODULE.json or a folder of them "
    "(default: [tool.mapper] fields).",
)
layouts_option = click.option(
    "--layouts",
    "layouts_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Zoho Layouts API responses, MODULE.json or a folder of them "
    "(default: [tool.mapper] layouts).",
)


@dataclass(frozen=True)
class Settings:
    """What a command runs with once flags and ``[tool.mapper]`` are merged (flags win)."""

    config: Config
    catalog: Catalog
    api_version: str


def load_settings(
    fields_path: Path | None, layouts_path: Path | None, api_version: str | None = None
) -> Settings:
    """Read ``[tool.mapper]`` and the catalog; a bad setting or metadata file exits 2."""
    from mapper.catalog import CatalogError, load_catalog
    from mapper.config import ConfigError, load_config

    try:
        config = load_config()
        if config.notice:
            click.echo(f"mapper: note: {config.notice}", err=True)
        catalog = load_catalog(fields_path or config.fields, layouts_path or config.layouts)
    except (CatalogError, ConfigError) as error:
        fail(str(error), "save GET /settings/fields?module=<Module> as <Module>.json")
    version = api_version or config.api_version or DEFAULT_API_VERSION
    return Settings(config, catalog, version)
