"""The profiler's shortcuts (Python screens, derived kind tests, early capping) must give the
answers the full kernel passes would give."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mapper.profile as profile_module
from mapper.profile import profile
from mapper.profile.columns import _NUMBER_SCREENS, _SCREENS, KIND_TESTS, _decimals_read_as_phones

DECIMAL = dict(KIND_TESTS)["decimal"]
PHONE = dict(KIND_TESTS)["phone"]
# ASCII text rich in what the kind regexes look at
KIND_TEXT = st.text(alphabet="0123456789+-.()/@# \t\n\x0b\fxXeEtTwWhHpPsSaAcCoOmMyYnNrRuUlLfF:",
                    max_size=30)  # fmt: skip


def one_column(tmp_path: Path, values: list[str]) -> profile_module.ColumnProfile:
    path = tmp_path / "c.csv"
    path.write_text("Value,Other\n" + "".join(f'"{v}",x\n' for v in values), encoding="utf-8")
    return profile(path).columns[0]


@settings(max_examples=400, deadline=None)
@given(st.lists(KIND_TEXT, min_size=1, max_size=20))
def test_python_screen_never_rules_out_a_kind_the_kernel_accepts(values: list[str]):
    array = pa.array(values)
    for name, regex in KIND_TESTS:
        if regex is None:
            continue
        kernel = pc.match_substring_regex(array, regex).to_pylist()
        screen = dict(_SCREENS)[name]
        for value, accepted in zip(values, kernel, strict=True):
            assert not accepted or screen.search(value), (name, value)


@pytest.mark.parametrize(
    ("kind", "value", "accepted"),
    [
        ("id", "3825094485297336779", True),
        ("id", "0825094485297336779", False),
        ("id", "12345678901234567", False),
        ("integer", "-0", True),
        ("integer", "+05", False),
        ("integer", "12a", False),
    ],
)
def test_number_screens_read_like_the_kernels(tmp_path: Path, kind: str, value: str, accepted):
    assert bool(re.search(_NUMBER_SCREENS[kind], value)) is accepted
    assert (one_column(tmp_path, [value] * 3).kind == kind) is accepted


@settings(max_examples=300, deadline=None)
@given(st.lists(st.from_regex(DECIMAL, fullmatch=True).map(str.strip), min_size=1, max_size=8))
def test_decimals_read_as_phones_like_the_phone_regex(values: list[str]):
    array = pa.array([v for v in values if v])
    if not len(array):
        return
    expected = pc.all(pc.match_substring_regex(array, PHONE)).as_py()
    assert _decimals_read_as_phones(array) is expected


@pytest.mark.parametrize(
    ("early", "kind"),
    [
        ("1234567.5", "phone"),  # decimals the phone regex reads, then real phone numbers
        ("-1234567.5", "text"),  # a decimal no phone regex reads
        ("1234567.", "text"),  # a phone cannot end with a dot
    ],
)
def test_a_decimal_start_then_phones(tmp_path: Path, monkeypatch, early: str, kind: str):
    monkeypatch.setattr(profile_module, "BLOCK_BYTES", 2048)
    monkeypatch.setattr(profile_module, "GROUP_BATCHES", 1)
    column = one_column(tmp_path, [early] * 400 + ["+1 555 123 4567"] * 400)
    assert column.kind == kind


def test_first_value_no_date_rules_dates_out(tmp_path: Path):
    column = one_column(tmp_path, ["soon", "2024-01-05", "2024-02-05"])
    assert (column.kind, column.format) == ("text", None)


def test_batch_with_more_distinct_values_than_the_cap_caps_at_once(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(profile_module, "DISTINCT_CAP", 100)
    column = one_column(tmp_path, [f"v{i}" for i in range(99)] * 3 + [f"w{i}" for i in range(150)])
    assert (column.distinct, column.distinct_capped) == (100, True)
    column = one_column(tmp_path, [f"v{i}" for i in range(99)] * 3)
    assert (column.distinct, column.distinct_capped) == (99, False)


# values of every kind, few enough that a column stays under a small cap or crosses it
KIND_SAMPLES = st.sampled_from(
    ["12", "-7", "0", "3.5", ".5", "007", "true", "no", "a@b.co", "x@y", "https://a.io/",
     "www.b.com", "+1 555 123 4567", "1234567", "2024-01-05", "05.01.2024", "text", "1e5"]
)  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(
    early=st.lists(KIND_SAMPLES, max_size=3),
    head=st.lists(KIND_SAMPLES, min_size=1, max_size=6),
    tail=st.lists(KIND_SAMPLES, max_size=4),
    cap=st.sampled_from([2, 3, 5, 10_000]),
)
def test_a_column_has_the_same_profile_however_it_is_batched_and_capped(
    tmp_path_factory, early: list[str], head: list[str], tail: list[str], cap: int
):
    # kinds of an uncapped column are tested on each distinct value once, when it joins the
    # known ones (at a merge, or when the cap is reached): a value seen only early (pending
    # when a batch reaches the cap) or first seen late still counts
    values = early * 100 + head * 150 + tail * 40
    folder = tmp_path_factory.mktemp("batched")
    whole = one_column(folder, values)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(profile_module, "BLOCK_BYTES", 512)
        patch.setattr(profile_module, "GROUP_BATCHES", 2)
        patch.setattr(profile_module, "DISTINCT_CAP", cap)
        batched = one_column(folder, values)
    assert (batched.kind, batched.format, batched.ambiguous) == (
        whole.kind, whole.format, whole.ambiguous
    )  # fmt: skip
    assert batched.non_empty == whole.non_empty
    assert batched.distinct == min(whole.distinct, cap)


def test_a_value_pending_when_a_batch_reaches_the_cap_still_rules_a_kind_out():
    # "5 kg" is pending (not yet merged, so its kinds not yet tested) when a batch of more
    # distinct numbers than the cap arrives: capping must test it first
    from mapper.profile.columns import ColumnTracker

    tracker = ColumnTracker(cap=3)
    tracker.update(pa.chunked_array([["1"] * 16 + ["5 kg"]]))
    tracker.update(pa.chunked_array([["1", "2", "3", "4"]]))
    tracker.merge_distinct()
    assert (tracker.kind(tracker.dates.verdict()), tracker.capped) == ("text", True)
