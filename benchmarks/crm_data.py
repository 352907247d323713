"""Seeded CSVs for the benchmarks, each written once and cached under out/ (git ignores it).

``crm_csv``, for profiling: its columns cover every kind the profiler infers; the close date
is written day-first with every day <= 12 until the last 5 % of rows, so its order is only
settled late in the file.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

OUT_DIR = Path(__file__).parent / "out"

FIRST = ["Anna", "Björn", "Chloé", "Diego", "Emma", "François", "Grace", "Hiro", "Ines", "José"]
LAST = ["Müller", "Smith", "O'Brien", "García", "Nguyen", "Kowalski", "Rossi", "Dubois", "Sato"]
STAGES = ["Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won"]
DOMAINS = ["example.com", "mail.example.org", "corp.example.net"]
HEADER = [
    "Record Id", "First Name", "Last Name", "Email", "Phone", "Stage", "Amount",
    "Employees", "Active", "Website", "Created", "Close Date", "Modified", "Description",
]  # fmt: skip


def cached_csv(
    name: str, header: list[str], rows: Iterable[list[str]], delimiter: str = ","
) -> Path:
    """``OUT_DIR / name``, written from ``header`` and ``rows`` only when absent (a lazy
    ``rows`` costs nothing then). Written to a temporary name first, so an interrupted run
    never leaves a truncated file behind to be reused."""
    path = OUT_DIR / name
    if not path.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        with partial.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(header)
            writer.writerows(rows)
        partial.replace(path)
    return path


def crm_csv(rows: int = 1_000_000, seed: int = 20261129) -> Path:
    """The path of the profiling CSV with ``rows`` rows, generating it when absent."""
    rng = random.Random(seed)
    lines = (_row(rng, index, rows) for index in range(rows))
    return cached_csv(f"crm_{rows}_{seed}.csv", HEADER, lines)


def _row(rng: random.Random, index: int, rows: int) -> list[str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    site = last.lower().replace("'", "")
    created = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    late = index >= rows * 0.95
    close_day = rng.randint(13, 28) if late else rng.randint(1, 12)
    offset = timezone(timedelta(minutes=rng.choice([0, 60, 330, -300])))
    modified = datetime(2024, 1, 1, tzinfo=offset) + timedelta(seconds=rng.randrange(10**8))
    return [
        str(rng.randrange(10**18, 10**19)),
        first,
        last,
        f"{first.lower()}.{index}@{rng.choice(DOMAINS)}",
        f"+1 ({rng.randint(200, 999)}) {rng.randint(200, 999)}-{rng.randint(0, 9999):04d}",
        rng.choice(STAGES),
        f"{rng.randint(0, 250000)}.{rng.randint(0, 99):02d}",
        str(rng.randint(1, 5000)),
        rng.choice(["true", "false"]),
        f"https://www.{site}-{index % 997}.example.com/",
        created.strftime("%d.%m.%Y"),
        f"{close_day:02d}/{rng.randint(1, 12):02d}/{rng.randint(2024, 2027)}",
        modified.isoformat(timespec="seconds"),
        _description(rng),
    ]


def _description(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return ""
    if roll < 0.35:
        return 'Called twice, "urgent"\nsecond line, with a comma'
    return rng.choice(["Met at fair", "Referred by partner, warm lead", "Inbound web form"])


# `messy_csv`: a US leads export as `mapper fix` meets it (examples/fix/fields/Leads.json)
MESSY_HEADER = [
    "Last Name", "First Name", "Company", "Email", "Annual Revenue", "Last Contacted",
    "Newsletter", "Interests", "Lead Source", "Notes",
]  # fmt: skip
INTERESTS = ["Email", "Phone", "Webinars", "Events"]
SOURCES = ["Web Download", " Trade Show", "Partner ", "-None-"]


def messy_csv(rows: int = 1_000_000, seed: int = 20261206) -> Path:
    """Money with '$' and ',' groups, 12-hour unpadded date-times, Yes/no, multi-selects
    joined by ', ' or '|', padded picklist values, and a free-text column left unmapped."""
    rng = random.Random(seed)
    lines = (_messy_row(rng, index) for index in range(rows))
    return cached_csv(f"messy_{rows}_{seed}.csv", MESSY_HEADER, lines)


def _messy_row(rng: random.Random, index: int) -> list[str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    when = datetime(2020, 1, 1) + timedelta(minutes=rng.randrange(3_000_000))
    hour = (when.hour % 12) or 12
    picked = rng.sample(INTERESTS, rng.randint(0, 3))
    return [
        last,
        first,
        f"{last} {rng.choice(['GmbH', 'Inc.', 'Ltd', 'S.A.'])}",
        f"{first.lower()}.{index}@{rng.choice(DOMAINS)}",
        f"${rng.randint(0, 9_999_999):,}.{rng.randint(0, 99):02d}",
        f"{when.month}/{when.day}/{when.year} {hour}:{when.minute:02d} "
        + ("PM" if when.hour >= 12 else "AM"),
        rng.choice(["Yes", "no", "YES", "No", ""]),
        rng.choice([", ", "|"]).join(picked),
        rng.choice(SOURCES),
        _description(rng),
    ]


if __name__ == "__main__":
    print(crm_csv())
