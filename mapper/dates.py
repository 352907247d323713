"""Java date patterns (SimpleDateFormat / DateTimeFormatter), as Zoho's ``format`` uses them.

This module is on the ``mapper check`` path: it imports nothing heavy and nothing of the
project. It knows patterns, not files: tokenising a pattern, flagging the usual slips in
hand-written patterns, Zoho's allowed list and defaults, and (further down) candidate
patterns for the shape of a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters either Java API gives a meaning; every other ASCII letter is reserved.
JAVA_PATTERN_LETTERS = frozenset("GuyDMLdQqYwWEecFaBhKkHmsSAnNVvzOXxZpg")

HOUR_LETTERS = frozenset("HhKk")

DEFAULT_DATE = "MM/dd/yyyy"
DEFAULT_DATETIME = "MM/dd/yyyy HH:mm:ss"

# The readable part of Zoho's "Allowed Date Field Formats" list (zoho-bulk-write.md §5), plus
# `yyyy/MM/dd`, which Zoho's own v2 sample uses although it falls in the unreadable part.
ZOHO_DATE_PATTERNS: tuple[str, ...] = (
    "dd MMM yy", "yy MMM dd", "MMM/dd/yy", "dd MMM yyyy", "yyyy.MMM.dd", "dd-MMMM-yy",
    "yy-MMMM-dd", "MMMM-dd-yy", "dd.MMMM.yy", "yy.MMMM.dd", "yyyy-MMMM-dd", "dd-MMM-yyyy",
    "dd.MM.yyyy", "MM.dd.yyyy", "dd MMMM yyyy", "MMM-dd-yy", "MMM/dd/yyyy", "MMM dd yyyy",
    "dd/MMM/yyyy", "yyyy/MMMM/dd", "yyyy MMMM dd", "MMM.dd.yy", "yyyy.MM.dd", "dd-MMM-yy",
    "yy-MMM-dd", "MMMM-dd-yyyy", "dd.MM.yy", "MM.dd.yy", "yy.MM.dd", "dd/MM/yyyy", "MM/dd/yyyy",
    "dd MM yyyy", "MM dd yyyy", "dd-MMMM-yyyy", "MMM.dd.yyyy", "yyyy MM dd", "dd/MM/yy",
    "MM/dd/yy", "yy/MM/dd", "MMMM.dd.yyyy", "dd/MMMM/yyyy", "dd.MMM.yyyy", "dd/MMM/yy",
    "yy/MMM/dd", "yyyy/MMM/dd", "yyyy MMM dd", "dd.MMM.yy", "yy.MMM.dd", "yyyy.MMMM.dd",
    "MMMM dd yy", "MMM dd,yyyy", "MMMM dd,yyyy", "dd/MMMM/yy", "yy/MMMM/dd", "yyyy-MM-dd",
    "yyyy/MM/dd",
)  # fmt: skip


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


# --- Candidate patterns for a value, and a regex that checks a value against a pattern ---

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
ROLES = {"y": "year", "u": "year", "M": "month", "L": "month", "d": "day", "H": "hour",
         "h": "hour", "k": "hour", "K": "hour", "m": "minute", "s": "second",
         "S": "fraction", "a": "am-pm", "X": "offset", "x": "offset", "Z": "offset"}  # fmt: skip

_ATOM = r"(\d+|[A-Za-z]+)"
_SEP = r"([-/. ]|, |,)"
_DATE = re.compile(rf"{_ATOM}{_SEP}{_ATOM}{_SEP}{_ATOM}")
_TIME = re.compile(
    r"(?P<sep> |T|, )(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})"
    r"(?:\.(?P<fraction>\d{1,9}))?)?(?P<ampm> ?[AaPp][Mm])?"
    r"(?P<offset> ?(?:Z|[+-]\d{2}(?::?\d{2})?))?"
)
_NUMERIC_ORDERS = (("y", "M", "d"), ("d", "M", "y"), ("M", "d", "y"))
_NAMED_ORDERS = (("d", "M", "y"), ("M", "d", "y"), ("y", "M", "d"))


def candidate_patterns(value: str) -> list[str]:
    """Every Java pattern (up to zero-padding) that could have written ``value``.

    Only year-month-day dates with an optional time are considered: three fields with one
    or two separators among ``- / . space , ``, or a month name; a time after a space or
    ``T`` with optional seconds, fraction, AM/PM and offset. Day, month and hour fields
    are spelt zero-padded (``dd``); `loosened` gives the spellings that also read ``3``.
    """
    match = _DATE.match(value)
    if not match:
        return []
    time_patterns = _time_patterns(value[match.end() :])
    if time_patterns is None:
        return []
    atoms, seps = match.group(1, 3, 5), match.group(2, 4)
    patterns: list[str] = []
    for date_pattern in _date_patterns(atoms, seps):
        patterns.extend(date_pattern + time for time in time_patterns)
    return patterns


def _date_patterns(atoms: tuple[str, ...], seps: tuple[str, ...]) -> list[str]:
    named = [i for i, atom in enumerate(atoms) if atom.isalpha()]
    if len(named) > 1 or (named and not _month_letters(atoms[named[0]])):
        return []
    orders = _NAMED_ORDERS if named else _NUMERIC_ORDERS
    patterns: list[str] = []
    for order in orders:
        if named and order[named[0]] != "M":
            continue
        fields = [_field_letters(role, atom) for role, atom in zip(order, atoms, strict=True)]
        for first in fields[0]:
            for second in fields[1]:
                patterns.extend(f"{first}{seps[0]}{second}{seps[1]}{third}" for third in fields[2])
    return patterns


def _month_letters(word: str) -> list[str]:
    lower = word.lower()
    letters = []
    if any(lower == month[:3] for month in MONTHS):
        letters.append("MMM")
    if lower in MONTHS:
        letters.append("MMMM")  # "May" is both
    return letters


def _field_letters(role: str, atom: str) -> list[str]:
    """The zero-padded spellings of a field of ``role`` that can hold ``atom``."""
    if atom.isalpha():
        return _month_letters(atom) if role == "M" else []
    if role == "y":
        return {2: ["yy"], 4: ["yyyy"]}.get(len(atom), [])
    return [role * 2] if len(atom) <= 2 else []


def _time_patterns(rest: str) -> list[str] | None:
    """Pattern tails for the text after the date; None when it is not a time."""
    if not rest:
        return [""]
    match = _TIME.fullmatch(rest)
    if not match:
        return None
    sep = "'T'" if match["sep"] == "T" else match["sep"]
    ampm = match["ampm"]
    hour = "hh" if ampm else "HH"
    tail = ":mm" + (":ss" if match["second"] else "")
    if match["fraction"]:
        tail += "." + "S" * len(match["fraction"])
    if ampm:
        tail += " a" if ampm.startswith(" ") else "a"
    return [sep + hour + tail + offset for offset in _offsets(match["offset"])]


def _offsets(offset: str | None) -> list[str]:
    """Offset letters for a written offset: ``X`` reads ``Z`` as UTC, a quoted 'Z' would not."""
    if not offset:
        return [""]
    space = " " if offset.startswith(" ") else ""
    body = offset.strip()
    if body == "Z":
        return [space + "XXX", space + "XX", space + "X"]
    if ":" in body:
        return [space + "XXX"]
    return [space + ("XX" if len(body) == 5 else "X")]


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


_DATE_PADDED = frozenset("dM")
_TIME_PADDED = frozenset("Hh")


def loosened(pattern: str) -> list[tuple[frozenset[str], str]]:
    """The pattern and its spellings that also read unpadded fields ("3" for ``dd``).

    Each comes with the groups it loosens ("date", "time"); a spelling reads everything the
    ones with a subset of its groups read, which lets a caller widen a candidate safely.
    """
    tokens = tokenize(pattern)
    variants: list[tuple[frozenset[str], str]] = []
    for groups in ((), ("time",), ("date",), ("date", "time")):
        letters = (_DATE_PADDED if "date" in groups else set()) | (
            _TIME_PADDED if "time" in groups else set()
        )
        text = render([_unpadded(token) if token.letter in letters else token for token in tokens])
        if all(text != known for _, known in variants):
            variants.append((frozenset(groups), text))
    return variants


def _unpadded(token: PatternToken) -> PatternToken:
    if token.width != 2:
        return token
    return PatternToken(token.letter, 1, token.text[0], token.position)


def meaning(pattern: str) -> tuple[str, ...]:
    """The roles of the pattern's fields in order: patterns of one meaning read alike."""
    return tuple(ROLES.get(t.letter, t.letter) for t in tokenize(pattern) if t.letter)


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


