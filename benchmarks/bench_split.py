"""`mapper split` against coreutils `split -l` plus Info-ZIP `zip` on 1,000,000 CRM-like rows.

The baseline cuts the same file into parts of ``--max-rows`` lines (``split -l``, no header
repeated, records with quoted line breaks cut anywhere) and zips each part (``zip -q``, its
default level 6), in one shell process. mapper also repeats the header, keeps quoted
records whole and writes a spec per part. Whole processes, alternating, each into a fresh
folder; prints best, median and worst wall time of each, its median CPU time (user +
system: what the run costs when no core is free) and the ratio of wall medians (goal:
<= 1.0x), for mapper's default ``--zip-level`` 6 and for level 1.

    python benchmarks/bench_split.py [--rows 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from crm_data import crm_csv

RATIO_GOAL = 1.0
MAX_ROWS = 25_000
SPEC = {
    "operation": "insert",
    "resource": [{
        "type": "data", "module": {"api_name": "Contacts"}, "file_id": "1",
        "field_mappings": [
            {"api_name": "First_Name", "index": 1}, {"api_name": "Last_Name", "index": 2},
            {"api_name": "Email", "index": 3}, {"api_name": "Phone", "index": 4},
        ],
    }],
}  # fmt: skip


def commands(csv_path: Path, spec: Path, max_rows: int) -> dict[str, list[str]]:
    mapper = shutil.which("mapper")
    mapper_cmd = [mapper] if mapper else [sys.executable, "-m", "mapper"]
    split_cmd = [*mapper_cmd, "split", str(csv_path), "--spec", str(spec), "--out-dir", "."]
    baseline = (
        f"split -l {max_rows} -d -a 3 --additional-suffix=.csv '{csv_path}' part && "
        'for f in part*.csv; do zip -q "${f%.csv}.zip" "$f"; done'
    )
    return {
        "split -l + zip": ["sh", "-c", baseline],
        "mapper split": split_cmd,
        "mapper split --zip-level 1": [*split_cmd, "--zip-level", "1"],
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], scratch: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of every process it started) of one run."""
    folder = Path(tempfile.mkdtemp(dir=scratch))
    try:
        start, cpu = time.perf_counter(), _children_cpu()
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stderr}")
        return elapsed, _children_cpu() - cpu
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for tool in ("split", "zip"):
        if shutil.which(tool) is None:
            raise SystemExit(f"the baseline needs `{tool}` (apt-get install {tool})")
    csv_path = crm_csv(args.rows)
    size_mb = csv_path.stat().st_size / 2**20
    # results beside the input: the same file system, so no tmpfs flatters either side
    scratch = Path(tempfile.mkdtemp(prefix="split-", dir=csv_path.parent))
    try:
        spec = scratch / "spec.json"
        spec.write_text(json.dumps(SPEC), encoding="utf-8")
        tools = commands(csv_path, spec, MAX_ROWS)
        print(f"file: {csv_path.name}, {args.rows:,} rows, {size_mb:.0f} MB, parts of "
              f"{MAX_ROWS:,} rows, {len(os.sched_getaffinity(0))} cores; "
              f"{args.runs} alternating runs")  # fmt: skip
        times: dict[str, list[float]] = {name: [] for name in tools}
        cpu: dict[str, list[float]] = {name: [] for name in tools}
        for _ in range(args.runs):
            for name, command in tools.items():
                wall, used = timed(command, scratch)
                times[name].append(wall)
                cpu[name].append(used)
    finally:
        shutil.rmtree(scratch)
    for name, values in times.items():
        median, used = statistics.median(values), statistics.median(cpu[name])
        print(f"  {name:<27} best {min(values):6.2f} s  median {median:6.2f} s"
              f"  worst {max(values):6.2f} s  cpu {used:6.2f} s")  # fmt: skip
    baseline = statistics.median(times["split -l + zip"])
    for name in ("mapper split", "mapper split --zip-level 1"):
        ratio = statistics.median(times[name]) / baseline
        verdict = "ok" if ratio <= RATIO_GOAL else "MISSED"
        print(f"  ratio {name} / (split -l + zip): {ratio:.2f}x (goal <= {RATIO_GOAL:.1f}x)"
              f" {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
