"""Small pieces shared by the subcommands: failing cleanly and common options."""

from __future__ import annotations

from typing import NoReturn

import click

from mapper.rules import API_VERSIONS

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
