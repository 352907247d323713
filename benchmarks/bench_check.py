"""`mapper check` against `check-jsonschema` on the same ~40 job specs.

Each tool runs as one process over all files, as pre-commit would call it; runs alternate
so both see the same machine state. Prints per-tool medians and mapper's time as a ratio of
check-jsonschema's (goal: <= 0.8 although mapper runs its rules on top of the schema).

    python benchmarks/bench_check.py [--specs 40] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
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
    rng = random.Random(20261129)
    paths = []
    for i in range(count):
        path = folder / f"job-{i:02d}.bulk-write.json"
        path.write_text(json.dumps(make_spec(rng), indent=2), encoding="utf-8")
        paths.append(str(path))
    return paths


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def commands(files: list[str]) -> dict[str, list[str]]:
    mapper = shutil.which("mapper") or sys.executable
    mapper_cmd = [mapper] if mapper != sys.executable else [mapper, "-m", "mapper"]
    checker = shutil.which("check-jsonschema")
    if checker is None:
        raise SystemExit("check-jsonschema is not installed (pip install '.[bench]')")
    return {
        "mapper check": [*mapper_cmd, "check", "-q", *files],
        "check-jsonschema": [checker, "--schemafile", str(SCHEMA), *files],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = write_specs(Path(tmp), args.specs)
        tools = commands(files)
        for command in tools.values():  # warm-up: bytecode and file caches
            timed(command)
        times: dict[str, list[float]] = {name: [] for name in tools}
        for _ in range(args.runs):
            for name, command in tools.items():
                times[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(
            f"{name:<18} median {median * 1000:7.1f} ms over {args.runs} runs, {len(files)} specs"
        )
    ratio = medians["mapper check"] / medians["check-jsonschema"]
    print(f"ratio mapper/check-jsonschema: {ratio:.2f}x (goal <= 0.80x)")


if __name__ == "__main__":
    main()
