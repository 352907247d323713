"""`mapper check SPEC --csv CSV` (the pre-flight) on 1,000,000 CRM-like rows, against pandas
`read_csv` of the same file.

Both sides are whole processes timed from outside, start to exit: `python -m mapper check`
with its imports (pyarrow, numpy) and `python -c "import pandas; pandas.read_csv(...)"` with
pandas' import; neither is timed from inside. The two alternate, each pair in the other order
than the last, so both meet the same machine load. Each run's peak resident memory and CPU
time are its own child's (``os.wait4``). Prints best, median and worst of each, the time
ratio of each pair (its spread and median) and the median ratio against the goal, which is
the verdict. Goals (issue 12): pre-flight <= 2.5x pandas' time, peak < 300 MB.

    python benchmarks/bench_preflight.py [--rows 1000000] [--runs 5]
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

from crm_data import OUT_DIR, crm_csv

TIME_GOAL = 2.5
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

PANDAS = "import sys, pandas; print(len(pandas.read_csv(sys.argv[1])))"


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock, process start to exit
    cpu: float  # user + system seconds of the child
    peak_mb: float  # the child's maximum resident set
    stdout: str


def once(command: list[str]) -> Run:
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stdout = child.stdout.read() if child.stdout is not None else b""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):  # mapper check: 1 means findings at error severity
        raise SystemExit(f"{command[:4]} failed with exit code {child.returncode}")
    # ru_maxrss is in KiB on Linux
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout.decode())


def spread(runs: list[Run]) -> str:
    times = sorted(r.seconds for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    peak = max(r.peak_mb for r in runs)
    return (
        f"best {times[0]:5.2f} s  median {statistics.median(times):5.2f} s  "
        f"worst {times[-1]:5.2f} s  (CPU median {cpu:5.2f} s)  peak {peak:4.0f} MB"
    )


def verdicts(run: Run) -> str:
    """The findings of a mapper run, counted by code, and its prediction."""
    report = json.loads(run.stdout)
    summary = next(d["message"] for d in report["diagnostics"] if d["code"] == "BW600")
    return f"{report['summary']['by_code']}; {summary}"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = crm_csv(args.rows)
    spec = OUT_DIR / "preflight_spec.json"
    spec.write_text(json.dumps(SPEC), encoding="utf-8")
    ours = [sys.executable, "-m", "mapper", "check", str(spec), "--csv", str(path)]
    ours += ["--format", "json"]
    theirs = [sys.executable, "-c", PANDAS, str(path)]
    print(f"file: {path.name}, {args.rows:,} rows, {path.stat().st_size / 2**20:.0f} MB; "
          f"{args.runs} alternating pairs of whole processes; load {load()}")  # fmt: skip
    mapper_runs: list[Run] = []
    pandas_runs: list[Run] = []
    for pair in range(args.runs):
        if pair % 2 == 0:
            mapper_runs.append(once(ours))
            pandas_runs.append(once(theirs))
        else:
            pandas_runs.append(once(theirs))
            mapper_runs.append(once(ours))
    if len({r.stdout for r in mapper_runs}) != 1:
        raise SystemExit("mapper check reported different findings from run to run")
    pairs = [m.seconds / p.seconds for m, p in zip(mapper_runs, pandas_runs, strict=True)]
    ratios = sorted(pairs)
    median = statistics.median(ratios)
    peak = max(r.peak_mb for r in mapper_runs)
    print(f"pandas read_csv   : {spread(pandas_runs)}")
    print(f"mapper check --csv: {spread(mapper_runs)}")
    print(f"  findings        : {verdicts(mapper_runs[0])}")
    best = min(r.seconds for r in mapper_runs) / min(r.seconds for r in pandas_runs)
    print(f"time ratio        : pairs {ratios[0]:.2f}x-{ratios[-1]:.2f}x, median {median:.2f}x, "
          f"best/best {best:.2f}x (goal <= {TIME_GOAL}x, on the median) "
          f"{'ok' if median <= TIME_GOAL else 'MISSED'}")  # fmt: skip
    print(f"memory            : {peak:.0f} MB (goal < {MEMORY_GOAL_MB} MB) "
          f"{'ok' if peak < MEMORY_GOAL_MB else 'MISSED'}; "
          f"{peak / max(r.peak_mb for r in pandas_runs):.2f}x pandas' peak")  # fmt: skip
    print(f"load after        : {load()}")


if __name__ == "__main__":
    main()
