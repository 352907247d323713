"""The stand-in's fixed credentials, its fault list and what it remembers."""

from __future__ import annotations

import itertools
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

HOST = "127.0.0.1"
CLIENT_ID = "standin-client"
CLIENT_SECRET = "standin-secret"
REFRESH_TOKEN = "standin-refresh"
GRANT_CODE = "standin-grant"
ORG_ZGID = "standin-org"

# fault name -> (default value, default endpoint, what it does); endpoints: token, org,
# upload, create, details, download, or "crm" for the next call to any CRM endpoint
FAULTS = {
    "expired-token": (None, "crm", "401 INVALID_TOKEN: the access token is revoked"),
    "rate-limit": ("1", "crm", "429 with Retry-After VALUE seconds"),
    "server-error": (None, "crm", "one 500 INTERNAL_ERROR"),
    "error-200": (None, "upload", "HTTP 200 whose body has status error"),
    "lost-answer": (None, "create", "acts on the request, then drops the connection"),
    "slow-answer": ("5", "details", "answers after VALUE seconds"),
    "job-failed": (None, "create", "the job created next ends FAILED"),
    "slow-job": ("5", "create", "the job created next stays IN PROGRESS VALUE more polls"),
    "expired-link": (None, "download", "403: the result link is no longer valid"),
}
ENDPOINTS = ("token", "org", "upload", "create", "details", "download")
CONTROL_PREFIX = "/__standin"


@dataclass
class Fault:
    name: str
    endpoint: str
    value: str | None
    times: int = 1

    def matches(self, endpoint: str) -> bool:
        return self.endpoint == endpoint or (self.endpoint == "crm" and endpoint != "token")


def parse_fault(text: str) -> Fault:
    """``NAME[=VALUE][@ENDPOINT][*TIMES]``, e.g. ``rate-limit=2@details*3``."""
    spec, _, times = text.strip().partition("*")
    spec, _, endpoint = spec.partition("@")
    name, _, value = spec.partition("=")
    if name not in FAULTS:
        raise ValueError(f"unknown fault {name!r} (known: {', '.join(FAULTS)})")
    default_value, default_endpoint, _ = FAULTS[name]
    endpoint = endpoint or default_endpoint
    if endpoint not in (*ENDPOINTS, "crm"):
        raise ValueError(
            f"unknown endpoint {endpoint!r} in {text!r} (known: {', '.join(ENDPOINTS)})"
        )
    if times and not times.isdigit():
        raise ValueError(f"fault repeat count must be a number in {text!r}")
    return Fault(name, endpoint, value or default_value, int(times or 1))


@dataclass
class UploadedFile:
    csvs: dict[str, list[list[str]]]  # CSV name in the ZIP -> rows, header first


@dataclass
class Job:
    id: str
    body: dict[str, Any]
    operation: str
    resources: list[dict[str, Any]]  # module, file name, rows, mappings
    polls: int = 0
    extra_polls: int = 0
    fails: bool = False
    result: bytes | None = None
    counts: list[dict[str, int]] = field(default_factory=list)
    link_key: str = field(default_factory=lambda: secrets.token_hex(8))


class Answer(Exception):
    """An error answer, raised anywhere in a handler."""

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"code": code, "details": details, "message": message, "status": "error"}


class StandinState:
    """Everything the server knows; one lock guards it (the server is threaded)."""

    def __init__(self, faults: Iterable[str], token_ttl: int, polls_per_step: int) -> None:
        self.lock = threading.Lock()
        self.faults = [parse_fault(text) for text in faults]
        self.token_ttl = token_ttl
        self.polls_per_step = max(1, polls_per_step)
        self.tokens: dict[str, float] = {}
        self.issued: list[str] = []  # every access token ever issued, for secrecy tests
        self.files: dict[str, UploadedFile] = {}
        self.jobs: dict[str, Job] = {}
        self.log: list[tuple[str, str, int]] = []
        self.ids = itertools.count(1)
        self.url = ""

    def next_id(self, base: int) -> str:
        return str(base + next(self.ids))

    def take_fault(self, endpoint: str, names: Iterable[str] | None = None) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.matches(endpoint) and (names is None or fault.name in names):
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
        return None
