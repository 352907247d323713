"""Compile time for a 25,000-row file (Zoho's per-file limit) against pandas' read_csv.

Goal: compiling (profile + match + plan + check) costs at most 3x a plain ``read_csv`` of the
same file. Run from the repository root::

    python benchmarks/bench_compile.py [--rows 25000] [--repeat 3]

The CSV is generated once (seeded) under benchmarks/out/, which git ignores. Each timing is
the best of ``--repeat`` runs, so a busy machine skews both sides alike.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from crm_data import cached_csv

SEED = 20261129

HEADER = [
    "First Name", "Last Name", "E-mail", "Account", "Mobile Phone", "Date of Birth",
    "Mailing City", "Mailing Zip", "Lead Source", "Description",
]  # fmt: skip
FIRST = ["Amelia", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Petrov", "Yilmaz", "Haddad", "Novak", "Sato", "Berg"]
ACCOUNTS = ["Alder & Finch", "Blue Harbor Logistics", "Corvid Security", "Kestrel Analytics"]
CITIES = ["Zürich", "Köln", "München", "Berlin", "Wien", "Graz", "Basel"]
SOURCES = ["Advertisement", "Cold Call", "Partner", "Trade Show", "Web Download"]


def contacts_csv(rows: int, seed: int = SEED) -> Path:
    """A seeded contacts export with ``rows`` rows, generated when absent."""
    rng = random.Random(seed)
    lines = (_row(rng, index) for index in range(rows))
    return cached_csv(f"contacts_{rows}_{seed}.csv", HEADER, lines, delimiter=";")


def _row(rng: random.Random, index: int) -> list[str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(20000))
    return [
        first,
        last,
        f"{first.lower()}.{last.lower()}.{index}@example.org",
        rng.choice(ACCOUNTS),
        f"+49 151 {rng.randrange(10**7):07d}",
        born.strftime("%d.%m.%Y"),
        rng.choice(CITIES),
        f"{rng.randrange(10**5):05d}",
        rng.choice(SOURCES),
        "" if rng.random() < 0.7 else f"Met at booth {rng.randint(1, 400)}; follow up.",
    ]


def best_of(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import pandas as pd

    from mapper.catalog import load_catalog
    from mapper.compile import CompileOptions, compile_spec
    from mapper.profile import profile

    path = contacts_csv(args.rows)
    catalog = load_catalog()
    options = CompileOptions(
        module="Contacts", file_id="4150868000005364002", operation="upsert", find_by="Email"
    )
    first = compile_spec(path, options, catalog)
    if not first.ok:
        raise SystemExit(f"the benchmark file does not compile: {first.diagnostics}")
    pandas_seconds = best_of(args.repeat, lambda: pd.read_csv(path, sep=";"))
    compile_seconds = best_of(args.repeat, lambda: compile_spec(path, options, catalog))
    # where the time goes: the profile is most of a compile
    profile_seconds = best_of(args.repeat, lambda: profile(path))
    size_mb = path.stat().st_size / 1e6
    print(f"file:             {path.name} ({args.rows} rows, {size_mb:.1f} MB)")
    print(f"pandas read_csv:  {pandas_seconds * 1000:8.1f} ms (best of {args.repeat})")
    print(f"mapper compile:   {compile_seconds * 1000:8.1f} ms (best of {args.repeat})")
    print(f"  of it profile:  {profile_seconds * 1000:8.1f} ms (profile() alone)")
    print(f"ratio:            {compile_seconds / pandas_seconds:8.2f}x (goal <= 3x)")


if __name__ == "__main__":
    main()
