"""Date format choice: forced, profiled, or an ambiguous column decided by day/month order."""

from __future__ import annotations

import pytest

from mapper.compile.formats import check_pattern, choose_format
from mapper.csvfile.encoding import charset_name

CANDIDATES = ("dd/MM/yyyy", "MM/dd/yyyy")


def test_profiled_format_is_used() -> None:
    choice = choose_format("date", "dd.MM.yyyy", (), False)
    assert (choice.format, choice.undecided) == ("dd.MM.yyyy", False)


def test_non_date_column_gets_no_format() -> None:
    assert choose_format("text", None, (), False).format is None


def test_ambiguous_column_stays_undecided_without_a_flag() -> None:
    choice = choose_format("date", None, CANDIDATES, True)
    assert choice.format is None
    assert choice.candidates == CANDIDATES


@pytest.mark.parametrize(
    ("order", "expected"), [("dayfirst", "dd/MM/yyyy"), ("monthfirst", "MM/dd/yyyy")]
)
def test_day_month_order_picks_the_matching_candidate(order: str, expected: str) -> None:
    choice = choose_format("date", None, CANDIDATES, True, date_order=order)
    assert choice.format == expected
    assert choice.reason == f"--{order}"


def test_order_flag_decides_datetime_candidates_too() -> None:
    candidates = ("MM/dd/yyyy HH:mm", "dd/MM/yyyy HH:mm")
    choice = choose_format("datetime", None, candidates, True, date_order="dayfirst")
    assert choice.format == "dd/MM/yyyy HH:mm"


def test_order_flag_cannot_decide_two_monthfirst_candidates() -> None:
    # 01/02/03: the year may lead too, and both yy/MM/dd and MM/dd/yy put the month first
    candidates = ("dd/MM/yy", "yy/MM/dd", "MM/dd/yy")
    choice = choose_format("date", None, candidates, True, date_order="monthfirst")
    assert choice.undecided
    assert set(choice.candidates) == {"yy/MM/dd", "MM/dd/yy"}


def test_forced_format_wins_over_everything() -> None:
    choice = choose_format("text", None, CANDIDATES, True, forced="yyyy-MM-dd")
    assert (choice.format, choice.reason) == ("yyyy-MM-dd", "--date-format")


@pytest.mark.parametrize("pattern", ["", "qq", "HH:mm", "dd.MM.yyyy'", "bb.MM.yyyy"])
def test_bad_patterns_are_explained(pattern: str) -> None:
    assert check_pattern(pattern)


def test_good_pattern_passes() -> None:
    assert check_pattern("dd.MM.yyyy") is None


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", None),
        ("utf_8_sig", None),
        ("ascii", None),
        (None, None),
        ("cp1252", "windows-1252"),
        ("latin-1", "ISO-8859-1"),
        ("utf-16-le", "UTF-16LE"),
        ("shift-jis", "Shift_JIS"),
    ],
)
def test_charset_names_are_the_ones_java_reads(encoding: str | None, expected: str | None) -> None:
    assert charset_name(encoding) == expected
