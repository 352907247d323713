"""Benchmark: `mapper profile` against DuckDB and pandas on CRM-like CSVs of 1M and 5M rows.

Each tool runs in its own child process so that its peak memory can be read from the
kernel's accounting of that child (``os.wait4``); the runs alternate between the tools, so
a burst of load on the shared machine hits them alike. Two times are taken: the whole
process (interpreter start, imports, the work, exit: what a user waits for) and the tool
call alone, inside the child (imports excluded, as in profiling-anchors.md; `mapper.profile`
imports pyarrow lazily, so the child imports it before the clock starts). CPU times are
``process_time`` (all threads, user + system). Each tool runs ``--repeat`` times; the best,
the median and the spread are shown, the best whole-process times are compared.

    python benchmarks/bench_profile.py [--rows N ...] [--repeat N]

Goals: mapper at most 0.6x DuckDB's whole-file sniff plus full conversion (`create table t
as select * from read_csv(path, sample_size=-1)`, issue 13) at 1M and 5M rows, and within
1.5x DuckDB's sniff alone (issue 4); peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from crm_data import crm_csv

SNIFF_GOAL = 1.5  # x DuckDB's sniff alone (issue 4)
CONVERSION_GOAL = 0.6  # x DuckDB's sniff and full conversion (issue 13)
MEMORY_GOAL_MB = 300
PANDAS_MAX_ROWS = 1_000_000  # pandas holds the whole frame: several GB at 5M rows

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

DUCKDB_CONVERT = """
import duckdb
started, cpu_started = time.perf_counter(), time.process_time()
connection = duckdb.connect()
connection.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, sample_size=-1)", [PATH])
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
rows = connection.execute("DESCRIBE t").fetchall()
summary = {name: kind for name, kind, *_ in rows}
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

MAPPER_TOOL = "mapper profile"
SNIFF_TOOL = "duckdb sniff (sample_size=-1)"
CONVERT_TOOL = "duckdb sniff + CREATE TABLE AS"
PANDAS_TOOL = "pandas read_csv + guess_datetime_format"


@dataclass(frozen=True)
class Run:
    whole: float  # the child process, start to exit
    seconds: float  # the tool call alone
    cpu_seconds: float
    peak_mb: float
    summary: dict[str, object]


@dataclass(frozen=True)
class Runs:
    tool: str
    runs: tuple[Run, ...]

    @property
    def best(self) -> Run:
        return min(self.runs, key=lambda run: run.whole)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    def line(self) -> str:
        wholes = sorted(run.whole for run in self.runs)
        calls = [run.seconds for run in self.runs]
        return (
            f"{self.tool:40} {wholes[0]:6.2f} {statistics.median(wholes):6.2f} "
            f"{wholes[-1]:6.2f} {min(calls):6.2f} "
            f"{statistics.median(run.cpu_seconds for run in self.runs):6.2f} {self.peak_mb:6.0f}"
        )


def run_child(tool: str, body: str, path: Path) -> Run:
    """Run ``body`` in a fresh interpreter; its peak RSS comes from ``wait4`` on it."""
    code = CHILD.format(body=body)
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    ) as child:
        output = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    whole = time.perf_counter() - started
    if child.returncode:
        raise SystemExit(f"{tool} failed with exit code {child.returncode}")
    report = json.loads(output.strip().splitlines()[-1])
    return Run(whole, report["seconds"], report["cpu"], usage.ru_maxrss / 1024, report["summary"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the best counts")
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument(
        "--with-imports", action="store_true", help="count mapper's lazy pyarrow imports"
    )
    args = parser.parse_args()
    mapper = MAPPER.replace(MAPPER_IMPORTS, "") if args.with_imports else MAPPER
    verdicts = []
    for rows in args.rows:
        tools = {MAPPER_TOOL: mapper, SNIFF_TOOL: DUCKDB_SNIFF, CONVERT_TOOL: DUCKDB_CONVERT}
        if not args.skip_pandas and rows <= PANDAS_MAX_ROWS:
            tools[PANDAS_TOOL] = PANDAS
        verdicts += measure(rows, tools, args.repeat)
    print("\n" + "\n".join(verdicts))


def measure(rows: int, tools: dict[str, str], repeat: int) -> list[str]:
    """Each tool ``repeat`` times on a file of ``rows`` rows, alternating; the verdicts."""
    path = crm_csv(rows)
    print(f"\nfile: {path} ({rows:,} rows, {path.stat().st_size / 2**20:.0f} MiB)")
    runs: dict[str, list[Run]] = {tool: [] for tool in tools}
    for _ in range(repeat):
        for tool, body in tools.items():
            runs[tool].append(run_child(tool, body, path))
    results = {tool: Runs(tool, tuple(done)) for tool, done in runs.items()}
    print(f"load average after the runs: {os.getloadavg()[0]:.2f} (2 cores shared)")
    print(f"{'whole process, s:':40} {'best':>6} {'median':>6} {'worst':>6} {'call':>6} "
          f"{'CPU':>6} {'MB':>6}")  # fmt: skip
    for result in results.values():
        print(result.line())
    for result in results.values():
        print(f"{result.tool}: " + ", ".join(f"{s}={v}" for s, v in result.best.summary.items()))
    return verdicts(rows, results)


def verdicts(rows: int, results: dict[str, Runs]) -> list[str]:
    mapper = results[MAPPER_TOOL]
    lines = []
    for tool, goal in ((CONVERT_TOOL, CONVERSION_GOAL), (SNIFF_TOOL, SNIFF_GOAL)):
        best = mapper.best.whole / results[tool].best.whole
        median = statistics.median(r.whole for r in mapper.runs) / statistics.median(
            r.whole for r in results[tool].runs
        )
        lines.append(
            f"{rows:>9,} rows: mapper / {tool}: {best:.2f}x best, {median:.2f}x median "
            f"(goal <= {goal}x: {'met' if best <= goal else 'MISSED'})"
        )
    memory = "met" if mapper.peak_mb < MEMORY_GOAL_MB else "MISSED"
    lines.append(
        f"{rows:>9,} rows: mapper peak {mapper.peak_mb:.0f} MB (goal < {MEMORY_GOAL_MB} MB: "
        f"{memory})"
    )
    return lines


if __name__ == "__main__":
    main()
