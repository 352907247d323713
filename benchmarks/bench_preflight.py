"""Pre-flight speed and memory on 1,000,000 CRM-like rows, against a plain pandas read_csv.

Each measurement runs in a fresh child process (so peak memory is that run's own maximum
resident set, imports included); the best of ``--repeat`` runs is kept for time, the
highest for memory. Goals (issue 6): pre-flight <= 4x pandas' time, peak < 300 MB.

    python benchmarks/bench_preflight.py [--rows 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from crm_data import crm_csv

TIME_GOAL = 4.0
MEMORY_GOAL_MB = 300

# an upsert of Leads by Email touching every check family: unique and mandatory fields,
# numbers, booleans, picklist, email / phone / url shapes, three date formats, long text
SPEC = {
    "operation": "upsert",
    "resource": [{
        "type": "data", "module": {"api_name": "Leads"}, "file_id": "1", "find_by": "Email",
        "field_mappings": [
            {"api_name": "First_Name", "index": 1}, {"api_name": "Last_Name", "index": 2},
            {"api_name": "Email", "index": 3}, {"api_name": "Phone", "index": 4},
            {"api_name": "Lead_Status", "index": 5}, {"api_name": "Annual_Revenue", "index": 6},
            {"api_name": "No_of_Employees", "index": 7}, {"api_name": "Email_Opt_Out", "index": 8},
            {"api_name": "Website", "index": 9},
            {"api_name": "Created_On__c", "index": 10, "format": "dd.MM.yyyy"},
            {"api_name": "Close_On__c", "index": 11, "format": "dd/MM/yyyy"},
            {"api_name": "Modified_On__c", "index": 12, "format": "yyyy-MM-dd'T'HH:mm:ssXXX"},
            {"api_name": "Description", "index": 13},
        ],
    }],
}  # fmt: skip


def run_preflight(path: Path) -> dict:
    from mapper.catalog import builtin_catalog
    from mapper.preflight import preflight

    start = time.perf_counter()
    result = preflight(SPEC, path, catalog=builtin_catalog())
    return {"seconds": time.perf_counter() - start, "rows": result.rows,
            "outcomes": result.outcomes, "findings": len(result.diagnostics)}  # fmt: skip


def run_pandas(path: Path) -> dict:
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_csv(path)
    return {"seconds": time.perf_counter() - start, "rows": len(frame)}


def child(kind: str, path: Path) -> None:
    measured = run_preflight(path) if kind == "preflight" else run_pandas(path)
    # ru_maxrss is in KiB on Linux
    measured["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(measured))


def measure(kind: str, path: Path, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--path", str(path)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        runs.append(json.loads(done.stdout))
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "peak_mb": max(r["peak_mb"] for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["preflight", "pandas"])
    parser.add_argument("--path", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path)
        return
    path = crm_csv(args.rows)
    size_mb = path.stat().st_size / 2**20
    print(f"file: {path.name}, {args.rows:,} rows, {size_mb:.0f} MB; best of {args.repeat}")
    ours, theirs = measure("preflight", path, args.repeat), measure("pandas", path, args.repeat)
    ratio = ours["seconds"] / theirs["seconds"]
    print(f"pandas read_csv : {theirs['seconds']:6.2f} s   peak {theirs['peak_mb']:5.0f} MB")
    print(f"preflight       : {ours['seconds']:6.2f} s   peak {ours['peak_mb']:5.0f} MB"
          f"   ({ours['findings']} findings, {ours['outcomes']})")  # fmt: skip
    print(f"time ratio      : {ratio:.2f}x (goal <= {TIME_GOAL:.0f}x) "
          f"{'ok' if ratio <= TIME_GOAL else 'MISSED'}")  # fmt: skip
    print(f"memory          : {ours['peak_mb']:.0f} MB (goal < {MEMORY_GOAL_MB} MB) "
          f"{'ok' if ours['peak_mb'] < MEMORY_GOAL_MB else 'MISSED'}; "
          f"{ours['peak_mb'] / theirs['peak_mb']:.2f}x pandas' peak")  # fmt: skip


if __name__ == "__main__":
    main()
