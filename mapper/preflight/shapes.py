"""The pre-flight's own value shapes: numbers bounded by a field's length, record ids and
spreadsheet formulas. The shapes the profiler shares (email, phone, web address, boolean,
number bodies) and the `Shape` class live in `mapper.shapes`.
"""

from __future__ import annotations

from mapper.shapes import Shape, bounded_digits, decimal_body, integer_body


def integer_shape(max_digits: int) -> Shape:
    return Shape(integer_body(bounded_digits(max_digits)))


def decimal_shape(max_digits: int) -> Shape:
    """Digits before the point are bounded by the field's length; decimals are not, as the
    catalog does not carry a field's decimal places."""
    return Shape(decimal_body(bounded_digits(max_digits)))


# any plain number, to tell "not a number" from "too many digits" in a message
ANY_NUMBER = Shape(decimal_body())

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
