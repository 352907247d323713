"""A seeded fuzz campaign: the property tests of tests/fuzz/ at many times CI's examples.

    python scripts/fuzz.py [--seed N] [--scale N]

Runs the readers' bytes properties (spec JSON, CSV), date inference, compile -> check and
the spec mutations, each ``--scale`` times as many examples as in CI, with hypothesis seeded
so a run can be repeated. Prints the cases run per property and their total; exits 1 on a
finding (keep each as a case in tests/fuzz/test_regressions.py). CI does not run it.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).parents[1]
PASSING = re.compile(r"(\d+) passing, (\d+) failing")
TEST = re.compile(r"^(tests/\S+::\S+):$", re.MULTILINE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--scale", type=int, default=10, help="times CI's examples")
    args = parser.parse_args()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/fuzz"]
    command += [f"--hypothesis-seed={args.seed}", "--hypothesis-show-statistics"]
    env = {**os.environ, "MAPPER_FUZZ_SCALE": str(args.scale)}
    started = time.monotonic()
    run = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    cases = per_test(run.stdout)
    for test, count in cases.items():
        print(f"{count:>7}  {test}")
    elapsed = time.monotonic() - started
    print(f"{sum(cases.values()):>7}  cases, seed {args.seed}, scale {args.scale}, {elapsed:.0f}s")
    if run.returncode != 0:
        print(failures(run.stdout), run.stderr[-2000:], sep="\n")
        print("FINDINGS: keep each as a regression case in tests/fuzz/test_regressions.py")
    return 1 if run.returncode else 0


def failures(output: str) -> str:
    """pytest's failures section (with each falsifying example), without the statistics."""
    start = output.find("= FAILURES =")
    end = output.find("Hypothesis Statistics", max(start, 0))
    section = output[start if start >= 0 else 0 : end if end >= 0 else None]
    return section[-20000:]


def per_test(output: str) -> dict[str, int]:
    """Generated examples per property, from hypothesis' statistics."""
    counts: dict[str, int] = {}
    starts = [(m.start(), m.group(1)) for m in TEST.finditer(output)]
    for (start, test), (end, _) in zip(starts, [*starts[1:], (len(output), "")], strict=True):
        counts[test] = sum(
            int(m.group(1)) + int(m.group(2)) for m in PASSING.finditer(output[start:end])
        )
    return counts


if __name__ == "__main__":
    sys.exit(main())
