"""A stand-in Zoho per test and the environment that points mapper (and its ledger) at it."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mapper.cli import main
from mapper.zohoapi.standin import StandinHandle, start_standin

# each row's fate at the stand-in: 2 and 5 fail (empty Last_Name; an address without @)
LEADS = (
    "First Name,Last Name,Company,E-mail\n"
    "Ada,Okafor,Corvid,ada@example.com\n"
    "Bo,,Corvid,bo@example.com\n"
    'Cy,Moreau,"Kestrel\nAnalytics",cy@example.com\n'
    "Di,Lind,Kestrel,di@example.com\n"
    "Ed,Khan,Delta,ed-at-example.com\n"
)
FAST = ["--poll-interval", "0.01"]


@pytest.fixture
def standin() -> Iterator[StandinHandle]:
    with start_standin() as handle:
        yield handle


@pytest.fixture
def zoho_env(standin: StandinHandle, tmp_path: Path) -> dict[str, str]:
    return {
        **standin.credentials,
        "MAPPER_STATE_DIR": str(tmp_path / "state"),
        "MAPPER_CREDENTIALS_FILE": str(tmp_path / "no-credentials.json"),
    }


@pytest.fixture
def leads(tmp_path: Path) -> Path:
    path = tmp_path / "leads.csv"
    path.write_text(LEADS, encoding="utf-8")
    return path


def run(env: dict[str, str], *args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def creates(standin: StandinHandle) -> int:
    """Create-job requests the stand-in received."""
    return sum(1 for method, path, _ in standin.requests() if method == "POST" and "/bulk/" in path)


def write_leads(path: Path, rows: int) -> Path:
    """``rows`` valid leads, every 1000th without a last name (Zoho skips it)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "Company", "Email"])
        for i in range(rows):
            last = "" if i % 1000 == 999 else f"Last{i}"
            writer.writerow([f"F{i}", last, f"Co{i % 97}", f"u{i}@example.com"])
    return path


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
