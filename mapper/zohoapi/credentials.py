"""A Zoho self client's credentials: from flags, the environment and a 0600 file, in that order.

The file lives in the user's config folder (platformdirs), or where
``MAPPER_CREDENTIALS_FILE`` says. It is written atomically and never readable by others.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mapper.files import atomic_file
from mapper.zoho import DEFAULT_DATA_CENTRE, data_centre
from mapper.zohoapi.errors import ZohoError

CREDENTIALS_FILE_ENV = "MAPPER_CREDENTIALS_FILE"
FILE_MODE = 0o600

# credential key -> environment variable that overrides the file
ENV_NAMES = {
    "client_id": "ZOHO_CLIENT_ID",
    "client_secret": "ZOHO_CLIENT_SECRET",
    "refresh_token": "ZOHO_REFRESH_TOKEN",
    "dc": "ZOHO_DC",
    "org_id": "ZOHO_ORG_ID",
    "accounts_url": "ZOHO_ACCOUNTS_URL",
    "api_url": "ZOHO_API_URL",
    "content_url": "ZOHO_CONTENT_URL",
}
REQUIRED = ("client_id", "client_secret", "refresh_token")


@dataclass(frozen=True)
class Endpoints:
    """Base URLs (no trailing slash) of the three hosts a trip talks to."""

    accounts: str
    api: str
    upload: str


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False)
    dc: str = DEFAULT_DATA_CENTRE
    org_id: str | None = None  # the X-CRM-ORG zgid; None: asked of GET /crm/{v}/org
    endpoints: Endpoints = field(default_factory=lambda: endpoints_for(DEFAULT_DATA_CENTRE))
    # endpoint overrides as given (stand-ins, proxies), kept so `mapper auth` can store them
    overrides: Mapping[str, str] = field(default_factory=dict)

    def secrets(self) -> tuple[str, ...]:
        return (self.client_secret, self.refresh_token)


def endpoints_for(dc: str, overrides: Mapping[str, str | None] | None = None) -> Endpoints:
    """The hosts of data centre ``dc``, each replaced by its override when one is given."""
    try:
        centre = data_centre(dc)
    except KeyError as error:
        raise ZohoError(
            "NO_CREDENTIALS", error.args[0], hint="set ZOHO_DC or --dc to a known code"
        ) from None
    given = {key: value for key, value in (overrides or {}).items() if value}

    def pick(key: str, default: str) -> str:
        return given.get(key, default).rstrip("/")

    return Endpoints(
        accounts=pick("accounts_url", centre.accounts),
        api=pick("api_url", centre.api),
        upload=pick("content_url", centre.upload),
    )


def credentials_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(CREDENTIALS_FILE_ENV):
        return Path(env[CREDENTIALS_FILE_ENV])
    import platformdirs  # lazily: only commands that talk to Zoho need it

    return Path(platformdirs.user_config_dir("mapper")) / "credentials.json"


def read_stored(path: Path) -> dict[str, str]:
    """The stored values, or {} when there is no file; a broken file is a clear error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ZohoError("NO_CREDENTIALS", f"cannot read {path}: {error.strerror}") from None
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ZohoError(
            "NO_CREDENTIALS",
            f"{path} is not a JSON object of credentials",
            hint="run `mapper auth` to write it again",
        )
    return {key: str(value) for key, value in data.items() if key in ENV_NAMES and value}


def load_credentials(
    *,
    path: Path | None = None,
    env: Mapping[str, str] | None = None,
    **flags: str | None,
) -> Credentials:
    """Credentials from ``flags`` (dc, org_id, accounts_url, api_url, content_url, ...),
    then the environment, then the file. Missing pieces raise ZohoError NO_CREDENTIALS."""
    env = os.environ if env is None else env
    unknown = set(flags) - set(ENV_NAMES)
    if unknown:
        raise TypeError(f"unknown credential keys: {sorted(unknown)}")
    path = path or credentials_path(env)
    values = read_stored(path)
    for key, name in ENV_NAMES.items():
        if env.get(name):
            values[key] = env[name]
    values.update({key: value for key, value in flags.items() if value})
    missing = [ENV_NAMES[key] for key in REQUIRED if not values.get(key)]
    if missing:
        raise ZohoError(
            "NO_CREDENTIALS",
            f"missing {', '.join(missing)} (looked in flags, the environment and {path})",
            hint="run `mapper auth`, or set the environment variables",
        )
    return _credentials(values)


def _credentials(values: Mapping[str, str]) -> Credentials:
    dc = values.get("dc") or DEFAULT_DATA_CENTRE
    overrides = {
        key: values[key] for key in ("accounts_url", "api_url", "content_url") if values.get(key)
    }
    return Credentials(
        client_id=values["client_id"],
        client_secret=values["client_secret"],
        refresh_token=values["refresh_token"],
        dc=dc,
        org_id=values.get("org_id") or None,
        endpoints=endpoints_for(dc, overrides),
        overrides=overrides,
    )


def save_credentials(credentials: Credentials, path: Path | None = None) -> Path:
    """Write ``credentials`` to ``path`` (default: the config folder) atomically, mode 0600."""
    path = path or credentials_path()
    values = {
        "client_id": credentials.client_id,
        "client_secret": credentials.client_secret,
        "refresh_token": credentials.refresh_token,
        "dc": credentials.dc,
        "org_id": credentials.org_id,
        **credentials.overrides,
    }
    text = json.dumps({key: value for key, value in values.items() if value}, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # created 0600, so the secret is never readable by others, not even half-written
    with atomic_file(path, "w", permissions=FILE_MODE, encoding="utf-8") as stream:
        stream.write(text)
    return path
