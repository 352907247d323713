"""Rewriting date and date-time values from the pattern they are in to a listed one.

A source pattern is turned into a regex with one named group per field; pyarrow's
``extract_regex`` splits a whole batch with it, and the target is assembled from the
groups (zero-padded, month names to numbers, a 12-hour clock to 24 hours). Validity,
the calendar included, is the pre-flight's own (`mapper.dates.pattern_body`), so a value
fix rewrites is one the pre-flight would have read under the source pattern.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.arrays import bool_array, int64_array
from mapper.dates import MONTHS, PatternError, literal_regex, pattern_body, tokenize
from mapper.zoho import DATE_FORMATS, DEFAULT_DATE_FORMAT, DEFAULT_DATETIME_FORMAT

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

ISO_DATE = "yyyy-MM-dd"
TARGETS = {("date", "zoho"): DEFAULT_DATE_FORMAT, ("date", "iso"): ISO_DATE}
# the only date-time format Zoho documents (mapper.zoho.DATETIME_FORMATS), whatever the style
DATETIME_TARGET = DEFAULT_DATETIME_FORMAT

_GROUPS = {
    ("y", 4): r"(?P<y>\d{4})",
    ("M", 1): r"(?P<M>\d{1,2})",
    ("M", 2): r"(?P<M>\d{2})",
    ("M", 3): r"(?P<N>[A-Za-z]{3})",
    ("M", 4): r"(?P<N>[A-Za-z]+)",
    ("d", 1): r"(?P<d>\d{1,2})",
    ("d", 2): r"(?P<d>\d{2})",
    ("H", 1): r"(?P<H>\d{1,2})",
    ("H", 2): r"(?P<H>\d{2})",
    ("h", 1): r"(?P<h>\d{1,2})",
    ("h", 2): r"(?P<h>\d{2})",
    ("m", 1): r"(?P<m>\d{1,2})",
    ("m", 2): r"(?P<m>\d{2})",
    ("s", 1): r"(?P<s>\d{1,2})",
    ("s", 2): r"(?P<s>\d{2})",
    ("a", 1): r"(?P<a>[AaPp][Mm])",
}
FRACTIONS = "fractions of a second: Zoho's listed format has none"
TIME_IN_DATE = "a time of day in a date field (fix drops only midnight)"
_NAMES = [name[:3] for name in MONTHS] + list(MONTHS)


class DateRefusal(Exception):
    """A source pattern fix cannot rewrite; the message says why."""


@dataclass(frozen=True)
class DateRewrite:
    """How one column's values go from ``source`` to ``target``."""

    source: str
    target: str
    regex: str  # anchored, with named groups
    valid: str  # the calendar-checked body of `pattern_body(source)`
    has_fraction: bool
    drops_time: bool  # a date field's values carry a time, which must be midnight


def target_pattern(data_type: str, style: str) -> str:
    return DATETIME_TARGET if data_type == "datetime" else TARGETS[("date", style)]


def plan_rewrite(source: str, data_type: str, style: str) -> DateRewrite | None:
    """The rewrite of a ``data_type`` column in ``source``; None when the values already
    stand in a listed pattern fix must keep (two-digit years: the century would be a
    guess). Raises `DateRefusal` for a pattern fix cannot rewrite."""
    try:
        tokens = tokenize(source)
    except PatternError as error:
        raise DateRefusal(f"{source!r} is not a date pattern: {error}") from None
    letters = {t.letter for t in tokens if t.letter}
    if any(t.letter in ("y", "u") and t.width == 2 for t in tokens):
        if data_type == "date" and DATE_FORMATS.lists(source):
            return None
        raise DateRefusal(
            f"two-digit years ({source}): fix does not guess the century; write four digits"
        )
    if data_type == "datetime" and not letters & set("Hh"):
        raise DateRefusal(
            f"the values are dates without a time ({source}); fix does not invent a time"
        )
    if letters & set("XxZ"):
        raise DateRefusal(
            f"the values carry a UTC offset ({source}); Zoho's listed date-time format has "
            "none and the time zone Zoho would read them in is not documented"
        )
    parts = [_group(t) for t in tokens]
    body = pattern_body(source)
    if body is None or not {"d", "M"} <= {t.letter for t in tokens} or "y" not in letters:
        raise DateRefusal(f"fix cannot read every field of {source!r}")
    return DateRewrite(
        source,
        target_pattern(data_type, style),
        "^" + "".join(parts) + "$",
        body,
        has_fraction="S" in letters,
        drops_time=data_type == "date" and bool(letters & set("Hh")),
    )


def _group(token: object) -> str:
    letter, width, text = token.letter, token.width, token.text  # type: ignore[attr-defined]
    if letter is None:
        return literal_regex(text)
    if letter == "S":
        return rf"(?P<S>\d{{{width}}})"
    if letter == "u":
        letter = "y"
    if letter == "L":
        letter = "M"
    width = 4 if letter == "y" else min(width, 4 if letter == "M" else 2)
    group = _GROUPS.get((letter, width))
    if group is None:
        raise DateRefusal(f"fix cannot read the '{text}' field of a date pattern")
    return group


