"""`mapper fix` on 1,000,000 rows of a messy US leads export, against pandas reading the
file as strings and writing it again (the least a rewrite with pandas costs).

Whole processes, alternating mapper and pandas, so both meet the same machine load; each
run's peak resident memory is its own (ru_maxrss of the child). Goals (issue 10): fix <= 2x
pandas' time, peak < 300 MB. Prints best, median and worst of each.

    python benchmarks/bench_fix.py [--rows 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from crm_data import messy_csv

TIME_GOAL = 2.0
MEMORY_GOAL_MB = 300
FIELDS = Path(__file__).parents[1] / "examples" / "fix" / "fields"


def run_fix(path: Path, out: Path) -> dict:
    from mapper.catalog import load_catalog
    from mapper.compile.options import CompileOptions
    from mapper.fix import FixOptions, fix_file, plan_for_module

    start = time.perf_counter()
    catalog = load_catalog(FIELDS)
    fix = FixOptions()
    plan = plan_for_module(path, CompileOptions(module="Leads"), catalog, fix)
    report = fix_file(path, out, plan, fix)
    return {"seconds": time.perf_counter() - start, "rows": report.rows,
            "changed": report.changed, "left": report.unfixable_total}  # fmt: skip


def run_pandas(path: Path, out: Path) -> dict:
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.to_csv(out, index=False)
    return {"seconds": time.perf_counter() - start, "rows": len(frame)}


def child(kind: str, path: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.csv"
        measured = run_fix(path, out) if kind == "fix" else run_pandas(path, out)
    measured["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(measured))


def once(kind: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--path", str(path)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def spread(runs: list[dict]) -> str:
    times = sorted(r["seconds"] for r in runs)
    median = statistics.median(times)
    return f"best {times[0]:6.2f} s  median {median:6.2f} s  worst {times[-1]:6.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["fix", "pandas"])
    parser.add_argument("--path", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path)
        return
    path = messy_csv(args.rows)
    print(f"file: {path.name}, {args.rows:,} rows, {path.stat().st_size / 2**20:.0f} MB; "
          f"{args.runs} alternating runs each")  # fmt: skip
    ours, theirs = [], []
    for _ in range(args.runs):
        ours.append(once("fix", path))
        theirs.append(once("pandas", path))
    ratios = sorted(o["seconds"] / t["seconds"] for o, t in zip(ours, theirs, strict=True))
    peak = max(r["peak_mb"] for r in ours)
    pandas_peak = max(r["peak_mb"] for r in theirs)
    print(f"pandas read_csv + to_csv : {spread(theirs)}  peak {pandas_peak:4.0f} MB")
    print(f"mapper fix               : {spread(ours)}  peak {peak:4.0f} MB "
          f"({ours[0]['changed']:,} values changed, {ours[0]['left']} left)")  # fmt: skip
    median = statistics.median(ratios)
    print(f"time ratio (run pairs)   : {ratios[0]:.2f}x-{ratios[-1]:.2f}x, median {median:.2f}x "
          f"(goal <= {TIME_GOAL:.0f}x) {'ok' if median <= TIME_GOAL else 'MISSED'}")  # fmt: skip
    print(f"memory                   : {peak:.0f} MB (goal < {MEMORY_GOAL_MB} MB) "
          f"{'ok' if peak < MEMORY_GOAL_MB else 'MISSED'}")  # fmt: skip


if __name__ == "__main__":
    main()