def _token_regex(token: PatternToken, overrides: dict[str, object]) -> str:
    letter, width = token.letter, token.width
    if letter is None:
        return "".join("\\" + ch if ch in _REGEX_SPECIALS else ch for ch in token.text)
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


_ZOHO_SET = frozenset(ZOHO_DATE_PATTERNS)
_SETTLERS = {
    frozenset({"day", "month"}): "a day above 12",
    frozenset({"year", "day"}): "a two-digit year above 31",
    frozenset({"year", "month"}): "a two-digit year above 12",
}


def by_preference(patterns: list[str]) -> list[str]:
    """Zoho's allowed patterns first, then the given order (callers list padded first)."""
    return sorted(patterns, key=lambda pattern: pattern not in _ZOHO_SET)


def settle_hint(patterns: list[str]) -> str:
    """What kind of value would tell apart patterns of different meaning, in words."""
    meanings = list(dict.fromkeys(meaning(pattern) for pattern in patterns))
    if len(meanings) < 2:
        return ""
    first, second = meanings[0], meanings[1]
    for left, right in zip(first, second, strict=False):
        if left != right:
            return _SETTLERS.get(frozenset({left, right}), "a value only one of them reads")
    return "a value only one of them reads"


_SHAPE_PIECES = re.compile(r"\d|[A-Za-z]+|.", re.DOTALL)
_SHORT_MONTHS = "(?i:" + "|".join(month[:3] for month in MONTHS) + ")"
_FULL_MONTHS = "(?i:" + "|".join(MONTHS) + ")"


