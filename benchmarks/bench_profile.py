"""Benchmark: `mapper profile` against DuckDB and pandas on a 1,000,000-row CRM-like CSV.

Each tool runs in its own child process so that its peak memory can be read from the
kernel's accounting of that child (``os.wait4``). Wall and CPU times (``process_time``: all
threads, user + system) are measured inside the child around the tool call (imports
excluded, as in profiling-anchors.md: `mapper.profile` imports pyarrow lazily, so the child
imports it before the clock starts, as the DuckDB and pandas children import theirs;
``--with-imports`` times mapper with its lazy imports instead). The machine is shared, so
each tool runs ``--repeat`` times; the best and the median are shown, the best is compared.

    python benchmarks/bench_profile.py [--rows N] [--repeat N]

Goals (issue 4): mapper within 1.5x DuckDB's full-file sniff; peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from crm_data import crm_csv

TIME_GOAL = 1.5
MEMORY_GOAL_MB = 300

MAPPER_IMPORTS = "import numpy, pyarrow, pyarrow.compute, pyarrow.csv\n"  # profile()'s lazy ones
MAPPER = (
    MAPPER_IMPORTS
    + """
from mapper.profile import profile
started, cpu_started = time.perf_counter(), time.process_time()
result = profile(PATH)
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
summary = {c.header: c.format or c.kind + ("?" if c.ambiguous else "") for c in result.columns}
"""
)

DUCKDB_SNIFF = """
import duckdb
started, cpu_started = time.perf_counter(), time.process_time()
rows = duckdb.connect().execute(
    "DESCRIBE SELECT * FROM read_csv(?, sample_size=-1)", [PATH]).fetchall()
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
summary = {name: kind for name, kind, *_ in rows}
"""

DUCKDB_READ = """
import duckdb
started, cpu_started = time.perf_counter(), time.process_time()
count = duckdb.connect().execute(
    "SELECT count(*) FROM read_csv(?, sample_size=-1)", [PATH]).fetchone()[0]
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
summary = {"rows": count}
"""

PANDAS = """
import warnings
warnings.simplefilter("ignore")  # pandas warns about day-first guesses; the recipe retries
import pandas as pd
from pandas.tseries.api import guess_datetime_format
started, cpu_started = time.perf_counter(), time.process_time()
frame = pd.read_csv(PATH)
summary = {}
for name in frame.columns:
    column = frame[name].dropna()
    if not pd.api.types.is_string_dtype(column) or column.empty:
        summary[name] = str(column.dtype)
        continue
    found = None
    for dayfirst in (False, True):
        guess = guess_datetime_format(str(column.iloc[0]), dayfirst=dayfirst)
        if guess is None:
            break
        try:
            pd.to_datetime(column, format=guess, utc="%z" in guess)
        except (ValueError, TypeError):
            continue
        found = guess
        break
    summary[name] = found or "object"
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
"""

CHILD = """
import json, sys, time
PATH = sys.argv[1]
{body}
print(json.dumps({{"seconds": elapsed, "cpu": cpu, "summary": summary}}, default=str))
"""


@dataclass(frozen=True)
class Run:
    tool: str
    seconds: float
    cpu_seconds: float
    peak_mb: float
    summary: dict[str, object]


def run_child(tool: str, body: str, path: Path) -> Run:
    """Run ``body`` in a fresh interpreter; its peak RSS comes from ``wait4`` on it."""
    code = CHILD.format(body=body)
    with subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    ) as child:
        output = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{tool} failed with exit code {child.returncode}")
    report = json.loads(output.strip().splitlines()[-1])
    return Run(tool, report["seconds"], report["cpu"], usage.ru_maxrss / 1024, report["summary"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the best counts")
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument(
        "--with-imports", action="store_true", help="count mapper's lazy pyarrow imports"
    )
    args = parser.parse_args()
    path = crm_csv(args.rows)
    size_mb = path.stat().st_size / 2**20
    print(f"file: {path} ({args.rows:,} rows, {size_mb:.0f} MiB)")
    mapper = MAPPER.replace(MAPPER_IMPORTS, "") if args.with_imports else MAPPER
    tools = [("mapper profile", mapper), ("duckdb sniff (sample_size=-1)", DUCKDB_SNIFF),
             ("duckdb sniff+read count(*)", DUCKDB_READ)]  # fmt: skip
    if not args.skip_pandas:
        tools.append(("pandas read_csv + guess_datetime_format", PANDAS))
    runs = [fastest_run(args.repeat, tool, body, path) for tool, body in tools]
    print(f"load average after the runs: {os.getloadavg()[0]:.2f} (2 cores shared)")
    report(runs)


def fastest_run(repeat: int, tool: str, body: str, path: Path) -> Run:
    """The fastest of ``repeat`` runs (the machine is shared), with the highest peak seen."""
    runs = [run_child(tool, body, path) for _ in range(repeat)]
    fastest = min(runs, key=lambda run: run.seconds)
    times = ", ".join(f"{run.seconds:.2f}" for run in runs)
    wall = statistics.median(run.seconds for run in runs)
    cpu = statistics.median(run.cpu_seconds for run in runs)
    print(f"{tool}: {times} s (median {wall:.2f} s; CPU median {cpu:.2f} s)")
    peak = max(run.peak_mb for run in runs)
    return Run(tool, fastest.seconds, fastest.cpu_seconds, peak, fastest.summary)


def report(runs: list[Run]) -> None:
    mapper, duckdb_sniff = runs[0], runs[1]
    print(f"\n{'tool':42} {'seconds':>8} {'CPU s':>6} {'x mapper':>9} {'peak MB':>8}")
    for run in runs:
        ratio = run.seconds / mapper.seconds
        print(
            f"{run.tool:42} {run.seconds:8.2f} {run.cpu_seconds:6.2f} {ratio:9.2f} "
            f"{run.peak_mb:8.0f}"
        )
    ratio = mapper.seconds / duckdb_sniff.seconds
    print(
        f"\nmapper / duckdb sniff: {ratio:.2f}x (goal <= {TIME_GOAL}x: "
        f"{'met' if ratio <= TIME_GOAL else 'MISSED'}); mapper peak {mapper.peak_mb:.0f} MB "
        f"(goal < {MEMORY_GOAL_MB} MB: {'met' if mapper.peak_mb < MEMORY_GOAL_MB else 'MISSED'})"
    )
    for run in runs:
        print(f"\n{run.tool}:")
        for name, verdict in run.summary.items():
            print(f"  {name:14} {verdict}")


if __name__ == "__main__":
    main()