@dataclass(frozen=True)
class Rewritten:
    """A batch's rewritten values (the input where ``failing``), and why those failed."""

    values: pa.Array
    failing: np.ndarray
    reasons: dict[str, np.ndarray]


def rewrite(rewrite: DateRewrite, trimmed: pa.Array, empty: np.ndarray) -> Rewritten:
    """``trimmed`` values rewritten; empty ones stay empty, misfits are failing."""
    import numpy as np
    import pyarrow.compute as pc

    fits = _mask(pc.match_substring_regex(trimmed, f"^(?:{rewrite.valid})$")) & ~empty
    rows = np.flatnonzero(fits)
    reasons = {f"not a date in {rewrite.source}": ~fits & ~empty}
    if not len(rows):
        return Rewritten(trimmed, ~fits & ~empty, reasons)
    groups = pc.extract_regex(trimmed.take(int64_array(rows)), rewrite.regex)
    fields = {name: groups.field(name) for name in _names(groups)}
    built, bad = _assemble(rewrite, fields, reasons, rows, len(trimmed))
    good = np.ones(len(rows), dtype=bool) if bad is None else ~bad
    mask = np.zeros(len(trimmed), dtype=bool)
    mask[rows[good]] = True
    values = pc.replace_with_mask(trimmed, bool_array(mask), built.filter(bool_array(good)))
    return Rewritten(values, ~mask & ~empty, reasons)


def _assemble(
    rewrite: DateRewrite, fields: dict, reasons: dict, rows: np.ndarray, size: int
) -> tuple[pa.Array, np.ndarray | None]:
    """The target text of each matched value, and which of them cannot be written."""
    import numpy as np
    import pyarrow.compute as pc

    month = fields.get("M")
    month = _pad(month) if month is not None else _month_number(fields["N"])
    day, year = _pad(fields["d"]), fields["y"]
    date = (
        pc.binary_join_element_wise(year, month, day, "-")
        if rewrite.target == ISO_DATE
        else pc.binary_join_element_wise(month, day, year, "/")
    )
    bad = np.zeros(len(rows), dtype=bool)
    if "H" in fields or "h" in fields:
        hour = _hour24(fields)
        minute = _pad(fields["m"]) if "m" in fields else None
        second = _pad(fields["s"]) if "s" in fields else None
        if "S" in fields:
            nonzero = _mask(pc.match_substring_regex(fields["S"], "[1-9]"))
            _fail(reasons, FRACTIONS, rows, nonzero, size)
            bad |= nonzero
        if rewrite.drops_time:
            clock = [hour, minute, second]
            late = np.zeros(len(rows), dtype=bool)
            for part in clock:
                if part is not None:
                    late |= _mask(pc.not_equal(part, "00"))
            _fail(reasons, TIME_IN_DATE, rows, late, size)
            bad |= late
        else:
            minute = "00" if minute is None else minute
            second = "00" if second is None else second
            time = pc.binary_join_element_wise(hour, minute, second, ":")
            date = pc.binary_join_element_wise(date, time, " ")
    return date, bad if bad.any() else None


def _fail(reasons: dict, reason: str, rows: np.ndarray, hit: np.ndarray, size: int) -> None:
    import numpy as np

    mask = reasons.setdefault(reason, np.zeros(size, dtype=bool))
    mask[rows[hit]] = True


def _names(groups: pa.Array) -> list[str]:
    return [groups.type.field(i).name for i in range(groups.type.num_fields)]


def _pad(values: pa.Array) -> pa.Array:
    import pyarrow.compute as pc

    return pc.utf8_lpad(values, 2, "0")


def _month_number(names: pa.Array) -> pa.Array:
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.index_in(pc.utf8_lower(names), value_set=pa.array(_NAMES))
    numbers = pa.array([f"{(i % 12) + 1:02d}" for i in range(len(_NAMES))])
    return numbers.take(found)


def _hour24(fields: dict) -> pa.Array:
    """HH of a 24-hour field, or of a 12-hour one with its AM/PM marker (12 AM is 00)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if "H" in fields:
        return _pad(fields["H"])
    hours = pc.cast(fields["h"], pa.int64())
    pm = pc.equal(pc.utf8_lower(fields["a"]), "pm")
    hours = pc.add(pc.if_else(pc.equal(hours, 12), 0, hours), pc.if_else(pm, 12, 0))
    return _pad(pc.cast(hours, pa.string()))


def _mask(booleans: pa.Array) -> np.ndarray:
    import pyarrow.compute as pc

    return pc.fill_null(booleans, False).to_numpy(zero_copy_only=False)
