"""Running facts about one column of a CSV file, batch after batch: the kinds every value
still has, the distinct values (up to a cap), examples, and its date pattern (`DateTracker`).

Kinds are tested with vectorised kernels (pyarrow.compute) over whole batches, or, while
the column has fewer distinct values than the cap, over each distinct value once, when it
joins the known ones; a kind ruled out by one value is never tested again. The column's
first values are screened in Python first (a text column rules out most kinds there, sparing
a pass each), and the phone test of a batch already proven decimal is derived from cheap
kernels instead of the phone regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.arrays import non_blank
from mapper.profile.date_columns import DateTracker, DateVerdict, every_match
from mapper.shapes import (
    BOOLEAN_KIND,
    EMAIL,
    NO_LEADING_ZERO,
    PHONE_NUMBER,
    PHONE_SPAN,
    URL,
    Shape,
    decimal_body,
    integer_body,
)

if TYPE_CHECKING:
    import pyarrow as pa

EXAMPLES = 3
SCREEN_VALUES = 16  # a column's first values, checked in Python to rule kinds out cheaply
# Kinds tested in this order, most specific first; a value of one implies the kinds listed
# in IMPLIES. Numbers are tested with cheap kernels, the others with the RE2 regex of their
# shape in `mapper.shapes` (the pre-flight checks values with the same shapes).
KIND_TESTS: tuple[tuple[str, str | None], ...] = (
    ("boolean", BOOLEAN_KIND.re2),
    ("id", None),
    ("integer", None),
    ("decimal", Shape(decimal_body(NO_LEADING_ZERO)).re2),
    ("email", EMAIL.re2),
    ("url", URL.re2),
    ("phone", PHONE_NUMBER.re2),
)
IMPLIES = {"id": ("integer", "decimal"), "integer": ("decimal",)}
DATE_RANK = 4  # date/datetime sit after decimal and before email in KIND_TESTS order
ID_DIGITS = (18, 19)  # Zoho record ids
PHONE_DIGITS = PHONE_SPAN  # lengths of bare digit strings the phone regex accepts
# What `_holds` accepts of one value, for the kinds tested with kernels rather than a regex.
_NUMBER_SCREENS = {
    "id": r"^[1-9][0-9]{17,18}$",
    "integer": Shape(integer_body(NO_LEADING_ZERO)).re2,
}
_DIGIT_KINDS = frozenset({"id", "integer", "decimal", "phone"})  # kinds `_holds` digits decide
_SCREENS = tuple((name, re.compile(regex or _NUMBER_SCREENS[name])) for name, regex in KIND_TESTS)


class ColumnTracker:
    """Running facts about one column (kinds still possible, distinct values up to ``cap``,
    examples, dates); `update` sees each batch once."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.non_empty = 0
        self.distinct: pa.Array | None = None
        self.pending: list[pa.Array] = []
        self.pending_size = 0
        self.capped = False
        self.examples: list[str] = []
        self.kinds = [name for name, _ in KIND_TESTS]
        self.dates = DateTracker()

    def update(self, column: pa.StringArray) -> None:
        values = non_blank(column)
        count = len(values)
        if not count:
            return
        if not self.non_empty:
            self._screen(values.slice(0, SCREEN_VALUES).to_pylist())
        self.non_empty += count
        weights = None
        if not self.capped:  # kinds are then tested on each distinct value once (merging)
            values, weights = self._distinct(values)
        elif self.kinds:
            self._test_kinds(values)
        if len(self.examples) < EXAMPLES:
            self._add_examples(values)
        self.dates.update(values, weights)

    def _screen(self, first: list[str]) -> None:
        """Rule out, in Python, the kinds and the dates the column's first values already
        deny, sparing a kernel pass over every value (a text column denies most kinds)."""
        ascii_values = [value for value in first if value.isascii()]
        for name, regex in _SCREENS:
            if name in self.kinds and not all(regex.search(v) for v in ascii_values):
                self.kinds.remove(name)
        self.dates.screen(first[0])

    def _distinct(self, values: pa.Array) -> tuple[pa.Array, pa.Array | None]:
        """The batch's distinct values, with their counts while the dates still need them."""
        import pyarrow.compute as pc

        if self.dates.failed:
            uniques, weights = pc.unique(values), None
        else:
            counted = pc.value_counts(values)
            uniques, weights = counted.field("values"), counted.field("counts")
        self._count_distinct(uniques)
        return uniques, weights

    def _count_distinct(self, uniques: pa.Array) -> None:
        """Collect a batch's distinct values; merge once enough are pending (merging costs)."""
        if len(uniques) >= self.cap:  # distinct among themselves: no merge needed
            for untested in (*self.pending, uniques):
                self._test_new(untested)
            self.distinct, self.pending, self.pending_size, self.capped = None, [], 0, True
            return
        self.pending.append(uniques)
        self.pending_size += len(uniques)
        if self.pending_size >= self.cap:
            self.merge_distinct()

    def merge_distinct(self) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        if not self.pending:
            return
        known = [self.distinct] if self.distinct is not None else []
        self.distinct = pc.unique(pa.concat_arrays(known + self.pending))
        self.pending, self.pending_size = [], 0
        # unique keeps first occurrences in order: the values past the known ones are new
        self._test_new(self.distinct.slice(len(known[0]) if known else 0))
        if len(self.distinct) >= self.cap:
            self.distinct, self.capped = None, True

    def _test_new(self, values: pa.Array) -> None:
        if self.kinds and len(values):
            self._test_kinds(values)

    def _add_examples(self, values: pa.Array) -> None:
        for value in values.slice(0, 64).to_pylist():
            if value not in self.examples and len(self.examples) < EXAMPLES:
                self.examples.append(value)

    def _test_kinds(self, values: pa.Array) -> None:
        import pyarrow.compute as pc

        if self.kinds_need_digits():
            digits = pc.ascii_is_decimal(values)
            facts = _Facts(values, digits, bool(pc.all(digits).as_py()))
        else:  # boolean, email and url regexes reject bare digits by themselves
            facts = _Facts(values, None, False)
        held: set[str] = set()  # kinds every value of this batch has, tested or implied
        for name, regex in KIND_TESTS:
            if name not in self.kinds or name in held:
                continue
            if name == "phone" and "decimal" in held and not facts.all_digits:
                holds = _decimals_read_as_phones(values)
            else:
                holds = _holds(name, regex, facts)
            if holds:
                held.update((name, *IMPLIES.get(name, ())))
            else:
                self.kinds.remove(name)

    def kinds_need_digits(self) -> bool:
        return any(kind in _DIGIT_KINDS for kind in self.kinds)

    @property
    def distinct_count(self) -> int:
        """Distinct non-empty values seen (call `merge_distinct` first), or ``cap`` when capped."""
        return self.cap if self.capped else len(self.distinct or ())

    def kind(self, verdict: DateVerdict) -> str:
        """The most specific kind every value has: numbers, then dates, then the rest."""
        self.merge_distinct()  # the pending distinct values' kinds are not tested yet
        if not self.non_empty:
            return "empty"
        order = [name for name, _ in KIND_TESTS]
        before_dates = [k for k in self.kinds if order.index(k) < DATE_RANK]
        after_dates = [k for k in self.kinds if order.index(k) >= DATE_RANK]
        return (before_dates or [verdict.kind] * bool(verdict.kind) or after_dates or ["text"])[0]


