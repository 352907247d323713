"""Checking values against a fixed-width date pattern with numpy, not a regex per value.

A pattern whose every field has a fixed width (``yyyy-MM-dd'T'HH:mm:ssXXX`` and most
zero-padded patterns) puts each field at the same byte offsets in every value it reads. The
values of a string array can then be seen as one byte matrix, and each field checked for a
whole column at once: digits, ranges, the calendar (no 31 April, 29 February only in leap
years), exactly as `mapper.dates.pattern_regex` checks them. `FixedLayout.check` answers
None whenever it cannot decide without the regex (values of other lengths, nulls).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from mapper.dates import tokenize

if TYPE_CHECKING:
    import pyarrow as pa

# (letter, width) -> lowest and highest value of a digit field, as `pattern_regex` spells it
_DIGIT_FIELDS = {
    ("y", 4): (0, 9999), ("y", 2): (0, 99), ("M", 2): (1, 12), ("d", 2): (1, 31),
    ("H", 2): (0, 23), ("h", 2): (1, 12), ("m", 2): (0, 59), ("s", 2): (0, 59),
}  # fmt: skip
# offsets with no "Z" alternative of another width: sign, digits and an optional colon
_OFFSETS = {("x", 2): "+99", ("x", 3): "+9:9", ("Z", 1): "+99", ("Z", 2): "+99", ("Z", 3): "+99"}
_X_OFFSETS = {("X", 2): "+99", ("X", 3): "+9:9"}  # also read "Z": values of that length fall back
_TILED_BYTES = 1 << 16  # byte ranges repeated over this many bytes of rows (cached per layout)
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class _Field:
    start: int
    width: int
    kind: str  # "literal", "digits", "sign", "colon", "ampm"
    letter: str | None = None
    text: bytes = b""


@dataclass(frozen=True)
class FixedLayout:
    """Where a fixed-width pattern's fields sit in its values' bytes.

    ``lows`` and ``spans`` give, per byte position, the range of bytes allowed there (a
    literal's own byte; "0"-"9" in a digit field); the fields then add what a byte range
    cannot say: a field's numeric range, the calendar, the sign and AM/PM markers.
    """

    length: int
    lows: bytes
    spans: bytes
    fields: tuple[_Field, ...]

    @staticmethod
    def of(pattern: str) -> FixedLayout | None:
        """The layout of ``pattern``, or None when a field's width varies (or is unknown)."""
        fields: list[_Field] = []
        letters: list[str] = []
        for token in tokenize(pattern):
            start = sum(field.width for field in fields)
            parts = _token_fields(token.letter, token.width, token.text, start)
            if parts is None:
                return None
            fields.extend(parts)
            letters += [token.letter] if token.letter else []
        if len(letters) != len(set(letters)):
            return None  # a letter twice: leave the cross-checks to the regex
        ranges = [_byte_range(field, offset) for field in fields for offset in range(field.width)]
        lows, spans = bytes(low for low, _ in ranges), bytes(span for _, span in ranges)
        return FixedLayout(len(ranges), lows, spans, tuple(fields))

    def check(self, values: pa.Array | pa.ChunkedArray) -> bool | None:
        """Whether every value fits; None when only the regex can tell."""
        import numpy as np

        matrices = list(_byte_matrices(values, self.length))
        if not matrices:
            return True
        if any(matrix is None for matrix in matrices):
            return None
        # one matrix of all the chunks: the copy costs less than numpy's calls per chunk
        return self._fits(matrices[0] if len(matrices) == 1 else np.concatenate(matrices))

    def _fits(self, matrix: Any) -> bool:
        import numpy as np

        if not self._bytes_in_range(matrix):
            return False
        if not all(_field_fits(field, matrix[:, field.start : field.start + field.width])
                   for field in self.fields):  # fmt: skip
            return False
        letters, starts, low, high = self._ranged
        numbers: dict[str, Any] = {}
        if letters:  # every ranged field at once: two digits, so a number below 100
            values = (matrix[:, starts] - ord("0")) * 10 + (matrix[:, starts + 1] - ord("0"))
            if not ((values >= low) & (values <= high)).all():
                return False
            numbers = {
                letter: values[:, index].astype(np.int32)
                for index, letter in enumerate(letters)
                if letter in ("d", "M")
            }
        for field in self.fields:  # any digits will do for a year; kept for the leap rule
            if field.letter == "y":
                numbers[f"y{field.width}"] = matrix[:, field.start : field.start + field.width]
        return _calendar_fits(numbers)

    def _bytes_in_range(self, matrix: Any) -> bool:
        """Every byte within its position's range. The ranges are tiled to whole rows, so
        numpy runs over the flat bytes (a row of ranges broadcast per row is 4x slower)."""
        import numpy as np

        lows, spans = self._tiled_ranges
        flat = np.ascontiguousarray(matrix).reshape(-1)
        for start in range(0, len(flat), len(lows)):
            part = flat[start : start + len(lows)]
            # uint8: bytes below the range wrap high
            if not ((part - lows[: len(part)]) <= spans[: len(part)]).all():
                return False
        return True

    @cached_property
    def _tiled_ranges(self) -> tuple[Any, Any]:
        import numpy as np

        rows = max(1, _TILED_BYTES // self.length)
        return (
            np.tile(np.frombuffer(self.lows, dtype=np.uint8), rows),
            np.tile(np.frombuffer(self.spans, dtype=np.uint8), rows),
        )

    @cached_property
    def _ranged(self) -> tuple[tuple[str, ...], Any, Any, Any]:
        """The digit fields with a range (months, days, hours...; two digits each, as
        `_DIGIT_FIELDS` has them): letters, start offsets, lowest and highest values."""
        import numpy as np

        ranged = [f for f in self.fields if f.kind == "digits" and f.letter not in (None, "y")]
        bounds = [_DIGIT_FIELDS[(str(field.letter), field.width)] for field in ranged]
        return (
            tuple(str(field.letter) for field in ranged),
            np.array([field.start for field in ranged], dtype=np.intp),
            np.array([low for low, _ in bounds], dtype=np.uint8),
            np.array([high for _, high in bounds], dtype=np.uint8),
        )


def _byte_range(field: _Field, offset: int) -> tuple[int, int]:
    if field.kind == "literal":
        return field.text[offset], 0
    if field.kind == "digits":
        return ord("0"), 9
    if field.kind == "sign":
        return ord("+"), ord("-") - ord("+")  # "," in between is refused by `_field_fits`
    if field.kind == "colon":
        return ord(":"), 0
    return 0, 255  # AM/PM: `_field_fits` checks it


def _token_fields(letter: str | None, width: int, text: str, start: int) -> list[_Field] | None:
    if letter is None:
        raw = text.encode("utf-8")
        return [_Field(start, len(raw), "literal", text=raw)]
    if (letter, width) in _DIGIT_FIELDS:
        return [_Field(start, width, "digits", letter)]
    if letter == "S":
        return [_Field(start, width, "digits")]
    if letter == "a":
        return [_Field(start, 2, "ampm")]
    spelling = _OFFSETS.get((letter, min(width, 3))) or _X_OFFSETS.get((letter, width))
    if spelling is None:
        return None
    kinds = {"+": ("sign", 1), "9": ("digits", 2), ":": ("colon", 1)}
    fields = []
    for char in spelling:
        kind, size = kinds[char]
        fields.append(_Field(start, size, kind))
        start += size
    return fields


def _field_fits(field: _Field, block: Any) -> bool:
    """What the byte ranges leave open of a sign (no ",") or an AM/PM marker."""
    if field.kind == "sign":
        return bool((block != ord(",")).all())
    if field.kind == "ampm":
        lower = block | 0x20  # only "A"/"a" become "a", and so on for "p" and "m"
        first = (lower[:, 0] == ord("a")) | (lower[:, 0] == ord("p"))
        return bool((first & (lower[:, 1] == ord("m"))).all())
    return True


def _number(block: Any) -> Any:
    """The numbers written in a block of ASCII digit columns."""
    import numpy as np

    value = block[:, 0].astype(np.int32) - ord("0")
    for column in range(1, block.shape[1]):
        value = value * 10 + block[:, column] - ord("0")
    return value


def _calendar_fits(numbers: dict[str, Any]) -> bool:
    """Day within its month; 29 February in leap years only (any year when there is none)."""
    import numpy as np

    if "d" not in numbers or "M" not in numbers:
        return True
    day, month = numbers["d"], numbers["M"]
    if not (day <= np.array(_DAYS_IN_MONTH, dtype=np.int32)[month] + (month == 2)).all():
        return False
    leap_days = (month == 2) & (day == 29)
    if not leap_days.any():
        return True
    if "y4" in numbers:
        year = _number(numbers["y4"][leap_days])
        leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    elif "y2" in numbers:
        leap = _number(numbers["y2"][leap_days]) % 4 == 0
    else:
        return True
    return bool(leap.all())


def _byte_matrices(values: pa.Array | pa.ChunkedArray, length: int) -> Iterator[Any]:
    """Each chunk's bytes as an (rows, length) matrix; None for a chunk that has nulls or a
    value of another length."""
    import numpy as np

    for chunk in getattr(values, "chunks", [values]):
        rows = len(chunk)
        if not rows:
            continue
        if chunk.null_count:
            yield None
            return
        _, offsets_buffer, data_buffer = chunk.buffers()
        offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[chunk.offset :][: rows + 1]
        if int(offsets[-1] - offsets[0]) != rows * length or (np.diff(offsets) != length).any():
            yield None
            return
        data = np.frombuffer(data_buffer, dtype=np.uint8)[offsets[0] : offsets[-1]]
        yield data.reshape(rows, length)
