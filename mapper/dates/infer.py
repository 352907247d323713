"""Inferring Java date patterns from values: candidates for one value, the looser spellings of
a pattern, value shapes, and how to rank and tell apart the patterns left standing.

Pure Python like `mapper.dates`, whose tokenizer and regexes it builds on; `mapper.profile`
uses it to prove a column's pattern over every value.
"""

from __future__ import annotations

import re

from mapper.dates import (
    MONTHS,
    ZOHO_DATE_PATTERNS,
    PatternToken,
    literal_regex,
    meaning,
    render,
    tokenize,
)

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
            regex.append(literal_regex(piece))
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
