"""Choosing a mapping's date ``format``: forced by the user, read from the profile, or
decided between ambiguous day/month candidates by ``--dayfirst`` / ``--monthfirst``."""

from __future__ import annotations

from dataclasses import dataclass

from mapper.dates import PatternError, tokenize

DATE_KINDS = frozenset({"date", "datetime"})


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
        return FormatChoice(forced, "--date-format")
    if kind not in DATE_KINDS:
        return FormatChoice(None)
    if not ambiguous:
        return FormatChoice(profiled, "profile" if profiled else "")
    if date_order is not None:
        picked = [c for c in candidates if _order_of(c) == date_order]
        if len(picked) == 1:
            return FormatChoice(picked[0], f"--{date_order}")
        candidates = tuple(picked) or candidates
    return FormatChoice(None, "ambiguous", tuple(candidates))


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
