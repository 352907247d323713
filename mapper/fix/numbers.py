"""Numbers written with thousands separators, decimal commas or symbols, made plain.

A column's convention is decided over the whole column before any value is rewritten
(`NumberEvidence`, fed batch by batch): '.' as the decimal point (US), ',' as the decimal
comma (EU), or undecided. A value written the other way (``1,5`` beside ``1,234.56``), or
one the decided convention reads differently than it looks (``1,234`` beside ``1,5``),
makes the column mixed: it is reported with the lines of each side, never rewritten. So
is a column whose only separators are single groups of three (``1.000``, ``2,500``),
which both conventions read, differently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mapper.arrays import bool_array

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

US, EU = "us", "eu"
# characters that group thousands besides ',' and '.': space, no-break spaces, apostrophe
_GROUP = "[ '\\x{00a0}\\x{202f}\\x{2009}]"
_SIGN = "[+-]?"
_LEAD = "[1-9][0-9]{0,2}"  # a first group: no leading zero (0,125 is a decimal)


def _number(point: str, grouping: str) -> str:
    """A number whose decimals follow ``point`` and whose thousands ``grouping`` splits
    (or that has no separator at all)."""
    grouped = f"{_LEAD}(?:{grouping}[0-9]{{3}})+|{_LEAD}(?:{_GROUP}[0-9]{{3}})+"
    return f"^{_SIGN}(?:(?:[0-9]+|{grouped})(?:{point}[0-9]+)?|{point}[0-9]+)$"


_US = _number("\\.", ",")
_EU = _number(",", "\\.")
# one group of three after a single separator: the two conventions read it differently
_ONE_COMMA_GROUP = f"^{_SIGN}[1-9][0-9]{{0,2}},[0-9]{{3}}$"
_ONE_DOT_GROUP = f"^{_SIGN}[1-9][0-9]{{0,2}}\\.[0-9]{{3}}$"
# what Zoho takes: optional sign, digits, '.' before the decimals (mapper.shapes.decimal_body)
PLAIN = "^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)$"
# a currency symbol (Unicode Sc) before or after the digits, a sign before or after it
_LEADING_SYMBOL = "^([+-]?)\\s*\\p{Sc}+\\s*"
_TRAILING_SYMBOL = "\\s*\\p{Sc}+$"
_TRAILING_PERCENT = "\\s*%$"
LINES_KEPT = 5
# a spreadsheet's scientific notation (6.0E7): exact as a decimal, so written out in full
_SCIENTIFIC = "^[+-]?[0-9]+(?:\\.[0-9]+)?[Ee][+-]?[0-9]{1,3}$"


@dataclass
class NumberEvidence:
    """Counts (and first lines) of the values only one convention reads, and of the ones
    the two read differently, over a whole column."""

    percent: bool = False
    us_only: int = 0
    eu_only: int = 0
    comma_group: int = 0
    dot_group: int = 0
    lines: dict[str, list[int]] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, trimmed: pa.Array, lines: pa.Array) -> None:
        import numpy as np

        body = strip_symbols(trimmed, self.percent)
        us, eu = _match(body, _US), _match(body, _EU)
        for name, hit in (
            ("us_only", us & ~eu),
            ("eu_only", eu & ~us),
            ("comma_group", _match(body, _ONE_COMMA_GROUP)),
            ("dot_group", _match(body, _ONE_DOT_GROUP)),
        ):
            count = int(hit.sum())
            if not count:
                continue
            setattr(self, name, getattr(self, name) + count)
            kept = self.lines.setdefault(name, [])
            if len(kept) < LINES_KEPT:
                rows = np.flatnonzero(hit)[: LINES_KEPT - len(kept)]
                kept += [int(lines[int(r)].as_py()) for r in rows]
                self.examples.setdefault(name, trimmed[int(rows[0])].as_py())

    def decide(self) -> tuple[str | None, str | None]:
        """(convention, why the column is left as it is): one of them is None."""
        if self.us_only and self.eu_only:
            return None, self._mixed("us_only", "'.' decimals", "eu_only", "',' decimals")
        if self.eu_only:
            if self.comma_group:
                return None, self._mixed(
                    "eu_only", "',' decimals", "comma_group", "',' grouping thousands"
                )
            return EU, None
        if self.us_only:
            if self.dot_group:
                return None, self._mixed(
                    "us_only", "'.' decimals", "dot_group", "'.' grouping thousands"
                )
            return US, None
        for name, separator, point in (
            ("comma_group", "','", "the decimal comma"),
            ("dot_group", "'.'", "the decimal point"),
        ):
            if getattr(self, name):
                lines = _lines(self.lines[name], getattr(self, name))
                return None, (
                    f"cannot tell whether {separator} groups thousands or is {point} (e.g. "
                    f"{self.examples[name]!r} on {lines}), and no value settles it"
                )
        return US, None

    def _mixed(self, one: str, one_what: str, other: str, other_what: str) -> str:
        count = {"us_only": self.us_only, "eu_only": self.eu_only}
        count |= {"comma_group": self.comma_group, "dot_group": self.dot_group}
        return (
            f"the column mixes number conventions: {one_what} (e.g. {self.examples[one]!r}, "
            f"{_lines(self.lines[one], count[one])}) and {other_what} (e.g. "
            f"{self.examples[other]!r}, {_lines(self.lines[other], count[other])})"
        )


def _lines(lines: list[int], count: int) -> str:
    shown = ", ".join(map(str, lines))
    more = f" and {count - len(lines)} more" if count > len(lines) else ""
    return f"line{'s' if count > 1 else ''} {shown}{more}"


def strip_symbols(values: pa.Array, percent: bool) -> pa.Array:
    """Currency symbols (and for a percent field a trailing '%') taken off the digits."""
    import pyarrow.compute as pc

    values = pc.replace_substring_regex(values, _LEADING_SYMBOL, "\\1")
    values = pc.replace_substring_regex(values, _TRAILING_SYMBOL, "")
    if percent:
        values = pc.replace_substring_regex(values, _TRAILING_PERCENT, "")
    return values


@dataclass(frozen=True)
class NumberRewrite:
    convention: str | None  # None: the column is left as it is (``refusal`` says why)
    percent: bool
    shape: str  # the field's plain-number regex (digits bounded by its length)
    what: str
    refusal: str | None = None


def rewrite_numbers(
    rewrite: NumberRewrite, trimmed: pa.Array, empty: np.ndarray
) -> tuple[pa.Array, dict[str, np.ndarray]]:
    """Each value plain; the failing ones (by reason) keep their text."""
    import numpy as np
    import pyarrow.compute as pc

    if rewrite.convention is None:
        # what the column cannot say: values not plain, and the ones read two ways
        body = strip_symbols(trimmed, rewrite.percent)
        doubtful = _match(body, _ONE_COMMA_GROUP) | _match(body, _ONE_DOT_GROUP)
        left = (~_match(trimmed, rewrite.shape) | doubtful) & ~empty
        return trimmed, {rewrite.refusal or "": left}
    us = rewrite.convention == US
    # '.' is a decimal point only in the US convention: in the other it groups thousands
    already = _match(trimmed, rewrite.shape) if us else np.zeros(len(trimmed), dtype=bool)
    body = strip_symbols(trimmed, rewrite.percent)
    readable = _match(body, _US if us else _EU)
    plain = pc.replace_substring_regex(body, _GROUP + ("|," if us else "|\\."), "")
    if not us:
        plain = pc.replace_substring(plain, ",", ".")
    if us:
        plain, readable = _scientific(body, plain, readable)
    fits = _match(plain, rewrite.shape)
    reasons = {
        "not a number fix can read": ~readable & ~already & ~empty,
        f"not {rewrite.what}": readable & ~fits & ~already & ~empty,
    }
    values = pc.if_else(bool_array(readable & fits & ~already), plain, trimmed)
    return values, reasons


def _scientific(
    body: pa.Array, plain: pa.Array, readable: np.ndarray
) -> tuple[pa.Array, np.ndarray]:
    """Values in scientific notation written out in full (few, so one by one)."""
    from decimal import Decimal

    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = np.flatnonzero(_match(body, _SCIENTIFIC))
    if not len(rows):
        return plain, readable
    written = [f"{Decimal(body[int(row)].as_py()):f}" for row in rows]
    mask = np.zeros(len(body), dtype=bool)
    mask[rows] = True
    return pc.replace_with_mask(plain, bool_array(mask), pa.array(written)), readable | mask


def _match(values: pa.Array, regex: str) -> np.ndarray:
    import pyarrow.compute as pc

    return pc.fill_null(pc.match_substring_regex(values, regex), False).to_numpy(
        zero_copy_only=False
    )
