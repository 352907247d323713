"""No mutation of a real spec makes a command that reads a spec raise.

Seeds are the example specs and every rule case. A mutation puts a value of any JSON type
at any place, deletes a key or an item, or adds a key the spec vocabulary knows. Every
command must answer with diagnostics (1-based positions inside the file) or one clear
error and a non-zero exit: never an exception. The org metadata `compile --child` reads is
mutated the same way.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper.check import check
from mapper.cli import main

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
CASES = ROOT / "tests" / "cases"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _is_spec(path: Path) -> bool:
    return not path.name.endswith(".args.json") and path.suffix == ".json"


SPEC_FILES = sorted(
    [
        *EXAMPLES.glob("*.inputData.json"),
        *(EXAMPLES / "specs").glob("*.json"),
        *(p for p in CASES.glob("BW*/*/*.json") if _is_spec(p)),
    ]
)


def _parsed(path: Path) -> Any:
    """The body, or None for the cases that are not JSON at all (BW001's)."""
    try:
        return _load(path)
    except (ValueError, RecursionError):
        return None


SEEDS = [(p.name, body) for p in SPEC_FILES if (body := _parsed(p)) is not None]
# example specs with the CSV they were compiled from (and the child CSVs beside it)
WITH_CSV = [
    (_load(spec), EXAMPLES / (spec.name.split(".")[0] + ".csv"))
    for spec in sorted(EXAMPLES.glob("*.inputData.json"))
    if ".v2." not in spec.name
]
CHILD_OF = {"parent_leads.csv": EXAMPLES / "lead_interests.csv"}


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


VOCABULARY = sorted({key for _, body in SEEDS for key in _keys(body)})
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.sampled_from([-1, 0, 1, 7, 199, 201, 25_001, 10**6]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", "Leads", "Contacts", "id", "Email", "dd/MM/yyyy", "insert", "a.csv"]),
)
ANY_JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(VOCABULARY) | st.text(max_size=6), inner, max_size=3),
    ),
    max_leaves=6,
)


def _places(value: Any, at: tuple = ()) -> Iterator[tuple]:
    """The path of every value in ``value``, the root included."""
    yield at
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _places(inner, (*at, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _places(inner, (*at, i))


def _get(value: Any, at: tuple) -> Any:
    for part in at:
        value = value[part]
    return value


@st.composite
def mutate(draw: st.DrawFn, body: Any) -> Any:
    """``body`` after one to three random edits."""
    body = copy.deepcopy(body)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.sampled_from(list(_places(body))))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if not at:
            body = draw(ANY_JSON) if action == "replace" else body
            continue
        parent, last = _get(body, at[:-1]), at[-1]
        target = parent[last]
        if action == "replace":
            parent[last] = draw(ANY_JSON)
        elif action == "delete":
            del parent[last]
        elif isinstance(target, dict):
            target[draw(st.sampled_from(VOCABULARY))] = draw(ANY_JSON)
        elif isinstance(target, list):
            target.append(draw(ANY_JSON))
    return body


@st.composite
def mutated_seed(draw: st.DrawFn) -> Any:
    _, body = draw(st.sampled_from(SEEDS))
    return draw(mutate(body))


@st.composite
def mutated_with_csv(draw: st.DrawFn) -> tuple[Any, Path]:
    body, csv_path = draw(st.sampled_from(WITH_CSV))
    return draw(mutate(body)), csv_path


def _write(folder: Path, body: Any, name: str = "spec.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(body, indent=2), encoding="utf-8")
    return path


def _assert_positions_inside(path: Path, found: list) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for diagnostic in found:
        # a CSV's findings carry the CSV's row:column, checked by the pre-flight tests
        if diagnostic.line is None or diagnostic.path != str(path):
            continue
        assert 1 <= diagnostic.line <= len(lines), diagnostic
        assert 1 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic


def _assert_clean_exit(argv: list[str]) -> None:
    result = CliRunner().invoke(main, argv)
    assert result.exit_code in (0, 1, 2), result.output
    # click's runner turns an exception into result.exception; a clean exit is SystemExit
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        argv,
        result.output,
        result.exception,
    )
    assert "Traceback" not in result.output


# MAPPER_FUZZ_SCALE=20 runs a longer campaign than CI's
SCALE = int(os.environ.get("MAPPER_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@fuzz(400)
@given(body=mutated_seed(), api_version=st.sampled_from(["v2", "v2.1", "v5", "v8"]))
def test_check_reports_any_mutation_with_positions_inside_the_file(body, api_version) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), body)
        _assert_positions_inside(path, check(path, api_version=api_version))


@fuzz(60)
@given(case=mutated_with_csv())
def test_check_with_its_csv_never_raises_on_a_mutated_spec(case) -> None:
    body, csv_path = case
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), body)
        _assert_positions_inside(path, check(path, csv_path=csv_path))


@fuzz(60)
@given(case=mutated_with_csv())
def test_split_never_raises_on_a_mutated_spec(case) -> None:
    body, csv_path = case
    children = [CHILD_OF[csv_path.name]] if csv_path.name in CHILD_OF else []
    with tempfile.TemporaryDirectory() as folder:
        spec = _write(Path(folder), body)
        child_args = [arg for child in children for arg in ("--child", str(child))]
        argv = ["split", str(csv_path), "--spec", str(spec), "--out-dir", f"{folder}/parts"]
        _assert_clean_exit([*argv, "--max-rows", "3", *child_args])


@fuzz(25)
@given(case=mutated_with_csv())
def test_review_of_a_mutated_spec_never_raises(case) -> None:
    body, csv_path = case
    with tempfile.TemporaryDirectory() as folder:
        spec = _write(Path(folder), body)
        _assert_clean_exit(["review", str(csv_path), "--spec", str(spec), "-o", f"{folder}/r.html"])


ORG_FIELDS = sorted((EXAMPLES / "crm" / "fields").glob("*.json"))


@fuzz(30)
@given(data=st.data(), changed=st.sampled_from([p.name for p in ORG_FIELDS]))
def test_compile_with_a_child_never_raises_on_mutated_org_metadata(data, changed) -> None:
    with tempfile.TemporaryDirectory() as folder:
        fields = Path(folder) / "fields"
        fields.mkdir()
        for path in ORG_FIELDS:
            body = _load(path)
            _write(fields, data.draw(mutate(body)) if path.name == changed else body, path.name)
        child = f"{EXAMPLES / 'lead_interests.csv'}:Lead_Interests:Lead Ref"
        argv = ["compile", str(EXAMPLES / "parent_leads.csv"), "--module", "Leads"]
        _assert_clean_exit([*argv, "--child", child, "--fields", str(fields), "-o", "-"])


@pytest.mark.parametrize("name", ["file-id-array-in-two-resources.json"])
def test_the_reported_crash_is_the_schema_finding_and_exit_1(name: str) -> None:
    case = CASES / "BW003" / "fail" / name
    result = CliRunner().invoke(main, ["check", "--format", "json", str(case)])
    assert result.exit_code == 1, result.output
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert "BW003" in codes
