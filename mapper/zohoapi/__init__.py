"""Talking to Zoho CRM's bulk-write API: credentials, the HTTP client, and a stand-in server.

Importing this package touches no network and loads no HTTP library: ``ZohoClient`` and
``exchange_grant_code`` import httpx when first asked for. The stand-in uses only the
standard library.
"""

from __future__ import annotations

from typing import Any

from mapper.zohoapi.answers import JobDetails, ResourceDetails
from mapper.zohoapi.credentials import (
    Credentials,
    Endpoints,
    credentials_path,
    load_credentials,
    save_credentials,
)
from mapper.zohoapi.errors import ZohoError

_LAZY = {"ZohoClient", "exchange_grant_code"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from mapper.zohoapi import client

        return getattr(client, name)
    if name == "start_standin":
        from mapper.zohoapi.standin import start_standin

        return start_standin
    raise AttributeError(name)


__all__ = [
    "Credentials",
    "Endpoints",
    "JobDetails",
    "ResourceDetails",
    "ZohoClient",
    "ZohoError",
    "credentials_path",
    "exchange_grant_code",
    "load_credentials",
    "save_credentials",
    "start_standin",
]
