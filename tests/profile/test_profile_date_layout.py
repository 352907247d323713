"""The numpy check of fixed-width date patterns must agree with the pattern's regex."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mapper.profile as profile_module
from mapper.dates import pattern_regex
from mapper.dates.layout import _TILED_BYTES, FixedLayout
from mapper.profile import profile

FIXED = [
    "yyyy-MM-dd", "dd.MM.yy", "MM/dd/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssXXX",
    "yyyy-MM-dd HH:mm:ss.SSSxx", "MM/dd/yyyy hh:mm a", "yyyyMMddHHmmZ", "dd 'de' MM yyyy",
]  # fmt: skip
USUAL = dict(zip(FIXED, [
    "2024-03-15", "15.03.24", "03/15/2024 10:30:00", "2024-03-15T10:30:00+05:30",
    "2024-03-15 10:30:00.123+0530", "03/15/2024 10:30 AM", "202403151030+0100", "15 de 03 2024",
], strict=True))  # fmt: skip
# one value's pieces: a field's usual digits, or something near it that a pattern may refuse
PIECES = {
    "yyyy": st.sampled_from(["2024", "2023", "1900", "2000", "0000", "20a4"]),
    "yy": st.sampled_from(["24", "23", "00", "9"]),
    "MM": st.sampled_from(["01", "02", "04", "12", "13", "00", "1"]),
    "dd": st.sampled_from(["01", "28", "29", "30", "31", "32", "00"]),
    "HH": st.sampled_from(["00", "23", "24"]),
    "hh": st.sampled_from(["01", "12", "00", "13"]),
    "mm": st.sampled_from(["00", "59", "60"]),
    "ss": st.sampled_from(["07", "60"]),
    "SSS": st.sampled_from(["123", "12"]),
    "XXX": st.sampled_from(["+05:30", "-11:00", "Z", "+0530", ",05:30"]),
    "xx": st.sampled_from(["+0530", "-1100", "+05:30"]),
    "Z": st.sampled_from(["+0100", "Z", "-0000"]),
    "a": st.sampled_from(["AM", "pm", "Pm", "xm", "a.m."]),
}
PIECE_SPLIT = re.compile("(" + "|".join(sorted(PIECES, key=len, reverse=True)) + ")")


def values_like(pattern: str) -> st.SearchStrategy[str]:
    """Values spelt piece by piece after the pattern, most valid, some subtly not."""
    spelt = pattern.replace("'T'", "T").replace("'de'", "de")
    chunks = [chunk for chunk in PIECE_SPLIT.split(spelt) if chunk]
    parts = [PIECES[c] if c in PIECES else st.sampled_from([c, c, "/"]) for c in chunks]
    return st.tuples(*parts).map("".join)


@pytest.mark.parametrize("pattern", FIXED)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_layout_agrees_with_the_regex(pattern: str, data):
    layout = FixedLayout.of(pattern)
    assert layout is not None
    values = data.draw(st.lists(values_like(pattern), min_size=1, max_size=6))
    chunked = pa.chunked_array(
        [pa.array(values[:1], pa.string()), pa.array(values[1:], pa.string())]
    )
    expected = pc.all(pc.match_substring_regex(chunked, pattern_regex(pattern))).as_py()
    assert layout.check(chunked) in (expected, None)
    if len({len(v.encode()) for v in values}) == 1 and len(values[0]) == layout.length:
        assert layout.check(chunked) is expected  # one length: the layout decides alone


@pytest.mark.parametrize("pattern", FIXED)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_layout_agrees_with_the_regex_on_columns_longer_than_a_tile(pattern: str, data):
    """The byte ranges are checked a tile of rows at a time (`_TILED_BYTES`), over all the
    chunks at once: a value anywhere in a long chunked column decides as the regex does."""
    layout = FixedLayout.of(pattern)
    assert layout is not None
    fitting = values_like(pattern).filter(lambda value: len(value.encode()) == layout.length)
    usual = USUAL[pattern]
    assert layout.check(pa.array([usual])) is True
    rows = 3 * _TILED_BYTES // layout.length
    column = [usual] * rows
    column.insert(data.draw(st.integers(0, rows)), data.draw(fitting))
    cut = data.draw(st.integers(1, rows))
    chunked = pa.chunked_array([pa.array(column[:cut]), pa.array(column[cut:], pa.string())])
    expected = pc.all(pc.match_substring_regex(chunked, pattern_regex(pattern))).as_py()
    assert layout.check(chunked) is expected


@pytest.mark.parametrize(
    "pattern", ["dd MMM yyyy", "yyyy-MM-dd'T'HH:mm:ssX", "d.M.yyyy", "yyyy yyyy"]
)
def test_patterns_of_varying_width_have_no_layout(pattern: str):
    assert FixedLayout.of(pattern) is None


def test_leap_day_of_a_common_year_late_in_a_long_column(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(profile_module, "BLOCK_BYTES", 4096)
    rows = [f"2024-0{1 + i % 9}-1{i % 10}T10:00:00+01:00" for i in range(3000)]
    path = tmp_path / "d.csv"
    path.write_text("When\n" + "\n".join([*rows, "2023-02-29T10:00:00+01:00"]) + "\n")
    column = profile(path).columns[0]
    assert (column.kind, column.format) == ("datetime", None)
    path.write_text("When\n" + "\n".join([*rows, "2024-02-29T10:00:00+01:00"]) + "\n")
    assert profile(path).columns[0].format == "yyyy-MM-dd'T'HH:mm:ssXXX"


@pytest.mark.parametrize(
    ("pattern", "values"),
    [
        ("yyyy-MM-dd", ["1900-02-29", "2000-02-29", "2024-02-29", "2023-02-29", "2100-02-29",
                        "0000-02-29", "2024-04-31", "2024-04-30", "2024-12-31", "2024-13-01"]),
        ("dd.MM.yy", ["29.02.00", "29.02.01", "29.02.24", "31.06.24", "31.07.24"]),
        ("yyyy-MM-dd'T'HH:mm:ssXXX", ["2024-01-01T10:00:00+05:30", "2024-01-01T10:00:00+05;30",
                                      "2024-01-01T10:00:00,05:30", "2024-01-01T10:00:00 05:30",
                                      "2024-01-01T24:00:00-05:30", "2024-01-01t10:00:00+05:30"]),
        ("MM/dd/yyyy hh:mm a", ["01/01/2024 12:00 am", "01/01/2024 12:00 AM",
                                "01/01/2024 12:00 Am", "01/01/2024 00:00 PM",
                                "01/01/2024 12:00 qm", "01/01/2024 12:00 A!"]),
    ],
)  # fmt: skip
def test_layout_edge_values_one_by_one(pattern: str, values: list[str]):
    layout = FixedLayout.of(pattern)
    assert layout is not None
    verdicts = [layout.check(pa.array([value])) for value in values]
    expected = pc.match_substring_regex(pa.array(values), pattern_regex(pattern)).to_pylist()
    assert verdicts == expected
    assert True in verdicts and False in verdicts
