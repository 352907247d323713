"""A real stand-in Zoho on 127.0.0.1 per test, and a client pointed at it."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mapper.zohoapi import ZohoClient, load_credentials
from mapper.zohoapi.credentials import Credentials
from mapper.zohoapi.standin import StandinHandle, start_standin

LEADS_CSV = (
    "Last_Name,Company,Email\n"
    "Smith,Acme,smith@example.com\n"
    ",Beta,nobody@example.com\n"
    "Lee,Gamma,not-an-email\n"
    "Khan,Delta,smith@example.com\n"
)
LEADS_MAPPINGS = [
    {"api_name": "Last_Name", "index": 0},
    {"api_name": "Company", "index": 1},
    {"api_name": "Email", "index": 2},
]


@pytest.fixture
def standin() -> Iterator[StandinHandle]:
    with start_standin() as handle:
        yield handle


@pytest.fixture
def credentials(standin: StandinHandle, tmp_path: Path) -> Credentials:
    return load_credentials(env=standin.credentials, path=tmp_path / "none.json")


@pytest.fixture
def client(credentials: Credentials) -> Iterator[ZohoClient]:
    with ZohoClient(credentials, timeout=5.0, retry_budget=10.0) as zoho:
        yield zoho


@pytest.fixture
def leads_zip(tmp_path: Path) -> Path:
    path = tmp_path / "leads.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("leads.csv", LEADS_CSV)
    return path


def _insert_body(file_id: str, mappings: list[dict] | None = None) -> dict:
    return {
        "operation": "insert",
        "resource": [
            {
                "type": "data",
                "module": {"api_name": "Leads"},
                "file_id": file_id,
                "field_mappings": LEADS_MAPPINGS if mappings is None else mappings,
            }
        ],
    }


@pytest.fixture
def insert_body():
    """``insert_body(file_id, mappings=None)``: a Leads insert job for the uploaded ZIP."""
    return _insert_body
