"""`mapper auth`: store a Zoho self client's credentials (mode 0600), or show them."""

from __future__ import annotations

import os
from dataclasses import replace

import click

from mapper.cli.zoho_options import zoho_fail, zoho_flags, zoho_options
from mapper.zoho import DEFAULT_DATA_CENTRE, SCOPES
from mapper.zohoapi import ZohoError
from mapper.zohoapi.credentials import (
    ENV_NAMES,
    Credentials,
    credentials_path,
    endpoints_for,
    read_stored,
    save_credentials,
)

SECRET_KEYS = ("client_secret", "refresh_token")


@click.command("auth")
@click.option(
    "--grant-code",
    metavar="CODE",
    help="A self client's grant code to exchange for a refresh token (it works once, for minutes).",
)
@click.option(
    "--refresh-token",
    "use_refresh_token",
    is_flag=True,
    help="Store a refresh token you already have: read from ZOHO_REFRESH_TOKEN or "
    "asked for (hidden).",
)
@click.option("--client-id", metavar="ID", help="The self client's id (env ZOHO_CLIENT_ID).")
@click.option(
    "--show",
    is_flag=True,
    help="Show where the credentials come from, secrets masked; change nothing.",
)
@click.option(
    "--no-verify",
    is_flag=True,
    help="Store without asking Zoho for an access token and the org id.",
)
@zoho_options
def command(
    grant_code: str | None,
    use_refresh_token: bool,
    client_id: str | None,
    show: bool,
    no_verify: bool,
    **options: str | None,
) -> None:
    """Store the credentials mapper uses to talk to Zoho CRM.

    Create a self client in the Zoho API console (api-console.zoho.<dc>), generate a grant
    code with the scopes below, then run `mapper auth --grant-code CODE`. The client secret
    is read from ZOHO_CLIENT_SECRET or asked for, never taken as a flag. The file is written
    in your config folder with mode 0600; ZOHO_* environment variables override it.
    """
    flags = zoho_flags(options)
    if show:
        return show_credentials(flags)
    if bool(grant_code) == use_refresh_token:
        raise click.UsageError("give either --grant-code CODE or --refresh-token")
    client_id = client_id or os.environ.get("ZOHO_CLIENT_ID") or click.prompt("Client id")
    secret = os.environ.get("ZOHO_CLIENT_SECRET") or click.prompt("Client secret", hide_input=True)
    dc = flags["dc"] or os.environ.get("ZOHO_DC") or DEFAULT_DATA_CENTRE
    overrides = {
        k: v
        for k in ("accounts_url", "api_url", "content_url")
        if (v := flags[k] or os.environ.get(ENV_NAMES[k]))
    }
    try:
        endpoints = endpoints_for(dc, overrides)
        refresh = _refresh_token(endpoints, client_id, secret, grant_code)
        creds = Credentials(
            client_id,
            secret,
            refresh,
            dc,
            flags["org_id"] or os.environ.get("ZOHO_ORG_ID"),
            endpoints,
            overrides,
        )
        if not no_verify:
            creds = _verified(creds)
        path = save_credentials(creds)
    except ZohoError as error:
        zoho_fail(error)
    except OSError as error:
        raise click.ClickException(f"cannot write the credentials: {error}") from None
    org = f", org {creds.org_id}" if creds.org_id else ""
    click.echo(f"Stored credentials for data centre {dc}{org} in {path} (mode 0600).")


def _refresh_token(endpoints, client_id: str, secret: str, grant_code: str | None) -> str:
    if grant_code:
        from mapper.zohoapi import exchange_grant_code

        return exchange_grant_code(endpoints, client_id, secret, grant_code)
    return os.environ.get("ZOHO_REFRESH_TOKEN") or click.prompt("Refresh token", hide_input=True)


def _verified(creds: Credentials) -> Credentials:
    """Prove the credentials work (one access token) and learn the org id if not given."""
    from mapper.zohoapi import ZohoClient

    with ZohoClient(creds) as client:
        client.access_token()
        return replace(creds, org_id=client.org_id())


def show_credentials(flags: dict[str, str | None]) -> None:
    path = credentials_path()
    stored = read_stored(path) if path.exists() else {}
    click.echo(f"credentials file: {path}" + ("" if path.exists() else " (none)"))
    if path.exists() and path.stat().st_mode & 0o077:
        click.echo(f"  warning: others may read it; run: chmod 600 {path}")
    for key, env_name in ENV_NAMES.items():
        if flags.get(key):
            value, source = flags[key], "flag"
        elif os.environ.get(env_name):
            value, source = os.environ[env_name], env_name
        elif stored.get(key):
            value, source = stored[key], "file"
        else:
            click.echo(f"  {key}: (not set)")
            continue
        shown = "********" if key in SECRET_KEYS else value
        click.echo(f"  {key}: {shown} ({source})")
    click.echo(f"scopes a self client needs: {','.join(SCOPES)}")
