"""Options every command that talks to Zoho takes, and how its failures end.

Flags win over the environment (ZOHO_DC, ZOHO_ORG_ID, ZOHO_ACCOUNTS_URL, ZOHO_API_URL,
ZOHO_CONTENT_URL), which wins over `mapper auth`'s stored file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

import click

from mapper.zoho import DATA_CENTRES

if TYPE_CHECKING:
    from mapper.zohoapi import Credentials, ZohoError

ZOHO_OPTION_NAMES = ("dc", "org_id", "accounts_url", "api_url", "content_url")


def zoho_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --dc, --org-id and the three endpoint overrides to a click command."""
    options = [
        click.option(
            "--dc",
            metavar="CODE",
            help=f"Zoho data centre: {', '.join(DATA_CENTRES)} (env ZOHO_DC; default com).",
        ),
        click.option(
            "--org-id", metavar="ZGID", help="The org's zgid for X-CRM-ORG (env ZOHO_ORG_ID)."
        ),
        click.option(
            "--accounts-url", metavar="URL", help="OAuth host override (env ZOHO_ACCOUNTS_URL)."
        ),
        click.option("--api-url", metavar="URL", help="API host override (env ZOHO_API_URL)."),
        click.option(
            "--content-url", metavar="URL", help="Upload host override (env ZOHO_CONTENT_URL)."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def zoho_flags(values: dict[str, Any]) -> dict[str, str | None]:
    """The Zoho options out of a command's keyword arguments (removing them)."""
    return {name: values.pop(name, None) for name in ZOHO_OPTION_NAMES}


def credentials_from(flags: dict[str, str | None]) -> Credentials:
    from mapper.zohoapi import ZohoError, load_credentials

    try:
        return load_credentials(**flags)
    except ZohoError as error:
        zoho_fail(error)


def zoho_fail(error: ZohoError) -> NoReturn:
    """A Zoho failure: one message with Zoho's code and hint, the error's exit code."""
    click.echo(f"mapper: error: {error.render()}", err=True)
    raise click.exceptions.Exit(error.exit_code)
