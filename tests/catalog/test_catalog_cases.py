"""The BW5xx case folders, run through `mapper.check.check` with the sidecar's metadata.

The shared case runner drives the same folders through the `mapper check` command line; this
one reads the sidecar's --fields / --layouts / --api-version itself so the catalog rules are
covered on their own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapper.catalog import load_catalog
from mapper.check import check
from mapper.rules import all_rules

CASES = Path(__file__).parents[1] / "cases"
SPECS = sorted(p for p in CASES.glob("BW5*/*/*.json") if not p.name.endswith(".args.json"))


def sidecar_options(spec: Path) -> dict[str, Path | str]:
    sidecar = spec.with_name(spec.stem + ".args.json")
    args = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else []
    options: dict[str, Path | str] = {}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        key = flag.removeprefix("--").replace("-", "_")
        options[key] = value if key == "api_version" else spec.parent / value
    return options


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: "/".join(p.parts[-3:]))
def test_case(spec: Path) -> None:
    code, expectation = spec.parts[-3], spec.parts[-2]
    options = sidecar_options(spec)
    catalog = load_catalog(options.get("fields"), options.get("layouts"))
    found = check(spec, api_version=str(options.get("api_version", "v8")), catalog=catalog)
    with_code = [d for d in found if d.code == code]
    if expectation == "fail":
        assert with_code, f"{spec} should report {code}"
        assert all(d.line for d in with_code), "findings carry a line"
    else:
        assert not with_code, [d.message for d in with_code]


def test_every_catalog_rule_has_a_passing_and_a_failing_case() -> None:
    codes = [r.code for r in all_rules() if r.code.startswith("BW5")]
    for code in codes:
        for expectation in ("pass", "fail"):
            assert list((CASES / code / expectation).glob("*.json")), f"{code}/{expectation}"
