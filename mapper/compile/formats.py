"""Choosing a mapping's date ``format``: forced by the user, read from the profile, or
decided between ambiguous day/month candidates by ``--dayfirst`` / ``--monthfirst``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapper.dates import PatternError, tokenize

DATE_KINDS = frozenset({"date", "datetime"})
# the reason of a format the user gave with --date-format
FORCED = "--date-format"


@dataclass(frozen=True)
class FormatChoice:
    """``format`` is None when no format applies; ``candidates`` is set when undecided."""

    format: str | None
    reason: str = ""
    candidates: tuple[str, ...] = ()

    @property
    def undecided(self) -> bool:
        return bool(self.candidates)


def choose_format(
    kind: str,
    profiled: str | None,
    candidates: tuple[str, ...],
    ambiguous: bool,
    *,
    forced: str | None = None,
    date_order: str | None = None,
) -> FormatChoice:
    """The format for a column the profile calls ``kind``.

    ``profiled`` is the profile's format; ``ambiguous`` says it could not tell day from
    month, and ``candidates`` then holds the patterns that fit every value.
    """
    if forced is not None:
        return FormatChoice(forced, FORCED)
    if kind not in DATE_KINDS:
        return FormatChoice(None)
    if not ambiguous:
        return FormatChoice(profiled, "profile" if profiled else "")
    if date_order is not None and _orders_differ(candidates):
        picked = [c for c in candidates if _order_of(c) == date_order]
        if len(picked) == 1:
            return FormatChoice(picked[0], f"--{date_order}")
        candidates = tuple(picked) or candidates
    return FormatChoice(None, "ambiguous", tuple(candidates))


def _orders_differ(candidates: tuple[str, ...]) -> bool:
    """Whether --dayfirst/--monthfirst can decide: two candidates swap day and month (not
    ``yy-MM-dd`` vs ``dd-MM-yy``, where the question is where the year is)."""
    from mapper.dates import meaning

    swap = {"day": "month", "month": "day"}
    try:
        meanings = {meaning(candidate) for candidate in candidates}
    except PatternError:
        return False
    swapped = {m: tuple(swap.get(role, role) for role in m) for m in meanings}
    return any(s != m and s in meanings for m, s in swapped.items())


def _order_of(pattern: str) -> str | None:
    """ "dayfirst" when the day comes before the month in ``pattern``, else "monthfirst"."""
    try:
        letters = [token.letter for token in tokenize(pattern) if token.letter in ("d", "M")]
    except PatternError:
        return None
    if not letters:
        return None
    return "dayfirst" if letters[0] == "d" else "monthfirst"


def check_pattern(pattern: str) -> str | None:
    """Why ``pattern`` is not a usable Java date pattern, or None when it is."""
    if not pattern.strip():
        return "the pattern is empty"
    try:
        letters = {token.letter for token in tokenize(pattern) if token.letter}
    except PatternError as error:
        return str(error)
    if not letters & {"y", "u", "M", "d"}:
        return "the pattern has no year, month or day letter"
    return None


@dataclass(frozen=True)
class Misfits:
    """Non-empty values of a column that a date pattern does not read."""

    count: int
    example: str


def pattern_misfits(data: Path | Any, index: int, pattern: str) -> Misfits | None:
    """Check every (trimmed, non-empty) value of column ``index`` of a CSV file or a
    DataFrame (`Source.data`) against ``pattern``; None when all fit or the pattern has
    letters no regex can check."""
    import pyarrow.compute as pc

    from mapper.dates import pattern_body

    body = pattern_body(pattern)
    if body is None:
        return None
    count, example = 0, ""
    for column in _column_batches(data, index, pattern):
        values = pc.utf8_trim_whitespace(column)
        values = values.filter(pc.not_equal(values, ""))
        bad = values.filter(pc.invert(pc.match_substring_regex(values, f"^(?:{body})$")))
        count += len(bad)
        example = example or (bad[0].as_py() if len(bad) else "")
    return Misfits(count, example) if count else None


def number_misfits(path: Path, index: int) -> Misfits | None:
    """Non-empty values of column ``index`` that are not plain numbers (digits, '.'
    before the decimals, as the pre-flight reads them); None when all are."""
    import pyarrow.compute as pc

    from mapper.shapes import Shape, decimal_body

    plain = Shape(decimal_body()).re2
    count, example = 0, ""
    for column in _column_batches(path, index, ""):
        values = pc.utf8_trim_whitespace(column)
        values = values.filter(pc.not_equal(values, ""))
        bad = values.filter(pc.invert(pc.match_substring_regex(values, plain)))
        count += len(bad)
        example = example or (bad[0].as_py() if len(bad) else "")
    return Misfits(count, example) if count else None


def _column_batches(data: Path | Any, index: int, pattern: str) -> Iterator[Any]:
    """Column ``index`` batch by batch, as the upload CSV holds it (a DataFrame's dates
    are written with ``pattern``)."""
    from mapper.frames import is_dataframe, string_batches

    if is_dataframe(data):
        for columns in string_batches(data, {index: pattern}):
            yield columns[index]
        return
    from mapper.csvfile import sniff
    from mapper.csvfile.reader import read_batches

    for batch in read_batches(data, sniff(data)):
        if index < len(batch.columns):
            yield batch.columns[index]
