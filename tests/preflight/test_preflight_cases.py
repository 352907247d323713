"""The BW6xx/BW7xx rule cases, run through the library entry point of ``mapper check --csv``.

Same convention as ``tests/check/test_cases.py`` (``tests/cases/<CODE>/{pass,fail}``, the
sidecar holding ``--csv`` and optionally ``--fields`` and ``--layouts``), without needing
the CLI wiring.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapper.catalog import load_catalog
from mapper.preflight import CODES, preflight_for_check

CASES = Path(__file__).parents[1] / "cases"
OURS = tuple(code.code for code in CODES)


def case_files() -> list[Path]:
    return sorted(
        path
        for code in OURS
        for path in CASES.glob(f"{code}/*/*.json")
        if not path.name.endswith(".args.json") and path.parent.name in ("pass", "fail")
    )


def options(case: Path) -> dict[str, Path]:
    sidecar = case.with_name(case.name.removesuffix(".json") + ".args.json")
    args = json.loads(sidecar.read_text(encoding="utf-8"))
    return {args[i].lstrip("-"): case.parent / args[i + 1] for i in range(0, len(args), 2)}


def test_cases_exist_for_most_codes() -> None:
    covered = {path.parents[1].name for path in case_files()}
    # the row and zip limits need files too large to keep as cases (see test_preflight_limits.py);
    # BW600 is the summary every readable file gets (see test_preflight.py)
    assert set(OURS) - covered == {"BW600", "BW704", "BW705"}


@pytest.mark.parametrize("case", case_files(), ids=lambda p: str(p.relative_to(CASES)))
def test_case(case: Path) -> None:
    found = options(case)
    catalog = load_catalog(fields=found.get("fields"), layouts=found.get("layouts"))
    body = json.loads(case.read_text(encoding="utf-8"))
    reported = [d.code for d in preflight_for_check(body, found["csv"], catalog)]
    code = case.parents[1].name
    if case.parent.name == "fail":
        assert code in reported, f"{code} not reported; got {reported}"
    else:
        assert code not in reported, f"{code} reported on a pass case: {reported}"
