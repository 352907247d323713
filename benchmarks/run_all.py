"""Every benchmark in one run, each against its named baseline; prints each one's ratios.

    pip install -e '.[bench]' && python benchmarks/run_all.py [--quick]

``--quick`` runs each benchmark once on smaller inputs (a smoke test, not a measurement).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

# script, its arguments for a measurement, and for a quick smoke run
BENCHMARKS = (
    ("bench_check.py", ["--runs", "7"], ["--sets", "1,10", "--runs", "1"]),
    ("bench_compile.py", ["--repeat", "5"], ["--rows", "2000", "--repeat", "1"]),
    ("bench_profile.py", ["--repeat", "5"], ["--rows", "20000", "--repeat", "1"]),
    ("bench_preflight.py", ["--runs", "5"], ["--rows", "20000", "--runs", "1"]),
    ("bench_split.py", ["--runs", "3"], ["--rows", "20000", "--runs", "1"]),
    ("bench_fix.py", ["--runs", "3"], ["--rows", "20000", "--runs", "1"]),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    failed = []
    for script, full, smoke in BENCHMARKS:
        print(f"\n=== {script}", flush=True)
        args = smoke if quick else full
        if subprocess.run([sys.executable, str(HERE / script), *args]).returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
