from __future__ import annotations

import re

import pytest

from mapper.dates import has_time, meaning, pattern_regex
from mapper.dates.infer import (
    by_preference,
    candidate_patterns,
    loosened,
    pattern_shape,
    settle_hint,
    shape,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03/04/2024", ["dd/MM/yyyy", "MM/dd/yyyy"]),
        ("2024-01-05", ["yyyy-MM-dd"]),
        ("12-10-16", ["yy-MM-dd", "dd-MM-yy", "MM-dd-yy"]),
        ("Jan 10, 2012", ["MMM dd, yyyy"]),
        ("10 May 2020", ["dd MMM yyyy", "dd MMMM yyyy"]),
        ("01/02/2024 1:30 PM", ["dd/MM/yyyy hh:mm a", "MM/dd/yyyy hh:mm a"]),
        ("2024-01-01T10:00:00+05:30", ["yyyy-MM-dd'T'HH:mm:ssXXX"]),
        ("2024-01-01T10:00:00.123Z", [
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXX",
            "yyyy-MM-dd'T'HH:mm:ss.SSSX",
        ]),
        ("2024-01-01 10:00:00 +0100", ["yyyy-MM-dd HH:mm:ss XX"]),
    ],
)  # fmt: skip
def test_candidate_patterns(value: str, expected: list[str]):
    assert candidate_patterns(value) == expected
    for pattern in expected:
        assert re.match(pattern_regex(loosened(pattern)[-1][1]), value), pattern


@pytest.mark.parametrize(
    "value",
    ["hello", "12345", "555-123-4567", "1.2.3", "10.0.0.1", "2024-01-01 noon", "Foo 10, 2012",
     "+1 (987) 362-3183", "2024-13"],
)  # fmt: skip
def test_values_that_are_no_date_have_no_candidates(value: str):
    assert candidate_patterns(value) == []


def test_z_offset_is_read_by_x_letters_never_a_quoted_literal():
    for pattern in candidate_patterns("2024-01-01T10:00:00Z"):
        assert "'Z'" not in pattern
        assert pattern.endswith("X")


@pytest.mark.parametrize(
    ("pattern", "good", "bad"),
    [
        ("dd/MM/yyyy", ["29/02/2024", "31/12/2023", "29/02/2000"],
         ["29/02/2023", "31/04/2024", "3/4/2024", "00/01/2024", "29/02/1900", "01/13/2024"]),
        ("d/M/yy", ["3/4/24", "03/04/24", "29/2/24"], ["3/4/2024", "29/2/23"]),
        ("MMM dd, yyyy", ["Jan 10, 2012", "DEC 31, 1999"], ["Feb 30, 2024", "January 10, 2012"]),
        ("MMMM d, yyyy", ["January 1, 2012"], ["Jan 1, 2012"]),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
         ["2024-01-01T23:59:59.000+05:30", "2024-01-01T10:00:00.123Z"],
         ["2024-01-01T24:00:00.000Z", "2024-01-01T10:00:00.12Z", "2024-01-01T10:00:00.123+0530"]),
        ("MM/dd/yyyy hh:mm a", ["01/02/2024 12:30 am"],
         ["01/02/2024 13:30 PM", "01/02/2024 1:30 PM"]),
        ("yyyy-MM-dd HH:mm:ss XX", ["2024-01-01 10:00:00 +0100", "2024-01-01 10:00:00 Z"],
         ["2024-01-01 10:00:00 +01:00"]),
    ],
)  # fmt: skip
def test_pattern_regex_reads_exactly_the_valid_values(
    pattern: str, good: list[str], bad: list[str]
):
    regex = re.compile(pattern_regex(pattern))
    assert [v for v in good if not regex.match(v)] == []
    assert [v for v in bad if regex.match(v)] == []


def test_loosened_spellings_widen_date_and_time_separately():
    assert loosened("dd/MM/yyyy HH:mm") == [
        (frozenset(), "dd/MM/yyyy HH:mm"),
        (frozenset({"time"}), "dd/MM/yyyy H:mm"),
        (frozenset({"date"}), "d/M/yyyy HH:mm"),
        (frozenset({"date", "time"}), "d/M/yyyy H:mm"),
    ]
    assert loosened("MMM dd, yyyy") == [
        (frozenset(), "MMM dd, yyyy"),
        (frozenset({"date"}), "MMM d, yyyy"),
    ]


def test_meaning_and_time():
    assert meaning("dd.MM.yyyy") == meaning("d/M/yyyy") == ("day", "month", "year")
    assert meaning("MMM dd, yyyy") != meaning("dd MMM yyyy")
    assert has_time("yyyy-MM-dd'T'HH:mm") and not has_time("yyyy-MM-dd")


def test_preference_puts_zoho_patterns_first():
    assert by_preference(["MMMM dd yyyy", "MMM dd yyyy"]) == ["MMM dd yyyy", "MMMM dd yyyy"]
    assert by_preference(["d/M/yyyy", "dd/MM/yyyy"]) == ["dd/MM/yyyy", "d/M/yyyy"]


@pytest.mark.parametrize(
    ("patterns", "hint"),
    [
        (["dd/MM/yyyy", "MM/dd/yyyy"], "a day above 12"),
        (["yy-MM-dd", "dd-MM-yy"], "a two-digit year above 31"),
        (["yy/MM/dd", "MM/dd/yy"], "a two-digit year above 12"),
        (["dd/MM/yyyy"], ""),
    ],
)
def test_settle_hint(patterns: list[str], hint: str):
    assert settle_hint(patterns) == hint


def test_shape_groups_values_and_its_regex_matches_them():
    display, regex = shape("Jan 10, 2012 01:30 pm")
    assert display == "Mmm 99, 9999 99:99 AM"
    assert re.match(regex, "Dec 31, 1999 12:00 AM")
    assert not re.match(regex, "January 10, 2012 01:30 pm")
    assert shape("2024-01-01T10:00:00Z")[0] == "9999-99-99T99:99:99Z"


def test_offsets_share_a_shape_whatever_their_sign():
    plus, minus, utc = (shape(f"2024-01-01T10:00:00{o}") for o in ("+05:30", "-05:00", "Z"))
    assert plus == minus
    assert plus[0] == "9999-99-99T99:99:99+99:99"
    assert re.match(plus[1], "2024-01-01T10:00:00Z")
    assert utc[0] == "9999-99-99T99:99:99Z"
    assert shape("2024-01-01")[0] == "9999-99-99"  # a date's last field is no offset


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("dd/MM/yyyy", "99/99/9999"),
        ("MMM dd, yyyy hh:mm a", "Mmm 99, 9999 99:99 AM"),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "9999-99-99T99:99:99.999+99:99"),
        ("d/M/yyyy", None),
    ],
)
def test_pattern_shape_is_the_shape_of_what_it_reads(pattern: str, expected: str | None):
    assert pattern_shape(pattern) == expected
    if expected:
        value = {"dd/MM/yyyy": "25/12/2024", "MMM dd, yyyy hh:mm a": "Jan 05, 2024 01:30 PM"}.get(
            pattern, "2024-01-01T10:00:00.123-05:00"
        )
        assert shape(value)[0] == expected
