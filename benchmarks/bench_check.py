"""`mapper check` against `check-jsonschema` on 1, 40 and 700 job specs.

Each tool runs as one process over all files of a set, as pre-commit would call it; runs
alternate so both see the same machine state. Prints each tool's best and median per set
and mapper's median as a ratio of check-jsonschema's (goal: <= 0.8 on every set, although
mapper runs its rules on top of the schema), plus mapper's one-spec median against the
120 ms goal and a bare ``python -c pass`` for scale.

The specs are generated from a fixed seed. Both tools run with bytecode caching allowed
(``PYTHONDONTWRITEBYTECODE`` removed from their environment), as in a user's install.

    python benchmarks/bench_check.py [--sets 1,40,700] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).parents[1]
SCHEMA = REPO / "schemas" / "bulk-write-job.schema.json"
RATIO_GOAL = 0.8
ONE_SPEC_GOAL_MS = 120
MODULE_FIELDS = {
    "Leads": ["Last_Name", "Company", "Email", "Phone", "Mobile", "Lead_Source", "City"],
    "Contacts": ["Last_Name", "First_Name", "Email", "Phone", "Mailing_City", "Title"],
    "Deals": ["Deal_Name", "Stage", "Amount", "Closing_Date", "Account_Name"],
    "Accounts": ["Account_Name", "Phone", "Website", "Industry", "Billing_City"],
}
DATE_FIELDS = {"Closing_Date": "dd/MM/yyyy"}


def make_spec(rng: random.Random) -> dict:
    module = rng.choice(sorted(MODULE_FIELDS))
    operation = rng.choice(["insert", "update", "upsert"])
    fields = MODULE_FIELDS[module][: rng.randint(3, len(MODULE_FIELDS[module]))]
    mappings: list[dict] = [{"api_name": name, "index": i} for i, name in enumerate(fields)]
    for mapping in mappings:
        if mapping["api_name"] in DATE_FIELDS:
            mapping["format"] = DATE_FIELDS[mapping["api_name"]]
    resource: dict = {
        "type": "data",
        "module": {"api_name": module},
        "file_id": str(rng.randrange(10**17, 10**18)),
        "field_mappings": mappings,
    }
    if operation != "insert":
        resource["find_by"] = "id"
        mappings.append({"api_name": "id", "index": len(mappings)})
    return {
        "operation": operation,
        "ignore_empty": rng.random() < 0.5,
        "callback": {"url": "https://hooks.example.com/zoho/bulk-write", "method": "post"},
        "resource": [resource],
    }


def write_specs(folder: Path, count: int) -> list[str]:
    """``count`` specs from the fixed seed: a larger set starts with the smaller ones."""
    rng = random.Random(20261129)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"job-{i:03d}.bulk-write.json"
        path.write_text(json.dumps(make_spec(rng), indent=2), encoding="utf-8")
        paths.append(str(path))
    return paths


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def commands(files: list[str]) -> dict[str, list[str]]:
    mapper = shutil.which("mapper")
    mapper_cmd = [mapper] if mapper else [sys.executable, "-m", "mapper"]
    checker = shutil.which("check-jsonschema")
    if checker is None:
        raise SystemExit("check-jsonschema is not installed (pip install '.[bench]')")
    return {
        "mapper check": [*mapper_cmd, "check", "-q", *files],
        "check-jsonschema": [checker, "--schemafile", str(SCHEMA), *files],
    }


def measure(tools: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, list]:
    for command in tools.values():  # warm-up: bytecode and file caches
        timed(command, env)
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(runs):
        for name, command in tools.items():
            times[name].append(timed(command, env))
    return times


def report(count: int, times: dict[str, list[float]]) -> float:
    for name, values in times.items():
        print(
            f"  {name:<17} best {min(values) * 1000:7.1f} ms  "
            f"median {statistics.median(values) * 1000:7.1f} ms  "
            f"worst {max(values) * 1000:7.1f} ms"
        )
    ours, theirs = times["mapper check"], times["check-jsonschema"]
    ratio = statistics.median(ours) / statistics.median(theirs)
    best = min(ours) / min(theirs)
    verdict = "ok" if ratio <= RATIO_GOAL else "MISSED"
    print(
        f"  ratio mapper/check-jsonschema on {count} specs: median {ratio:.2f}x, "
        f"best {best:.2f}x (goal <= {RATIO_GOAL:.2f}x) {verdict}"
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="1,40,700", help="spec counts, comma-separated")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    counts = [int(c) for c in args.sets.split(",")]
    env = environment()
    bare = [timed([sys.executable, "-c", "pass"], env) for _ in range(args.runs)]
    print(f"bare python start: median {statistics.median(bare) * 1000:.1f} ms")
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        files = write_specs(Path(tmp), max(counts))
        for count in counts:
            print(f"{count} specs, {args.runs} alternating runs per tool:")
            times = measure(commands(files[:count]), args.runs, env)
            if report(count, times) > RATIO_GOAL:
                missed.append(f"{count} specs")
            if count == 1:
                one = statistics.median(times["mapper check"]) * 1000
                verdict = "ok" if one < ONE_SPEC_GOAL_MS else "MISSED"
                print(f"  one spec: {one:.0f} ms (goal < {ONE_SPEC_GOAL_MS} ms) {verdict}")
                if one >= ONE_SPEC_GOAL_MS:
                    missed.append("one spec")
    print("all goals met" if not missed else f"missed: {', '.join(missed)}")


if __name__ == "__main__":
    main()
