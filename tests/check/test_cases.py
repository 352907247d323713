"""Data-driven rule cases: ``tests/cases/<CODE>/{pass,fail}/<name>.json``.

A ``fail`` case must yield at least one diagnostic with its folder's CODE, a ``pass`` case
none. An optional ``<name>.args.json`` sidecar holds extra ``mapper check`` arguments; its
paths are relative to the folder holding the case, so the case runs from there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import main

CASES = Path(__file__).parents[1] / "cases"
SIDECAR = ".args.json"


def case_files() -> list[Path]:
    found = []
    for verdict in ("pass", "fail"):
        for path in sorted(CASES.glob(f"BW*/{verdict}/*.json")):
            if not path.name.endswith(SIDECAR):
                found.append(path)
    return found


def case_id(path: Path) -> str:
    return str(path.relative_to(CASES))


def extra_args(case: Path) -> list[str]:
    sidecar = case.with_name(case.name[: -len(".json")] + SIDECAR)
    if not sidecar.exists():
        return []
    args = json.loads(sidecar.read_text(encoding="utf-8"))
    assert isinstance(args, list) and all(isinstance(a, str) for a in args), sidecar
    return args


def codes_reported(case: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(case.parent)
    args = ["check", "--format", "json", case.name, *extra_args(case)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return [d["code"] for d in json.loads(result.stdout)["diagnostics"]]


def test_every_case_folder_is_named_after_a_known_code() -> None:
    from mapper.codes import known_codes

    known = {code.code for code in known_codes()}
    folders = {path.parent.parent.name for path in case_files()}
    assert folders, "no cases found"
    assert folders <= known


@pytest.mark.parametrize("case", case_files(), ids=case_id)
def test_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = case.parent.parent.name
    reported = codes_reported(case, monkeypatch)
    if case.parent.name == "fail":
        assert code in reported, f"{code} not reported; got {reported}"
    else:
        assert code not in reported, f"{code} reported on a pass case"
