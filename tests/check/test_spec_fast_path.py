"""The stdlib fast path of the spec reader gives exactly what the scanner gives.

A spec that is plain valid JSON is parsed by ``json`` (C) and scanned for positions only
when a finding needs one; anything else goes to the scanner. Whenever the fast path takes a
text, its body, problems and positions must equal the scanner's.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapper.spec import MAX_DEPTH, MAX_INT_DIGITS, SpecDocument, _read_fast, _Scanner
from tests.fuzz.test_reader_properties import JSON_PIECES, pieced
from tests.fuzz.test_spec_mutations import SEEDS, SPEC_FILES, fuzz, mutated_seed


def _assert_same_as_scanner(text: str) -> SpecDocument | None:
    fast = _read_fast(text, "spec.json")
    scanned = _Scanner(text, "spec.json").scan()
    if fast is None:
        return None
    assert scanned.parsed and not scanned.problems, scanned.problems
    assert repr(fast.body) == repr(scanned.body)
    assert fast.problems == ()
    assert dict(fast.positions) == dict(scanned.positions)
    return fast


@pytest.mark.parametrize("path", SPEC_FILES, ids=[p.name for p in SPEC_FILES])
def test_every_example_and_case_file_reads_as_the_scanner_reads_it(path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return  # the encoding cases never reach either reader as text
    _assert_same_as_scanner(text)


def test_plain_specs_take_the_fast_path() -> None:
    taken = [_assert_same_as_scanner(json.dumps(body, indent=2)) for _, body in SEEDS]
    assert all(taken)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',  # duplicate key: BW002 is the scanner's
        '{"a": NaN}',
        '{"a": -Infinity}',
        '{"a": ' + "9" * (MAX_INT_DIGITS + 1) + "}",
        '{"a": -' + "9" * MAX_INT_DIGITS + "}",
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        '{"a": 1,}',
        "",
        '{"a": 1} x',
    ],
    ids=repr,
)
def test_what_only_the_scanner_reports_goes_to_the_scanner(text: str) -> None:
    assert _read_fast(text, "spec.json") is None


def test_the_deepest_nesting_the_scanner_takes_is_fast_too() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert _assert_same_as_scanner(text) is not None
    assert _assert_same_as_scanner('"' + "[" * 100 + '"') is not None


@fuzz(300)
@given(data=pieced(JSON_PIECES, 60))
def test_any_text_reads_as_the_scanner_reads_it(data: bytes) -> None:
    _assert_same_as_scanner(data.decode("utf-8", errors="replace"))


@fuzz(200)
@given(body=mutated_seed(), indent=st.sampled_from([None, 0, 2, "\t"]))
def test_any_mutated_spec_reads_as_the_scanner_reads_it(body: object, indent) -> None:
    assert _assert_same_as_scanner(json.dumps(body, indent=indent)) is not None
