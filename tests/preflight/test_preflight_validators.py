"""Property tests of the value validators.

Two kinds: the vectorised check (RE2 over a pyarrow column) agrees with the scalar reading
of the same rule (Python ``re``) on any text; and values built the way Zoho documents them
pass while values broken in a known way fail.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.preflight import checks, codes, shapes
from mapper.shapes import BOOLEAN, EMAIL, PHONE, URL

PATTERNS = ("MM/dd/yyyy", "dd.MM.yy", "yyyy-MM-dd", "dd-MMM-yyyy", "MMMM dd,yyyy", "yyyyMMdd",
            "MM/dd/yyyy HH:mm:ss", "dd/MM/yyyy hh:mm a", "yyyy-MM-dd'T'HH:mm:ssXXX")  # fmt: skip
# the same patterns for Python's strftime, to write real dates in them
STRFTIME = {"MM/dd/yyyy": "%m/%d/%Y", "dd.MM.yy": "%d.%m.%y", "yyyy-MM-dd": "%Y-%m-%d",
            "dd-MMM-yyyy": "%d-%b-%Y", "MMMM dd,yyyy": "%B %d,%Y", "yyyyMMdd": "%Y%m%d",
            "MM/dd/yyyy HH:mm:ss": "%m/%d/%Y %H:%M:%S",
            "dd/MM/yyyy hh:mm a": "%d/%m/%Y %I:%M %p"}  # fmt: skip

# text that stresses the engines' differences: ASCII punctuation, digits, letters,
# whitespace of all kinds, non-ASCII digits and letters that case-fold to ASCII
ALPHABET = st.sampled_from(
    [*"0123456789+-.,:;/()@=#xXeE aZzMmJjTt\t\n\r\f\v'\"_%", "٣", "ſ", "K", "é", "\u00a0"]
)
TEXT = st.text(ALPHABET, max_size=24) | st.text(max_size=12)


def run(check: checks.ValueCheck, values: list[str]) -> np.ndarray:
    column = checks.Column.of(pa.array(values, pa.string()))
    return check.failing(column, np.arange(2, len(values) + 2))


STATELESS = [
    checks.ShapeCheck(codes.BAD_EMAIL, EMAIL, "an email address"),
    checks.ShapeCheck(codes.BAD_PHONE, PHONE, "a phone number"),
    checks.ShapeCheck(codes.BAD_URL, URL, "a web address"),
    checks.ShapeCheck(codes.BAD_RECORD_ID, shapes.RECORD_ID, "a record id"),
    checks.BooleanCheck(codes.BAD_BOOLEAN, BOOLEAN, "true or false"),
    checks.NumberCheck(codes.BAD_NUMBER, shapes.integer_shape(9), "a whole number", max_digits=9),
    checks.NumberCheck(codes.BAD_NUMBER, shapes.decimal_shape(16), "a number", max_digits=16),
    checks.LengthCheck(10),
    checks.PicklistCheck(("Cold Call", "Web")),
    checks.PicklistCheck(("A", "B;C", "D"), multi=True),
    checks.FormulaCheck(),
    *(checks.DateCheck.of(p) for p in PATTERNS),
]


@pytest.mark.parametrize("check", STATELESS, ids=lambda c: type(c).__name__ + str(id(c) % 97))
@settings(max_examples=150, deadline=None)
@given(values=st.lists(TEXT, min_size=1, max_size=8))
def test_column_check_agrees_with_scalar_reading(check, values: list[str]) -> None:
    assert run(check, values).tolist() == [not check.accepts(v) for v in values]


@settings(deadline=None)
@given(st.integers(-(10**9) + 1, 10**9 - 1))
def test_integers_within_nine_digits_pass_and_longer_fail(number: int) -> None:
    check = STATELESS[5]
    too_long = f"{number}0" if abs(number) >= 10**8 else None
    values = [str(number)] + ([too_long] if too_long else [])
    assert run(check, values).tolist() == [False] + ([True] if too_long else [])


@settings(deadline=None)
@given(st.decimals(-(10**15), 10**15, places=2, allow_nan=False, allow_infinity=False))
def test_plain_decimals_pass_and_thousands_separators_fail(number) -> None:
    check = STATELESS[6]
    separated = f"{number:,}"
    expected = [False, "," in separated]
    assert run(check, [str(number), separated]).tolist() == expected


@pytest.mark.parametrize("pattern", sorted(STRFTIME))
@settings(deadline=None, max_examples=60)
@given(moment=st.datetimes(datetime(1950, 1, 1), datetime(2049, 12, 31)))
def test_real_dates_written_in_the_pattern_pass(pattern: str, moment: datetime) -> None:
    check = checks.DateCheck.of(pattern)
    assert not run(check, [moment.strftime(STRFTIME[pattern])]).any()


# each pattern with a day placeholder, so that impossible days can be written in it
WITH_DAY = {"MM/dd/yyyy": "%m/{day}/%Y", "dd.MM.yy": "{day}.%m.%y",
            "dd-MMM-yyyy": "{day}-%b-%Y", "yyyyMMdd": "%Y%m{day}"}  # fmt: skip


@pytest.mark.parametrize("pattern", sorted(WITH_DAY))
@settings(deadline=None)
@given(year=st.integers(1950, 2049), month=st.integers(1, 12), day=st.integers(29, 31))
def test_days_past_the_end_of_the_month_fail(pattern: str, year: int, month: int, day: int):
    last = calendar.monthrange(year, month)[1]
    written = date(year, month, 1).strftime(WITH_DAY[pattern]).format(day=day)
    check = checks.DateCheck.of(pattern)
    assert run(check, [written]).tolist() == [day > last]


def test_unicode_digits_and_case_folding_read_alike_in_both_engines() -> None:
    check = checks.DateCheck.of("dd-MMM-yyyy")
    values = ["01-\u017fep-2020", "01-SEP-2020", "\u0660\u0661-Sep-2020"]
    assert run(check, values).tolist() == [not check.accepts(v) for v in values]
    assert run(check, values).tolist() == [False, False, True]


def test_dates_in_another_format_fail() -> None:
    check = checks.DateCheck.of("MM/dd/yyyy")
    values = ["1996-07-03", "07/03/1996", "7/3/1996", "13/01/1996", "", "02/29/1996"]
    # widths are strict (MM is two digits); blank cells are not dates to check
    assert run(check, values).tolist() == [True, False, True, True, False, False]


def test_patterns_that_cannot_be_checked_give_no_check() -> None:
    assert checks.DateCheck.of("EEE, dd MMM yyyy") is None
    assert checks.DateCheck.of("dd/MM/yyyy 'unterminated") is None


@settings(deadline=None)
@given(
    st.from_regex(
        r"\+?[0-9]{1,3}[ -]?\(?[0-9]{2,4}\)?[ -]?[0-9]{3,4}[ -]?[0-9]{2,4}", fullmatch=True
    )
)
def test_phone_numbers_are_phones_and_not_formulas(phone: str) -> None:
    assert not run(STATELESS[1], [phone]).any()
    assert not run(checks.FormulaCheck(), [phone]).any()


@settings(deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, max_value=-1e-3))
def test_negative_numbers_are_not_formulas(number: float) -> None:
    assert not run(checks.FormulaCheck(), [f"{number:.3f}"]).any()


@settings(deadline=None)
@given(st.text(max_size=20), st.sampled_from(["=", "\t=", "@SUM(", "+cmd|' /C calc'!", "-2+3+A1"]))
def test_formula_prefixes_are_reported(rest: str, prefix: str) -> None:
    assert run(checks.FormulaCheck(), [prefix + rest]).all()


def test_social_handles_and_dashes_between_words_are_not_formulas() -> None:
    assert run(checks.FormulaCheck(), ["@zoho", "Jean-Luc", "a=b"]).tolist() == [False] * 3


def test_duplicates_are_found_across_batches_with_the_first_line() -> None:
    check = checks.DuplicateCheck(casefold=True)
    first = run(check, ["a@x.com", "b@x.com", ""])
    column = checks.Column.of(pa.array(["c@x.com", "A@X.com", "", "c@x.com"]))
    second = check.failing(column, np.array([10, 11, 12, 13]))
    assert first.tolist() == [False, False, False]
    assert second.tolist() == [False, True, False, True]
    assert "line 2" in check.explain("A@X.com", 1)
    assert "line 10" in check.explain("c@x.com", 3)