_TRAILING_OFFSET = re.compile(r"(?<=\d)( ?)(Z|[+-]\d\d(?::?\d\d)?)$")
# offset spelt as written -> (display, regex); a UTC "Z" fits every numeric spelling
_OFFSET_SHAPES = {
    1: ("Z", "Z"),
    3: ("+99", r"(?:Z|[+-]\d\d)"),
    5: ("+9999", r"(?:Z|[+-]\d{4})"),
    6: ("+99:99", r"(?:Z|[+-]\d\d:\d\d)"),
}


def shape(value: str) -> tuple[str, str]:
    """(display, regex) of a value's shape: digits as 9, month names as Mmm/Mmmm, AM/PM,
    and a time's trailing offset as +99:99 (whatever its sign, or Z).

    The regex matches every value of the same shape, so a column's shapes can be counted
    without looking at its values one by one.
    """
    offset = _TRAILING_OFFSET.search(value)
    if offset and ":" not in value[: offset.start()]:
        offset = None
    body = value[: offset.start()] if offset else value
    display, regex = _body_shape(body)
    if offset:
        space = offset.group(1)
        shown, pattern = _OFFSET_SHAPES[len(offset.group(2))]
        display, regex = display + space + shown, regex + space + pattern
    return display, "^" + regex + "$"


def _body_shape(value: str) -> tuple[str, str]:
    display, regex = [], []
    for piece in _SHAPE_PIECES.findall(value):
        lower = piece.lower()
        if piece.isdigit():
            display.append("9")
            regex.append(r"\d")
        elif len(piece) == 3 and any(lower == month[:3] for month in MONTHS):
            display.append("Mmm")
            regex.append(_SHORT_MONTHS)
        elif lower in MONTHS:
            display.append("Mmmm")
            regex.append(_FULL_MONTHS)
        elif lower in ("am", "pm"):
            display.append("AM")
            regex.append("(?i:am|pm)")
        else:
            display.append(piece)
            regex.append("".join("\\" + ch if ch in _REGEX_SPECIALS else ch for ch in piece))
    return "".join(display), "".join(regex)


_PATTERN_SHAPES = {"MMM": "Mmm", "MMMM": "Mmmm", "a": "AM", "X": "+99", "XX": "+9999",
                   "XXX": "+99:99"}  # fmt: skip


def pattern_shape(pattern: str) -> str | None:
    """The one `shape` display of every value the pattern reads, or None if it reads several
    (unpadded fields read one or two digits)."""
    parts = []
    for token in tokenize(pattern):
        if token.letter is None:
            parts.append(token.text)
        elif token.text in _PATTERN_SHAPES:
            parts.append(_PATTERN_SHAPES[token.text])
        elif token.letter in "yMdHhmsS" and (token.width > 1 or token.letter == "S"):
            parts.append("9" * token.width)
        else:
            return None
    return "".join(parts)
