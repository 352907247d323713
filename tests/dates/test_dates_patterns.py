from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapper.dates import (
    DEFAULT_DATE,
    DEFAULT_DATETIME,
    JAVA_PATTERN_LETTERS,
    ZOHO_DATE_PATTERNS,
    PatternError,
    PatternToken,
    pattern_body,
    pattern_slips,
    tokenize,
)


def test_tokenize_iso_with_quoted_t_and_offset():
    tokens = tokenize("yyyy-MM-dd'T'HH:mm:ssXXX")
    assert [(t.letter, t.width, t.text) for t in tokens] == [
        ("y", 4, "yyyy"),
        (None, 1, "-"),
        ("M", 2, "MM"),
        (None, 1, "-"),
        ("d", 2, "dd"),
        (None, 1, "T"),
        ("H", 2, "HH"),
        (None, 1, ":"),
        ("m", 2, "mm"),
        (None, 1, ":"),
        ("s", 2, "ss"),
        ("X", 3, "XXX"),
    ]
    assert [t.position for t in tokens] == [0, 4, 5, 7, 8, 10, 13, 15, 16, 18, 19, 21]


def test_doubled_quote_is_a_literal_quote_inside_and_outside_quotes():
    assert tokenize("hh 'o''clock' a")[1] == PatternToken(None, 9, " o'clock ", 2)
    assert tokenize("yy''MM")[1] == PatternToken(None, 1, "'", 2)


def test_adjacent_literals_merge_into_one_token():
    assert tokenize("MMM dd, yyyy")[3] == PatternToken(None, 2, ", ", 6)


@pytest.mark.parametrize(
    ("pattern", "position"),
    [("yyyy-MM-ddTHH", 10), ("dd/MM/yyyy 'at", 11), ("bb", 0), ("dd.MM.yyyy'", 10)],
)
def test_invalid_patterns_report_the_position(pattern: str, position: int):
    with pytest.raises(PatternError) as excinfo:
        tokenize(pattern)
    assert excinfo.value.position == position
    assert isinstance(excinfo.value, ValueError)


def slip_codes(pattern: str) -> set[str]:
    return {slip.code for slip in pattern_slips(pattern)}


@pytest.mark.parametrize(
    ("pattern", "codes"),
    [
        ("dd/mm/yyyy", {"minute-as-month"}),
        ("dd/MM/yyyy HH:mm", set()),
        ("'mm' dd/MM/yyyy", set()),
        ("YYYY-MM-dd", {"week-year"}),
        ("DD.MM.yyyy", {"day-of-year"}),
        ("MM/dd/yyyy hh:mm", {"12h-without-marker"}),
        ("MM/dd/yyyy KK:mm", {"12h-without-marker"}),
        ("MM/dd/yyyy hh:mm a", set()),
        ("YYYY-DD-mm", {"minute-as-month", "week-year", "day-of-year"}),
    ],
)
def test_pattern_slips(pattern: str, codes: set[str]):
    assert slip_codes(pattern) == codes


def test_every_zoho_pattern_and_default_is_valid_and_slip_free():
    for pattern in (*ZOHO_DATE_PATTERNS, DEFAULT_DATE, DEFAULT_DATETIME):
        assert tokenize(pattern)
        assert pattern_slips(pattern) == []
    assert len(set(ZOHO_DATE_PATTERNS)) == len(ZOHO_DATE_PATTERNS)
    assert "MM/dd/yyyy" in ZOHO_DATE_PATTERNS


def _rebuild(tokens: list[PatternToken]) -> str:
    """A pattern meaning the same tokens: letter runs as written, literals re-quoted."""
    parts = []
    for token in tokens:
        if token.letter:
            parts.append(token.text)
            continue
        escaped = token.text.replace("'", "''")
        has_letters = any(ch.isascii() and ch.isalpha() for ch in token.text)
        parts.append(f"'{escaped}'" if has_letters else escaped)
    return "".join(parts)


def _meaning(tokens: list[PatternToken]) -> list[tuple[str | None, int, str]]:
    return [(t.letter, t.width, t.text) for t in tokens]


pattern_pieces = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(sorted(JAVA_PATTERN_LETTERS)), st.integers(1, 4)).map(
            lambda pair: pair[0] * pair[1]
        ),
        st.text(alphabet=" -/.:,'T", min_size=1, max_size=3).map(
            lambda text: "'" + text.replace("'", "''") + "'"
        ),
    ),
    max_size=8,
)


@given(pattern_pieces)
def test_tokens_rebuild_an_equivalent_pattern(pieces: list[str]):
    pattern = "".join(pieces)
    tokens = tokenize(pattern)
    assert _meaning(tokenize(_rebuild(tokens))) == _meaning(tokens)
    letters = "".join(t.text for t in tokens if t.letter)
    assert letters == "".join(ch for piece in pieces if not piece.startswith("'") for ch in piece)
    for token in tokens:
        if token.letter:
            assert pattern[token.position : token.position + token.width] == token.text


@given(st.text(max_size=20))
def test_tokenize_either_succeeds_or_raises_pattern_error(pattern: str):
    try:
        tokens = tokenize(pattern)
    except PatternError as error:
        assert 0 <= error.position < len(pattern)
    else:
        assert all(t.width == len(t.text) for t in tokens)


def test_pattern_body_is_the_unanchored_regex_or_none_when_letters_cannot_be_checked() -> None:
    body = pattern_body("dd.MM.yyyy")
    assert body is not None and re.fullmatch(body, "29.02.2024")
    assert not re.fullmatch(body, "29.02.2023") and not re.fullmatch(body, "x29.02.2024")
    assert pattern_body("EEE, dd MMM yyyy") is None  # day names: no exact regex
    assert pattern_body("dd 'unterminated") is None
