"""Value shapes: one regular expression each, read identically by RE2 (pyarrow) and ``re``.

The same body serves the vectorised check over a column and the scalar check behind a
message or a property test, so the two can never disagree. Bodies use explicit ASCII
classes (``[0-9]``, ``[ \\t\\n\\r\\f]``) because ``\\d``/``\\s`` and case folding differ
between the engines on non-ASCII text; anchors are added per engine (``re.fullmatch`` here,
``^(?:...)$`` for RE2, whose ``$`` is end-of-text, unlike Python's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

_SPACE = " \\t\\n\\r\\f"


@dataclass(frozen=True)
class Shape:
    """A full-match regex; ``dotall`` lets ``.`` cross newlines inside a cell."""

    body: str
    dotall: bool = False

    @cached_property
    def python(self) -> re.Pattern[str]:
        # RE2's \d is ASCII only, Python's any Unicode digit; case folding is Unicode in
        # both (ſ matches s), so only \d needs spelling out for the two to agree
        body = self.body.replace("\\d", "[0-9]")
        return re.compile(body, re.DOTALL if self.dotall else 0)

    @property
    def re2(self) -> str:
        return ("(?s)" if self.dotall else "") + f"^(?:{self.body})$"

    def accepts(self, value: str) -> bool:
        return self.python.fullmatch(value) is not None

    def matches(self, values: pa.Array) -> pa.Array:
        """Boolean array (null for null input) of the values matching the shape."""
        import pyarrow.compute as pc

        return pc.match_substring_regex(values, self.re2)


def integer_shape(max_digits: int) -> Shape:
    return Shape(f"[+-]?[0-9]{{1,{max_digits}}}")


def decimal_shape(max_digits: int) -> Shape:
    """Digits before the point are bounded by the field's length; decimals are not, as the
    catalog does not carry a field's decimal places."""
    return Shape(f"[+-]?(?:[0-9]{{1,{max_digits}}}(?:\\.[0-9]*)?|\\.[0-9]+)")


# any plain number, to tell "not a number" from "too many digits" in a message
ANY_NUMBER = Shape("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)")

_ATOM = '[^@"(),:;<>\\[\\]\\\\.' + _SPACE + "]+"
EMAIL = Shape(f"{_ATOM}(?:\\.{_ATOM})*@{_ATOM}(?:\\.{_ATOM})+")

# digits with the usual punctuation of written numbers, optionally an extension
_PHONE_CHARS = "[0-9 ().\\-/]"
PHONE = Shape(
    f"\\+?{_PHONE_CHARS}*[0-9]{_PHONE_CHARS}*(?: ?(?:[Xx]|[Ee][Xx][Tt]\\.?|#) ?[0-9]{{1,6}})?"
)

_HOST_PART = "[^" + _SPACE + "/?#.:@]+"
URL = Shape(
    "(?:[Hh][Tt][Tt][Pp][Ss]?://)?"
    f"{_HOST_PART}(?:\\.{_HOST_PART})+(?::[0-9]{{1,5}})?"
    f"(?:[/?#][^{_SPACE}]*)?"
)

BOOLEAN = Shape("[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]")
# other spellings a spreadsheet writes for a boolean; Zoho documents true/false only
BOOLEAN_LIKE = Shape("[01]|[Yy](?:[Ee][Ss])?|[Nn][Oo]?")

# Zoho record ids are up to 19 digits; exports write them as zcrm_<id>
RECORD_ID = Shape("(?:zcrm_)?[0-9]{1,19}")

# A cell a spreadsheet would evaluate: '=' always; '@' only as a function call ('@SUM(');
# '+' and '-' only when followed by something other than the digits and punctuation of a
# number, a phone number or a date, so -12.5 and +49 (30) 1234-5 stay quiet. An optional
# leading tab or carriage return is how such payloads hide.
FORMULA = Shape(
    "[\\t\\r]?(?:=.*|@[A-Za-z_][A-Za-z0-9_.]*\\(.*|[+-].*[^0-9 ().,/:%+\\-].*)",
    dotall=True,
)
