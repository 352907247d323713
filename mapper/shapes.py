"""Value shapes (email, phone, web address, boolean, number), defined once for every stage.

The profiler names a column's kind with them and the pre-flight refuses values with them, so
a column profiled as email is one the pre-flight passes as email. Each shape is a regex body
read identically by RE2 (pyarrow.compute) and Python's ``re``: classes are spelt out
(``[0-9]``, not ``\\d``; letters as ``[Xx]``) because digits, spaces and case folding differ
between the two engines on non-ASCII text. Anchors are added per use (`Shape.re2`).

The pre-flight predicts Zoho's refusals, so a shape accepts whatever Zoho plausibly accepts
(zoho-standard-fields.json ``data_types``); where the profiler wants less to call a column
by a kind (a phone number has 7 digits or more; a number with a leading zero is a code), it
narrows the same body rather than writing its own. Nothing heavy is imported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

# Every character `str.strip` and pyarrow's utf8_trim_whitespace strip (the pre-flight trims
# values before checking them): ASCII ones escaped, the others written as themselves, the
# one syntax for them both engines read.
_SPACE = " \\t\\n\\x0b\\f\\r\\x1c-\\x1f\\x85\\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


@dataclass(frozen=True)
class Shape:
    """A full-match regex body; ``dotall`` lets ``.`` cross newlines inside a cell."""

    body: str
    dotall: bool = False

    @cached_property
    def python(self) -> re.Pattern[str]:
        # RE2's \d is ASCII only, Python's any Unicode digit (date bodies use \d)
        body = self.body.replace("\\d", "[0-9]")
        return re.compile(body, re.DOTALL if self.dotall else 0)

    @property
    def re2(self) -> str:
        """The anchored regex for pyarrow.compute (RE2's ``$`` is end-of-text)."""
        return ("(?s)" if self.dotall else "") + f"^(?:{self.body})$"

    def accepts(self, value: str) -> bool:
        return self.python.fullmatch(value) is not None

    def matches(self, values: pa.Array) -> pa.Array:
        """Boolean array (null for null input) of the values matching the shape."""
        import pyarrow.compute as pc

        return pc.match_substring_regex(values, self.re2)


# Numbers: digits with an optional sign and '.' as the decimal point. ``whole`` is the regex
# of the digits before the point: any digits for Zoho, bounded by a field's length in the
# pre-flight, and without a leading zero for the profiler (01234 is a code, not a number).
ANY_DIGITS = "[0-9]+"
NO_LEADING_ZERO = "(?:0|[1-9][0-9]*)"


def integer_body(whole: str = ANY_DIGITS) -> str:
    return f"[+-]?{whole}"


def decimal_body(whole: str = ANY_DIGITS) -> str:
    return f"[+-]?(?:{whole}(?:\\.[0-9]*)?|\\.[0-9]+)"


def bounded_digits(max_digits: int) -> str:
    return f"[0-9]{{1,{max_digits}}}"


# An address: dot-separated atoms on both sides of one '@', at least one dot after it.
_ATOM = '[^@"(),:;<>\\[\\]\\\\.' + _SPACE + "]+"
EMAIL = Shape(f"{_ATOM}(?:\\.{_ATOM})*@{_ATOM}(?:\\.{_ATOM})+")

# A web address: a scheme Zoho names (http, https, ftp) and anything after it, or a host
# name whose last label looks like a top-level domain (2+ characters, starting with a letter,
# so 1.2.3 and a.b are not addresses); then an optional port, path, query or fragment.
_SCHEME = "(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://"
_HOST_PART = f"[^{_SPACE}/?#.:@]+"
_TOP_LEVEL = f"(?:[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]|[^\\x00-\\x7f{_SPACE}]{{2,}})"
_PORT_AND_PATH = f"(?::[0-9]{{1,5}})?(?:[/?#][^{_SPACE}]*)?"
URL = Shape(f"{_SCHEME}[^{_SPACE}/?#][^{_SPACE}]*|(?:{_HOST_PART}\\.)+{_TOP_LEVEL}{_PORT_AND_PATH}")

# A phone number: digits and the punctuation of written numbers (Zoho: "digits, +, spaces,
# separators"), from a first digit (after an optional '+' and '(') to a last digit, then an
# optional extension. ``span`` bounds the characters from the first digit to the last.
_PHONE_CHARS = "[0-9 ().\\-/]"
_EXTENSION = "(?: *(?:[Xx]|[Ee][Xx][Tt]\\.?|#) *[0-9]{1,6})?"


def phone_body(span: tuple[int, int] | None = None) -> str:
    if span is None:
        between = f"(?:{_PHONE_CHARS}*[0-9])?"
    else:
        between = f"{_PHONE_CHARS}{{{span[0] - 2},{span[1] - 2}}}[0-9]"
    return f"\\+?\\(?[0-9]{between}{_EXTENSION}"


PHONE = Shape(phone_body())
PHONE_SPAN = (7, 25)  # characters from first to last digit of what the profiler calls a phone
PHONE_NUMBER = Shape(phone_body(PHONE_SPAN))

# Zoho documents true/false; spreadsheets also write the words below, and 1/0, which Zoho
# may or may not read (undocumented), so the pre-flight lets them pass.
BOOLEAN = Shape("[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]")
BOOLEAN_WORDS = Shape("[Yy](?:[Ee][Ss])?|[Nn][Oo]?|[Tt]|[Ff]")
BOOLEAN_DIGITS = Shape("[01]")
BOOLEAN_LIKE = Shape(f"{BOOLEAN_WORDS.body}|{BOOLEAN_DIGITS.body}")
# what the profiler calls a boolean column: 1/0 columns are read as integers
BOOLEAN_KIND = Shape(f"{BOOLEAN.body}|{BOOLEAN_WORDS.body}")