@dataclass(frozen=True)
class _Facts:
    """A batch of non-empty values and which of them are all ASCII digits."""

    values: pa.Array
    digits: pa.Array | None  # None when no kind left needs it
    all_digits: bool


def _holds(kind: str, regex: str | None, facts: _Facts) -> bool:
    """Whether every value is of ``kind``; digit-only batches skip the regexes."""
    import pyarrow.compute as pc

    values = facts.values
    if facts.all_digits and kind not in ("id", "integer"):
        if kind == "phone":  # what the phone regex accepts of bare digits
            lengths = pc.min_max(pc.binary_length(values)).as_py()
            return PHONE_DIGITS[0] <= lengths["min"] and lengths["max"] <= PHONE_DIGITS[1]
        return kind == "decimal" and _integers(values, facts.digits)
    if regex is not None:
        return every_match(values, regex)
    if kind == "id":
        lengths = pc.min_max(pc.binary_length(values)).as_py()
        return bool(
            facts.all_digits
            and ID_DIGITS[0] <= lengths["min"]
            and lengths["max"] <= ID_DIGITS[1]
            and not pc.any(pc.starts_with(values, "0")).as_py()
        )
    return _integers(values, facts.digits)


def _decimals_read_as_phones(values: pa.Array) -> bool:
    """The phone regex on values known to be decimals, without running it: a decimal is a
    phone when, past an optional "+", it starts and ends with a digit and has 7 to 25
    characters (digits and "." are all the phone regex's middle needs)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if any(
        pc.any(test(values, text)).as_py()
        for test, text in ((pc.starts_with, "-"), (pc.starts_with, "."),
                           (pc.starts_with, "+."), (pc.ends_with, "."))
    ):  # fmt: skip
        return False
    plus = pc.cast(pc.starts_with(values, "+"), pa.int32())
    lengths = pc.min_max(pc.subtract(pc.binary_length(values), plus)).as_py()
    return PHONE_DIGITS[0] <= lengths["min"] and lengths["max"] <= PHONE_DIGITS[1]


def _integers(values: pa.Array, digits: pa.Array | None) -> bool:
    """Digits with an optional sign, and no leading zero (a code like 01234 is text)."""
    import pyarrow.compute as pc

    assert digits is not None, "number kinds always get the digits"
    if _zero_led(values):
        return False
    if pc.all(digits).as_py():
        return True
    rest = values.filter(pc.invert(digits))
    signed = pc.or_(pc.starts_with(rest, "-"), pc.starts_with(rest, "+"))
    unsigned = pc.utf8_slice_codeunits(rest, 1)
    return bool(pc.all(pc.and_(signed, pc.ascii_is_decimal(unsigned))).as_py()) and not (
        _zero_led(unsigned)
    )


def _zero_led(values: pa.Array) -> bool:
    """Whether a value has a leading zero: starts with "0" and is longer than "0"."""
    import pyarrow.compute as pc

    zeros = values.filter(pc.starts_with(values, "0"))
    return bool(len(zeros)) and pc.max(pc.binary_length(zeros)).as_py() > 1
