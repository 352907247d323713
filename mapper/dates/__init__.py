"""Java date patterns (SimpleDateFormat / DateTimeFormatter), as Zoho's ``format`` uses them.

This module is on the ``mapper check`` path: it imports nothing heavy, and of the project
only the leaf `mapper.zoho`. It knows patterns, not files: tokenising a pattern, flagging
the usual slips in hand-written patterns, Zoho's allowed list and defaults, a pattern's
meaning, and a regex that checks a value against a pattern. Inferring patterns from values lives in
`mapper.dates.infer`; its public names are re-exported here, imported on first use.
"""

from __future__ import annotations

from dataclasses import dataclass

from mapper.zoho import DATE_FORMATS, DEFAULT_DATE_FORMAT, DEFAULT_DATETIME_FORMAT

# Letters either Java API gives a meaning; every other ASCII letter is reserved.
JAVA_PATTERN_LETTERS = frozenset("GuyDMLdQqYwWEecFaBhKkHmsSAnNVvzOXxZpg")

HOUR_LETTERS = frozenset("HhKk")

DEFAULT_DATE = DEFAULT_DATE_FORMAT
DEFAULT_DATETIME = DEFAULT_DATETIME_FORMAT

# Zoho's allowed date patterns (`mapper.zoho.DATE_FORMATS`, with its source)
ZOHO_DATE_PATTERNS: tuple[str, ...] = DATE_FORMATS.patterns


class PatternError(ValueError):
    """A pattern Java would reject; ``position`` is the 0-based offset of the culprit."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at position {position})")
        self.position = position


@dataclass(frozen=True)
class PatternToken:
    """One piece of a pattern: a run of one letter (``letter`` set) or literal text.

    ``width`` is the run length for a letter and the literal's length otherwise; ``text`` is
    the letter run as written, or the literal as it appears in a value (quotes removed);
    ``position`` is the 0-based offset of the token in the pattern.
    """

    letter: str | None
    width: int
    text: str
    position: int


@dataclass(frozen=True)
class PatternSlip:
    """A pattern Java accepts but that almost surely does not mean what its author meant."""

    code: str
    message: str


def tokenize(pattern: str) -> list[PatternToken]:
    """Split a Java date pattern into letter runs and literals (adjacent literals merged)."""
    tokens: list[PatternToken] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "'":
            text, end = _read_quoted(pattern, i)
            _append_literal(tokens, text, i)
            i = end
        elif char.isascii() and char.isalpha():
            if char not in JAVA_PATTERN_LETTERS:
                raise PatternError(f"'{char}' is not a Java date pattern letter", i)
            end = i
            while end < len(pattern) and pattern[end] == char:
                end += 1
            tokens.append(PatternToken(char, end - i, pattern[i:end], i))
            i = end
        else:
            _append_literal(tokens, char, i)
            i += 1
    return tokens


def _read_quoted(pattern: str, start: int) -> tuple[str, int]:
    """The literal text of the quote starting at ``start`` and the offset just after it."""
    if pattern.startswith("''", start):
        return "'", start + 2
    text: list[str] = []
    i = start + 1
    while i < len(pattern):
        if pattern[i] != "'":
            text.append(pattern[i])
            i += 1
        elif pattern.startswith("''", i):
            text.append("'")
            i += 2
        else:
            return "".join(text), i + 1
    raise PatternError("unterminated quote", start)


def _append_literal(tokens: list[PatternToken], text: str, position: int) -> None:
    if tokens and tokens[-1].letter is None:
        last = tokens[-1]
        merged = last.text + text
        tokens[-1] = PatternToken(None, len(merged), merged, last.position)
    elif text:
        tokens.append(PatternToken(None, len(text), text, position))


def pattern_slips(pattern: str) -> list[PatternSlip]:
    """Valid-but-suspect uses of pattern letters (raises `PatternError` on invalid ones)."""
    letters = {token.letter for token in tokenize(pattern) if token.letter}
    slips: list[PatternSlip] = []
    if "m" in letters and not letters & HOUR_LETTERS:
        slips.append(
            PatternSlip(
                "minute-as-month",
                "'m' is minute-of-hour and the pattern has no hour; month is 'M'",
            )
        )
    if "Y" in letters:
        slips.append(
            PatternSlip(
                "week-year",
                "'Y' is the week-based year, which differs from the calendar year around "
                "New Year; the calendar year is 'y'",
            )
        )
    if "D" in letters:
        slips.append(PatternSlip("day-of-year", "'D' is day-of-year (1-366); day-of-month is 'd'"))
    if letters & {"h", "K"} and "a" not in letters:
        slips.append(
            PatternSlip(
                "12h-without-marker",
                "'h'/'K' is a 12-hour clock but the pattern has no AM/PM marker 'a'; "
                "a 24-hour clock is 'H'",
            )
        )
    return slips


# Month names and the role each pattern letter plays, shared with `mapper.dates.infer`.
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
ROLES = {"y": "year", "u": "year", "M": "month", "L": "month", "d": "day", "H": "hour",
         "h": "hour", "k": "hour", "K": "hour", "m": "minute", "s": "second",
         "S": "fraction", "a": "am-pm", "X": "offset", "x": "offset", "Z": "offset"}  # fmt: skip


def render(tokens: list[PatternToken]) -> str:
    """A pattern string for tokens; literals holding letters or quotes are quoted."""
    parts = []
    for token in tokens:
        if token.letter:
            parts.append(token.text)
        elif any(ch.isascii() and ch.isalpha() for ch in token.text):
            parts.append("'" + token.text.replace("'", "''") + "'")
        else:
            parts.append(token.text.replace("'", "''"))
    return "".join(parts)


def meaning(pattern: str) -> tuple[str, ...]:
    """The roles of the pattern's fields in order: patterns of one meaning read alike."""
    return tuple(ROLES.get(t.letter, t.letter) for t in tokenize(pattern) if t.letter)


