"""Small pieces shared by the subcommands: failing cleanly and common options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from mapper.zoho import API_VERSIONS, DEFAULT_API_VERSION

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.config import Config
    from mapper.spec import SpecDocument

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def fail(message: str, hint: str | None = None) -> NoReturn:
    """A tool failure (not a finding): message on stderr, exit 2, never a traceback."""
    click.echo(f"mapper: error: {message}", err=True)
    if hint:
        click.echo(f"  hint: {hint}", err=True)
    raise click.exceptions.Exit(EXIT_USAGE)


def read_spec_file(spec: str | Path, directory_hint: str | None = None) -> SpecDocument:
    """The spec file ``spec`` (named in messages as the user wrote it); a directory, a
    missing path or a read error exits 2. Pipes such as ``<(cat spec.json)`` work."""
    from mapper.spec import read_spec

    path = Path(spec)
    if path.is_dir():
        fail(f"{spec} is a directory, not a spec file", directory_hint)
    if not path.exists():
        fail(f"{spec}: no such file")
    try:
        return read_spec(path)
    except OSError as error:
        fail(f"cannot read {spec}: {error.strerror or error}")


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


def output_format_option(
    help_text: str = "A readable table, or JSON for scripts.",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format table|json``, for the commands that list things."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["table", "json"]),
        default="table",
        show_default=True,
        help=help_text,
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
    from mapper.catalog import CatalogError, LayoutsError, load_catalog
    from mapper.config import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError as error:
        fail(str(error), "the [tool.mapper] keys are listed in the README")
    if config.notice:
        click.echo(f"mapper: note: {config.notice}", err=True)
    try:
        catalog = load_catalog(fields_path or config.fields, layouts_path or config.layouts)
    except CatalogError as error:
        api = "layouts" if isinstance(error, LayoutsError) else "fields"
        fail(str(error), f"save GET /settings/{api}?module=<Module> as <Module>.json")
    version = api_version or config.api_version or DEFAULT_API_VERSION
    return Settings(config, catalog, version)
