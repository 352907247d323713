"""One definition per value shape: the profiler's kind and the pre-flight's verdict agree.

A column the profiler calls email, url, phone, boolean or a number must pass the pre-flight
for a field of that type; a value the pre-flight passes must not be profiled as text, except
where the profiler narrows a shape on purpose (fewer than 7 phone characters, a number with a
leading zero, both left to other kinds or to text).
"""

from __future__ import annotations

import re

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper import shapes
from mapper.catalog import Field
from mapper.diagnostics import Severity
from mapper.preflight.checks import Column, ShapeCheck
from mapper.preflight.plan import Job, checks_for
from mapper.profile.columns import ColumnTracker

# the kind the profiler gives a column, for the field type the pre-flight checks
FIELD_TYPES = {"email": "email", "url": "website", "phone": "phone", "boolean": "boolean"}
NUMBER_KINDS = ("id", "integer", "decimal")
# ASCII rich in what the shapes look at, plus a few characters from elsewhere
NEAR = st.text(
    alphabet="0123456789+-.()/@#:_ xXeEtTfFnNyYsSwWhHpPaAcCoOmMrRuUlL\t\xa0\u3000é",
    max_size=24,
)
# Values built from the parts of each shape, near its edges (from_regex on the shapes' wide
# negated classes is too slow to draw many)
_PART = st.text(alphabet="abXY09_+-'é\u0436\u3000\xa0 .@:/", min_size=0, max_size=5)
_TOP = st.sampled_from(["com", "c", "1", "io9", "x-", "xn--p1ai", "рф", "é", "CO"])
_SCHEME = st.sampled_from(["", "", "http://", "HTTPS://", "ftp://", "mailto:"])
_TAIL = st.sampled_from(["", "/", "/a b", ":8080", ":8080/x?y#z", "?q=1"])
EMAILS = st.builds(
    lambda local, domain, top: ".".join(local) + "@" + ".".join([*domain, top]),
    st.lists(_PART, min_size=1, max_size=3),
    st.lists(_PART, min_size=1, max_size=2),
    _TOP,
)
URLS = st.builds(
    lambda scheme, host, top, tail: scheme + ".".join([*host, top]) + tail,
    _SCHEME,
    st.lists(_PART, min_size=0, max_size=3),
    _TOP,
    _TAIL,
)
PHONES = st.from_regex(shapes.PHONE.python, fullmatch=True)
NUMBERS = st.from_regex(shapes.Shape(shapes.decimal_body()).python, fullmatch=True)
BOOLEANS = st.from_regex(shapes.BOOLEAN_LIKE.python, fullmatch=True)
SHAPED = EMAILS | URLS | PHONES | NUMBERS | BOOLEANS
VALUES = NEAR | SHAPED


def profile_kind(value: str) -> str:
    tracker = ColumnTracker(cap=100)
    tracker.update(pa.array([value] * 3, pa.string()))
    return tracker.kind(tracker.dates.verdict())


def preflight_accepts(value: str, data_type: str) -> bool:
    """No error from the shape checks the pre-flight runs on a field of ``data_type`` (a
    field's length is its own limit, whatever the shape: a 31-character phone is a phone)."""
    field = Field("Value__c", "Value", data_type)
    value_checks = checks_for({"api_name": "Value__c", "index": 0}, field, Job(), False)
    errors = [c for c in value_checks if isinstance(c, ShapeCheck) and c.severity is Severity.ERROR]
    column = Column.of(pa.array([value], pa.string()))
    return not any(check.failing(column, None)[0] for check in errors)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_a_profiled_kind_passes_the_preflight_for_its_field_type(value: str) -> None:
    kind = profile_kind(value)
    if kind in FIELD_TYPES:
        assert preflight_accepts(value, FIELD_TYPES[kind]), (kind, value)
    if kind in NUMBER_KINDS and len(value.lstrip("+-").split(".")[0]) <= 16:
        assert preflight_accepts(value, "double"), (kind, value)


def _phone_span(value: str) -> int:
    """Characters from the first digit to the last, the extension left out."""
    main = re.split(r" *(?:[Xx]|[Ee][Xx][Tt]\.?|#)", value)[0]
    digits = [i for i, char in enumerate(main) if char.isdigit()]
    return digits[-1] - digits[0] + 1 if digits else 0


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_a_value_the_preflight_passes_is_profiled_as_that_kind(value: str) -> None:
    if value != value.strip() or not value:
        return  # the pre-flight trims a value; the profiler reads it as written
    kind = profile_kind(value)
    # kinds tested before these, which a value of two shapes gets first
    earlier = {"date", "datetime", "boolean", *NUMBER_KINDS}
    if preflight_accepts(value, "email"):
        assert kind == "email", value
    if preflight_accepts(value, "website"):
        assert kind in {"url", "email"} | earlier, value
    if preflight_accepts(value, "phone") and 7 <= _phone_span(value) <= 25:
        assert kind in {"phone"} | earlier, value
    if preflight_accepts(value, "boolean"):
        assert kind in ("boolean", "integer"), value  # 1/0 columns are integers
    leading_zero = re.match(r"[+-]?0[0-9]", value) is not None
    if preflight_accepts(value, "double") and not leading_zero:
        assert kind in NUMBER_KINDS, value


@pytest.mark.parametrize(
    ("value", "data_type", "kind", "accepted"),
    [
        ("a@b..com", "email", "text", False),  # an empty domain label
        ("a@b.c", "email", "email", True),
        ("a.b", "website", "text", False),  # a one-letter top-level domain
        ("ftp://files.example.org/a", "website", "url", True),
        ("http://localhost:8080", "website", "url", True),
        ("12", "phone", "integer", True),  # a phone to Zoho, an integer column to the profiler
        ("1-10", "phone", "text", True),  # a range: too short to call the column phone
        ("+1 (555) 123-4567 ext. 12", "phone", "phone", True),
        ("t", "boolean", "boolean", True),
        ("007", "integer", "text", True),  # a code to the profiler, 7 to Zoho
    ],
)
def test_the_disagreements_found_in_review_are_settled(
    value: str, data_type: str, kind: str, accepted: bool
) -> None:
    assert profile_kind(value) == kind
    assert preflight_accepts(value, data_type) is accepted


@settings(max_examples=200, deadline=None)
@given(st.lists(VALUES, min_size=1, max_size=10))
def test_every_shape_reads_alike_in_re2_and_python(values: list[str]) -> None:
    array = pa.array(values, pa.string())
    for shape in (shapes.EMAIL, shapes.URL, shapes.PHONE, shapes.PHONE_NUMBER,
                  shapes.BOOLEAN_KIND, shapes.BOOLEAN_LIKE):  # fmt: skip
        kernel = shape.matches(array).to_pylist()
        assert kernel == [shape.accepts(value) for value in values], shape.body
