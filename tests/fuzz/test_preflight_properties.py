"""Properties of the pre-flight's fast paths: they answer exactly what the slow ones would."""

from __future__ import annotations

import itertools

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.dates import ZOHO_DATE_PATTERNS
from mapper.dates.layout import FixedLayout
from mapper.preflight.checks import Column, DateCheck, ShapeCheck
from mapper.preflight.duplicates import LONG_VALUE, HashTable, SeenValues, _distinct

FIXED = [p for p in ZOHO_DATE_PATTERNS if FixedLayout.of(p) is not None] + [
    "yyyy-MM-dd'T'HH:mm:ssXXX",
    "dd/MM/yyyy HH:mm:ss",
]
DIGITS_AND_MARKS = st.text(alphabet="0123456789./-: TZ+", max_size=26)


@st.composite
def date_like(draw: st.DrawFn, pattern: str) -> str:
    """A value written in ``pattern`` (often), perturbed (sometimes), or noise."""
    import datetime

    day = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)))
    text = pattern.replace("yyyy", f"{day.year:04d}").replace("yy", f"{day.year % 100:02d}")
    text = text.replace("MM", f"{day.month:02d}").replace("dd", f"{day.day:02d}")
    text = text.replace("HH", "23").replace("mm", "59").replace("ss", "07")
    text = text.replace("'T'", "T").replace("XXX", draw(st.sampled_from(["+05:30", "Z", "-0"])))
    roll = draw(st.integers(0, 9))
    if roll == 0:
        return draw(DIGITS_AND_MARKS)
    if roll == 1 and text:
        at = draw(st.integers(0, len(text) - 1))
        return text[:at] + draw(st.sampled_from("0913/ ")) + text[at + 1 :]
    return text if roll > 2 else ""


@settings(max_examples=60, deadline=None)
@given(data=st.data(), pattern=st.sampled_from(FIXED))
def test_the_date_layout_fast_path_flags_exactly_the_regexs_rows(data, pattern: str) -> None:
    values = data.draw(st.lists(date_like(pattern), min_size=1, max_size=40))
    check = DateCheck.of(pattern)
    assert check is not None
    column = Column.of(pa.array(values, pa.string()))
    lines = np.arange(2, len(values) + 2)
    regex_only = ShapeCheck(check.code, check.shape, check.what)
    assert check.failing(column, lines).tolist() == regex_only.failing(column, lines).tolist()


@settings(max_examples=80, deadline=None)
@given(
    values=st.lists(
        st.one_of(
            st.sampled_from(["", "a", "A", "a ", "\x00", "ab", "ba", "x" * (LONG_VALUE + 1)]),
            st.text(max_size=12),
        ),
        max_size=60,
    ),
    cuts=st.lists(st.integers(0, 60), max_size=4),
)
def test_repeats_are_exactly_the_values_seen_on_an_earlier_line(values, cuts) -> None:
    seen, earlier = SeenValues(), set()
    bounds = sorted({0, len(values), *(c for c in cuts if c <= len(values))})
    for start, end in itertools.pairwise(bounds):
        chunk = values[start:end]
        array = pa.array(values, pa.string()).slice(start, end - start)  # offset buffers too
        present = np.array([v != "" for v in chunk], dtype=bool)
        lines = np.arange(start + 2, end + 2)
        repeated, _ = seen.repeats(array, present, lines)
        expected = []
        for value in chunk:
            expected.append(value != "" and value in earlier)
            if value:
                earlier.add(value)
        assert repeated.tolist() == expected


EDGES = ["", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x00", "\x7f", "\x85",
         "\xa0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f",
         "\u3000", "\ufeff", "é", "x"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(
        st.tuples(st.sampled_from(EDGES), st.text(max_size=4), st.sampled_from(EDGES)).map("".join),
        max_size=30,
    ),
    start=st.integers(0, 5),
)
def test_a_column_is_trimmed_exactly_as_pyarrow_trims_it(values, start) -> None:
    # Column.of skips the trim when no value can start or end with white space
    import pyarrow.compute as pc

    array = pa.array(values, pa.string()).slice(min(start, len(values)))  # offset buffers too
    column = Column.of(array)
    assert column.trimmed.to_pylist() == pc.utf8_trim_whitespace(array).to_pylist()
    assert column.empty.tolist() == [not v for v in column.trimmed.to_pylist()]


def test_a_column_repeating_its_values_matches_per_distinct_value() -> None:
    values = ["true", "false", "maybe", ""] * 100
    column = Column.of(pa.array(values, pa.string()))
    from mapper.shapes import BOOLEAN

    assert column.matching(BOOLEAN).tolist() == [v in ("true", "false") for v in values]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=300))
def test_distinct_hashes_are_numpys_unique(values) -> None:
    hashes = np.array(values, dtype=np.uint64)
    ours = _distinct(hashes)
    theirs = np.unique(hashes, return_index=True, return_inverse=True)
    assert [a.tolist() for a in ours] == [a.tolist() for a in theirs]


@settings(max_examples=60, deadline=None)
@given(
    batches=st.lists(
        st.lists(st.tuples(st.integers(0, 3), st.integers(1, 2**40)), max_size=300),
        max_size=5,
    )
)
def test_the_hash_table_answers_as_a_dict_would(batches) -> None:
    """Keys crowded into four home slots make long probe chains: the vectorised passes and
    the one-at-a-time tail both run."""
    table, expected, line = HashTable(), {}, 2
    for batch in batches:
        keys = np.array(sorted({(high << 48) | low for high, low in batch}), dtype=np.uint64)
        lines = np.arange(line, line + len(keys))
        line += len(keys)
        answers = table.first_lines(keys, lines)
        pairs = zip(keys.tolist(), lines.tolist(), strict=True)
        assert answers.tolist() == [expected.setdefault(key, at) for key, at in pairs]
    assert table.count == len(expected)


def test_the_hash_table_grows_and_keeps_every_key() -> None:
    rng = np.random.default_rng(12)
    keys = np.unique(rng.integers(1, 2**64 - 1, size=90_000, dtype=np.uint64))
    table = HashTable()
    for start in range(0, len(keys), 7_000):
        chunk = keys[start : start + 7_000]
        table.first_lines(chunk, np.arange(start, start + len(chunk)) + 2)
    assert len(table.keys) >= 2 * len(keys)
    assert table.first_lines(keys, np.zeros(len(keys))).tolist() == list(range(2, len(keys) + 2))