def format_kind(pattern: str) -> str:
    """Which of Zoho's format lists a ``format`` belongs to: "datetime" when it has an hour,
    "date" when it has a year, month or day, else "number" (raises `PatternError`)."""
    letters = {token.letter for token in tokenize(pattern) if token.letter}
    if letters & HOUR_LETTERS:
        return "datetime"
    return "date" if letters & {"y", "u", "M", "L", "d"} else "number"


def has_time(pattern: str) -> bool:
    return any(token.letter in HOUR_LETTERS for token in tokenize(pattern))


_LEAP_YEARS = {
    4: r"(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)",
    2: r"(?:0[048]|[2468][048]|[13579][26])",
}
_ALL_MONTHS = tuple(range(1, 13))
_NOT_FEBRUARY = tuple(m for m in _ALL_MONTHS if m != 2)
_LONG_MONTHS = (1, 3, 5, 7, 8, 10, 12)
# (days, months, leap years only) covering every valid day-month pair once
_CALENDAR = (
    ("(?:0[1-9]|1\\d|2[0-8])", _ALL_MONTHS, False),
    ("(?:29|30)", _NOT_FEBRUARY, False),
    ("31", _LONG_MONTHS, False),
    ("29", (2,), True),
)


def pattern_regex(pattern: str) -> str:
    """An RE2- and `re`-compatible regex matching exactly the values the pattern reads.

    Day and month are checked together (no 31 April, 29 February only in leap years).
    """
    tokens = tokenize(pattern)
    letters = {token.letter for token in tokens}
    if not {"d", "M"} <= letters:
        return "^" + "".join(_token_regex(token, {}) for token in tokens) + "$"
    branches = []
    for days, months, leap in _CALENDAR:
        overrides: dict[str, object] = {"d": days, "M": months, "leap": leap}
        branches.append("".join(_token_regex(token, overrides) for token in tokens))
    return "^(?:" + "|".join(branches) + ")$"


def pattern_body(pattern: str) -> str | None:
    """The unanchored body of ``pattern_regex(pattern)``, for a full-match check; None when
    the pattern is invalid or has letters the regex cannot check exactly."""
    try:
        tokens = tokenize(pattern)
    except PatternError:
        return None
    if {token.letter for token in tokens if token.letter} - CHECKABLE_LETTERS:
        return None
    return pattern_regex(pattern).removeprefix("^").removesuffix("$")


def _token_regex(token: PatternToken, overrides: dict[str, object]) -> str:
    letter, width = token.letter, token.width
    if letter is None:
        return literal_regex(token.text)
    if letter == "S":
        return rf"\d{{{width}}}"
    if letter == "d" and "d" in overrides:
        days = str(overrides["d"])
        return days.replace("(?:0", "(?:0?", 1) if width == 1 else days
    if letter in "ML":
        return _month_regex(width, overrides.get("M", _ALL_MONTHS))  # type: ignore[arg-type]
    if letter in "yu" and overrides.get("leap"):
        return _LEAP_YEARS.get(width, r"\d+")
    return _FIELD_REGEX.get((letter, min(width, 3)), _FIELD_REGEX.get((letter, 0), r"\d+"))


def _month_regex(width: int, months: tuple[int, ...]) -> str:
    if width >= 3:
        names = [MONTHS[m - 1] if width > 3 else MONTHS[m - 1][:3] for m in months]
        return "(?i:" + "|".join(names) + ")"
    spelt = [f"0?{m}" if width == 1 and m < 10 else f"{m:02d}" for m in months]
    return "(?:" + "|".join(spelt) + ")"


_REGEX_SPECIALS = frozenset(".^$*+?()[]{}|\\")


def literal_regex(text: str) -> str:
    """``text`` as a regex matching itself, in both RE2 and `re` syntax."""
    return "".join("\\" + ch if ch in _REGEX_SPECIALS else ch for ch in text)


# (letter, width or 0 for any width) -> regex; width 3 stands for "3 or more"
_FIELD_REGEX = {
    ("y", 2): r"\d{2}",
    ("y", 0): r"\d{4}",
    ("u", 0): r"\d{4}",
    ("d", 1): r"(?:0?[1-9]|[12]\d|3[01])",
    ("d", 2): r"(?:0[1-9]|[12]\d|3[01])",
    ("H", 1): r"(?:[01]?\d|2[0-3])",
    ("H", 2): r"(?:[01]\d|2[0-3])",
    ("h", 1): r"(?:0?[1-9]|1[0-2])",
    ("h", 2): r"(?:0[1-9]|1[0-2])",
    ("m", 1): r"[0-5]?\d",
    ("m", 2): r"[0-5]\d",
    ("s", 1): r"[0-5]?\d",
    ("s", 2): r"[0-5]\d",
    ("a", 0): r"(?i:am|pm)",
    ("X", 1): r"(?:Z|[+-]\d{2}(?:\d{2})?)",
    ("X", 2): r"(?:Z|[+-]\d{4})",
    ("X", 3): r"(?:Z|[+-]\d{2}:\d{2})",
    ("x", 1): r"[+-]\d{2}(?:\d{2})?",
    ("x", 2): r"[+-]\d{4}",
    ("x", 3): r"[+-]\d{2}:\d{2}",
    ("Z", 0): r"[+-]\d{4}",
}
# letters `pattern_regex` reads exactly (months and fractions have their own code); for the
# others (day names, eras, week numbers) it guesses digits, so a check would refuse good values
CHECKABLE_LETTERS = frozenset({letter for letter, _ in _FIELD_REGEX} | {"M", "L", "S"})
