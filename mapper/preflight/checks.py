"""Checks over one column of a batch: each returns a numpy mask of the failing rows.

Every check works on whole pyarrow arrays; Python touches single values only to explain
a failing row (``explain``), and only for the rows whose finding is kept. ``accepts`` is
the scalar reading of the same rule, for messages and property tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Protocol

from mapper.arrays import int64_array, string_array
from mapper.diagnostics import Code, Severity
from mapper.preflight import codes, shapes
from mapper.preflight.duplicates import SeenValues
from mapper.shapes import BOOLEAN_LIKE, PHONE, Shape

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from mapper.dates.layout import FixedLayout


# a column whose first values repeat each other 4x is matched per distinct value
DISTINCT_PROBE = 256


@dataclass(frozen=True)
class Column:
    """One CSV column of a batch, prepared once for all the checks on it."""

    raw: pa.Array
    trimmed: pa.Array
    empty: np.ndarray
    first: np.ndarray  # each raw value's first byte, 0 for an empty one

    @classmethod
    def of(cls, raw: pa.Array) -> Column:
        import pyarrow.compute as pc

        first, space = first_bytes(raw), _byte_table(MAYBE_SPACE)
        # most columns have no value to trim: their check runs on them as they are
        trim = space[first].any() or space[last_bytes(raw)].any()
        trimmed = pc.utf8_trim_whitespace(raw) if trim else raw
        return cls(raw, trimmed, byte_lengths(trimmed) == 0, first)

    def matching(self, shape: Shape) -> np.ndarray:
        """Which trimmed values match ``shape``. A column repeating its values (a status,
        a flag, a site) is matched once per distinct value, not once per row."""
        encoded = self._encoded
        if encoded is None:
            return mask(shape.matches(self.trimmed), null=True)
        distinct, rows = encoded
        return mask(shape.matches(distinct), null=True)[rows]

    @cached_property
    def _encoded(self) -> tuple[pa.Array, np.ndarray] | None:
        """(distinct values, each row's index among them) when the column's head repeats
        its values enough for that to pay; None otherwise."""
        import pyarrow.compute as pc

        head = self.trimmed.slice(0, DISTINCT_PROBE).to_pylist()
        if len(head) < DISTINCT_PROBE or len(set(head)) * 4 > len(head):
            return None
        encoded = pc.dictionary_encode(self.trimmed)
        return encoded.dictionary, encoded.indices.to_numpy(zero_copy_only=False)


def byte_lengths(values: pa.Array) -> np.ndarray:
    """UTF-8 bytes of each value, read off the offsets buffer (no copy, no kernel)."""
    import numpy as np

    return np.diff(_offsets(values))


def first_bytes(values: pa.Array) -> np.ndarray:
    """The first byte of each value (0 for an empty one), read off the buffers."""
    return _edge_bytes(values, last=False)


def last_bytes(values: pa.Array) -> np.ndarray:
    """The last byte of each value (0 for an empty one), read off the buffers."""
    return _edge_bytes(values, last=True)


def _edge_bytes(values: pa.Array, last: bool) -> np.ndarray:
    import numpy as np

    offsets = _offsets(values)
    found = np.zeros(len(values), dtype=np.uint8)
    data = values.buffers()[2]
    filled = offsets[1:] > offsets[:-1]
    if data is not None and filled.any():
        at = offsets[1:][filled] - 1 if last else offsets[:-1][filled]
        found[filled] = np.frombuffer(data, dtype=np.uint8)[at]
    return found


def _offsets(values: pa.Array) -> np.ndarray:
    import numpy as np

    buffer = values.buffers()[1]
    return np.frombuffer(buffer, dtype=np.int32, count=len(values) + 1, offset=values.offset * 4)


# bytes a value trimmed of white space may start or end with: ASCII space and control
# characters, and every non-ASCII byte (a Unicode space's lead or last byte among them);
# 0, an empty value's edge, is not one
MAYBE_SPACE = (*range(1, ord(" ") + 1), *range(0x7F, 0x100))


@cache
def _byte_table(members: tuple[int, ...]) -> np.ndarray:
    """A lookup table over byte values: True for ``members``."""
    import numpy as np

    table = np.zeros(256, dtype=bool)
    table[list(members)] = True
    return table


def is_ascii(values: pa.Array) -> bool:
    """Whether every value is ASCII text, read off the data buffer in one numpy pass."""
    import numpy as np

    data = values.buffers()[2]
    if data is None or not len(values):
        return True
    offsets = _offsets(values)
    used = np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]
    return not len(used) or int(used.max()) < 0x80


def mask(booleans: pa.Array, null: bool = False) -> np.ndarray:
    import pyarrow.compute as pc

    return pc.fill_null(booleans, null).to_numpy(zero_copy_only=False)


class ValueCheck(Protocol):
    code: Code
    severity: Severity
    zoho_code: str | None

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray: ...

    def explain(self, value: str, row: int) -> str: ...


@dataclass(frozen=True)
class ShapeCheck:
    """Non-empty values must match ``shape``; ``what`` names the expected shape."""

    code: Code
    shape: Shape
    what: str
    severity: Severity = Severity.ERROR
    zoho_code: str | None = codes.INVALID_DATA

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        return ~column.empty & ~column.matching(self.shape)

    def accepts(self, value: str) -> bool:
        return not value.strip() or self.shape.accepts(value.strip())

    def explain(self, value: str, row: int) -> str:
        return f"{_quote(value)} is not {self.what}"


@dataclass(frozen=True)
class NumberCheck(ShapeCheck):
    max_digits: int = 9

    def explain(self, value: str, row: int) -> str:
        whole = value.strip().lstrip("+-").split(".", 1)[0]
        if shapes.ANY_NUMBER.accepts(value.strip()) and len(whole) > self.max_digits:
            return f"{_quote(value)} has more than {self.max_digits} digits before the point"
        return f"{_quote(value)} is not {self.what}"


@dataclass(frozen=True)
class BooleanCheck(ShapeCheck):
    """true/false (any case) pass; so do the spreadsheet spellings 1/0, yes/no, y/n, t/f,
    which Zoho may or may not read (undocumented), so that only clear errors are errors."""

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        loose = column.matching(BOOLEAN_LIKE)
        return super().failing(column, lines) & ~loose

    def accepts(self, value: str) -> bool:
        return super().accepts(value) or BOOLEAN_LIKE.accepts(value.strip())


@dataclass(frozen=True)
class DateCheck(ShapeCheck):
    """A date in a Java pattern, calendar included (``mapper.dates.pattern_body``).

    A fixed-width pattern's ``layout`` proves a whole batch with a few numpy passes
    (`mapper.dates.layout`); the regex then runs only on a batch the layout cannot clear.
    """

    layout: FixedLayout | None = None
    # values left to another check (a contested default's ISO dates), not failed here
    spared: Shape | None = None

    @classmethod
    def of(cls, pattern: str) -> DateCheck | None:
        """The check of a Java date pattern; None when it cannot be checked here."""
        from mapper.dates import pattern_body
        from mapper.dates.layout import FixedLayout

        body = pattern_body(pattern)
        what = f"a date in the format {pattern}"
        if not body:
            return None
        return cls(codes.BAD_DATE, Shape(body), what, layout=FixedLayout.of(pattern))

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        import numpy as np

        if self.layout is not None:
            present = column.trimmed
            if column.empty.any():
                present = present.take(int64_array(np.flatnonzero(~column.empty)))
            if self.layout.check(present) is True:
                return np.zeros(len(column.trimmed), dtype=bool)
        failing = super().failing(column, lines)
        if self.spared is not None and failing.any():
            failing &= ~column.matching(self.spared)
        return failing

    def accepts(self, value: str) -> bool:
        spared = self.spared is not None and self.spared.accepts(value.strip())
        return spared or super().accepts(value)


@dataclass(frozen=True)
class ContestedDateCheck(ShapeCheck):
    """Flags the values in ``shape``: a format Zoho's sources disagree it reads by default."""

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        return ~column.empty & column.matching(self.shape)

    def accepts(self, value: str) -> bool:
        return not value.strip() or not self.shape.accepts(value.strip())

    def explain(self, value: str, row: int) -> str:
        return (
            f"{_quote(value)} is {self.what} with no format: Zoho's current docs default to "
            "MM/dd/yyyy, which refuses it; Zoho's older Kaizen #13 table accepts it"
        )


@dataclass(frozen=True)
class LengthCheck:
    max_length: int
    code: Code = codes.TOO_LONG
    severity: Severity = Severity.ERROR
    zoho_code: str | None = codes.INVALID_DATA
    # the length is the built-in standard one, not the org's
    standard: bool = False

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        import numpy as np
        import pyarrow.compute as pc

        # a value has at most as many characters as bytes: count only the long ones
        rows = np.flatnonzero(byte_lengths(column.trimmed) > self.max_length)
        hit = np.zeros(len(column.trimmed), dtype=bool)
        if len(rows):
            lengths = pc.utf8_length(column.trimmed.take(rows))
            hit[rows] = mask(pc.greater(lengths, self.max_length))
        return hit

    def accepts(self, value: str) -> bool:
        return len(value.strip()) <= self.max_length

    def explain(self, value: str, row: int) -> str:
        limit = "the standard field holds" if self.standard else "the field holds"
        return f"{len(value.strip())} characters; {limit} at most {self.max_length}"


@dataclass(frozen=True)
class EmptyCheck:
    """Empty cells: a mandatory field, or the find_by column of an update."""

    code: Code
    why: str
    severity: Severity = Severity.ERROR
    zoho_code: str | None = codes.MANDATORY_NOT_FOUND

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        return column.empty

    def explain(self, value: str, row: int) -> str:
        return f"empty, but {self.why}"


@dataclass(frozen=True)
class PicklistCheck:
    """Values outside the pick list (each ';'-separated part, for multi-select)."""

    values: tuple[str, ...]
    multi: bool = False
    code: Code = codes.UNKNOWN_PICK
    severity: Severity = Severity.WARNING
    zoho_code: str | None = None

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        import numpy as np
        import pyarrow.compute as pc

        if not self.multi:
            return ~column.empty & ~mask(pc.is_in(column.trimmed, value_set=self._set()))
        parts = pc.split_pattern(column.trimmed, ";")
        flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
        unknown = ~mask(pc.is_in(flat, value_set=self._set())) & mask(pc.not_equal(flat, ""))
        rows = pc.list_parent_indices(parts).to_numpy()
        hit = np.zeros(len(column.trimmed), dtype=bool)
        hit[rows[unknown]] = True
        return hit & ~column.empty

    def _set(self) -> pa.Array:
        return string_array(self.values)

    def accepts(self, value: str) -> bool:
        parts = value.strip().split(";") if self.multi else [value.strip()]
        return all(not p.strip() or p.strip() in self.values for p in parts)

    def explain(self, value: str, row: int) -> str:
        known = set(self.values)
        parts = [p.strip() for p in value.split(";")] if self.multi else [value.strip()]
        unknown = [p for p in parts if p and p not in known]
        folded = {v.casefold(): v for v in self.values}
        same_case = [folded[p.casefold()] for p in unknown if p.casefold() in folded]
        hint = f" (differs only in case from {same_case[0]!r})" if same_case else ""
        return f"{', '.join(map(_quote, unknown))} not in the pick list{hint}; Zoho adds it"


@dataclass(frozen=True)
class LayoutCheck:
    """A Layout column's values must be layout names: Zoho's docs show the name as the
    Layouts API gives it, and say an unknown one falls back to the default layout; they do
    not say the name is read regardless of case, so another case is reported too
    (docs/zoho-layouts.md)."""

    module: str
    names: tuple[str, ...]
    # a layout's API name, for the message: `Standard__s` names `Standard`
    api_names: tuple[tuple[str, str], ...] = ()
    # what Zoho does with the row all the same (added, updated...)
    success: str = "added"
    code: Code = codes.UNKNOWN_LAYOUT_NAME
    severity: Severity = Severity.WARNING
    zoho_code: str | None = None

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        import pyarrow.compute as pc

        return ~column.empty & ~mask(pc.is_in(column.trimmed, value_set=string_array(self.names)))

    def accepts(self, value: str) -> bool:
        return not value.strip() or value.strip() in self.names

    def explain(self, value: str, row: int) -> str:
        value = value.strip()
        folded = {name.casefold(): name for name in self.names}
        named = dict(self.api_names).get(value)
        if named is not None:
            why = f"is the API name of layout {named!r}; the column takes its name"
        elif value.casefold() in folded:
            why = f"differs only in case from layout {folded[value.casefold()]!r}"
        else:
            why = f"is not a layout of {self.module} ({', '.join(map(repr, self.names))})"
        return f"{_quote(value)} {why}; predicted: {self.success}, in the default layout"


@dataclass(frozen=True)
class SeparatorCheck:
    """Multi-select values written with ',' or '|' between them and no ';'."""

    values: tuple[str, ...] = ()
    code: Code = codes.MULTI_SEPARATOR
    severity: Severity = Severity.WARNING
    zoho_code: str | None = None

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        import pyarrow.compute as pc

        listed = mask(pc.is_in(column.trimmed, value_set=_strings(self.values)))
        other = mask(pc.match_substring_regex(column.trimmed, "^[^;]*[,|][^;]*$"))
        return other & ~listed & ~column.empty

    def explain(self, value: str, row: int) -> str:
        return f"{_quote(value)} looks like several values; separate them with ';'"


def _strings(values: tuple[str, ...]) -> pa.Array:
    return string_array(values)


FORMULA_BYTES = tuple(b"=+-@\t\r")


@dataclass(frozen=True)
class FormulaCheck:
    code: Code = codes.FORMULA
    severity: Severity = Severity.INFO
    zoho_code: str | None = None

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        import numpy as np

        # the regexes run only on the few cells starting with a formula character
        rows = np.flatnonzero(_byte_table(FORMULA_BYTES)[column.first])
        hit = np.zeros(len(column.raw), dtype=bool)
        if len(rows):
            raw, trimmed = column.raw.take(rows), column.trimmed.take(rows)
            formula = mask(shapes.FORMULA.matches(raw))
            hit[rows] = formula & ~mask(PHONE.matches(trimmed))
        return hit

    def accepts(self, value: str) -> bool:
        return not shapes.FORMULA.accepts(value) or PHONE.accepts(value.strip())

    def explain(self, value: str, row: int) -> str:
        return f"{_quote(value)} starts like a spreadsheet formula"


@dataclass
class DuplicateCheck:
    """Values repeating an earlier row, across batches (stateful: one per scan)."""

    code: Code = codes.DUPLICATE
    casefold: bool = False
    severity: Severity = Severity.ERROR
    zoho_code: str | None = codes.DUPLICATE_DATA
    seen: SeenValues = field(default_factory=SeenValues)
    _first_lines: np.ndarray | None = None

    def failing(self, column: Column, lines: np.ndarray) -> np.ndarray:
        import pyarrow.compute as pc

        values = column.trimmed
        if self.casefold:  # ASCII text (most addresses) lowers the same way, and faster
            values = pc.ascii_lower(values) if is_ascii(values) else pc.utf8_lower(values)
        repeated, self._first_lines = self.seen.repeats(values, ~column.empty, lines)
        return repeated

    def reserve(self, rows: int) -> None:
        """The scan expects about ``rows`` rows: room for as many distinct values."""
        self.seen.reserve(rows)

    def explain(self, value: str, row: int) -> str:
        first = self._first_lines[row] if self._first_lines is not None else "?"
        return f"{_quote(value)} repeats the value of line {first}"


def _quote(value: str, limit: int = 60) -> str:
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(shown)
