"""Round trips: a value fix rewrites reads back as the value it was (dates, numbers,
booleans), over values hypothesis writes in the spellings exports use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.fix.dates import plan_rewrite, rewrite
from mapper.fix.numbers import NumberEvidence, NumberRewrite, rewrite_numbers
from mapper.fix.values import FALSE_WORDS, TRUE_WORDS, rewrite_booleans
from mapper.preflight.shapes import decimal_shape

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip

# (Java pattern, how Python writes it) for the shapes exports use
DATE_SOURCES = {
    "dd.MM.yyyy": lambda d: d.strftime("%d.%m.%Y"),
    "M/d/yyyy": lambda d: f"{d.month}/{d.day}/{d.year:04d}",
    "d/M/yyyy": lambda d: f"{d.day}/{d.month}/{d.year:04d}",
    "yyyy/MM/dd": lambda d: d.strftime("%Y/%m/%d"),
    "dd MMM yyyy": lambda d: f"{d.day:02d} {MONTHS[d.month - 1][:3]} {d.year:04d}",
    "MMMM dd,yyyy": lambda d: f"{MONTHS[d.month - 1]} {d.day:02d},{d.year:04d}",
}
TIME_SOURCES = {
    "M/d/yyyy h:mm a": lambda t: (
        f"{t.month}/{t.day}/{t.year:04d} "
        f"{(t.hour % 12) or 12}:{t.minute:02d} {'PM' if t.hour >= 12 else 'AM'}"
    ),
    "dd.MM.yyyy HH:mm": lambda t: t.strftime("%d.%m.%Y %H:%M"),
    "yyyy-MM-dd'T'HH:mm:ss": lambda t: t.strftime("%Y-%m-%dT%H:%M:%S"),
}
YEARS = {"min_value": dt.date(1000, 1, 1), "max_value": dt.date(9999, 12, 31)}


def _fixed(pattern: str, data_type: str, values: list[str], style: str = "zoho") -> list:
    plan = plan_rewrite(pattern, data_type, style)
    assert plan is not None
    done = rewrite(plan, pa.array(values), np.zeros(len(values), dtype=bool))
    assert not done.failing.any()
    return done.values.to_pylist()


@settings(max_examples=60)
@given(st.lists(st.dates(**YEARS), min_size=1, max_size=20), st.sampled_from(list(DATE_SOURCES)),
       st.sampled_from(["zoho", "iso"]))  # fmt: skip
def test_dates_round_trip(days: list[dt.date], pattern: str, style: str) -> None:
    written = _fixed(pattern, "date", [DATE_SOURCES[pattern](d) for d in days], style)
    python = "%Y-%m-%d" if style == "iso" else "%m/%d/%Y"
    assert [dt.datetime.strptime(w, python).date() for w in written] == days


@settings(max_examples=60)
@given(st.lists(st.datetimes(dt.datetime(1000, 1, 1), dt.datetime(9999, 12, 31)).map(
    lambda t: t.replace(second=0, microsecond=0)), min_size=1, max_size=20),
    st.sampled_from(list(TIME_SOURCES)))  # fmt: skip
def test_date_times_round_trip(times: list[dt.datetime], pattern: str) -> None:
    written = _fixed(pattern, "datetime", [TIME_SOURCES[pattern](t) for t in times])
    assert [dt.datetime.strptime(w, "%m/%d/%Y %H:%M:%S") for w in written] == times


def _spelt(value: Decimal, style: str, symbol: str) -> str:
    whole, _, decimals = f"{abs(value):f}".partition(".")
    groups = f"{int(whole):,}"
    grouping = {"us": ",", "eu": ".", "space": "\u00a0"}[style]
    point = "." if style == "us" else ","
    text = groups.replace(",", grouping) + (point + decimals if decimals else "")
    return ("-" if value < 0 else "") + symbol + text


def _number_fix(written: list[str]) -> tuple[str | None, list[str], np.ndarray]:
    """The column's convention, its fixed values and which were left as they were."""
    evidence = NumberEvidence()
    evidence.add(pa.array(written), pa.array(range(2, 2 + len(written))))
    convention, refusal = evidence.decide()
    shape = f"^(?:{decimal_shape(16).body})$"
    fix = NumberRewrite(convention, False, shape, "a number", refusal)
    out, reasons = rewrite_numbers(fix, pa.array(written), np.zeros(len(written), dtype=bool))
    failing = np.zeros(len(written), dtype=bool)
    for mask in reasons.values():
        failing |= mask
    return convention, out.to_pylist(), failing


@settings(max_examples=100)
@given(
    st.lists(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False),
             min_size=1, max_size=15),
    st.sampled_from(["us", "eu", "space"]),
    st.sampled_from(["", "$", "€ "]),
)  # fmt: skip
def test_numbers_with_decimals_round_trip(values: list[Decimal], style: str, symbol: str) -> None:
    """Two decimals show which separator is the point: every value is fixed."""
    written = [_spelt(v, style, symbol) for v in values]
    convention, fixed, failing = _number_fix(written)
    assert convention == ("us" if style == "us" else "eu")
    assert not failing.any()
    assert [Decimal(after) for after in fixed] == values


@settings(max_examples=100)
@given(
    st.lists(st.integers(-10**9, 10**9).map(Decimal), min_size=1, max_size=15),
    st.sampled_from(["us", "eu"]),
)  # fmt: skip
def test_whole_numbers_round_trip_or_stay(values: list[Decimal], style: str) -> None:
    """Without decimals '1,234' reads two ways: such a column is fixed only when another
    value settles it, and a value fix does not fix keeps its text."""
    written = [_spelt(v, style, "") for v in values]
    convention, fixed, failing = _number_fix(written)
    for before, after, value, failed in zip(written, fixed, values, failing, strict=True):
        assert after == before if failed else Decimal(after) == value
    if convention is None:
        assert all(abs(v) < 10**6 for v in values)  # two groups or more would settle it
        assert failing.sum() == sum(abs(v) >= 1000 for v in values)


@given(st.lists(st.sampled_from(TRUE_WORDS + FALSE_WORDS), min_size=1, max_size=20),
       st.randoms())  # fmt: skip
def test_booleans_round_trip(words: list[str], random) -> None:
    cased = ["".join(c.upper() if random.random() < 0.5 else c for c in w) for w in words]
    out, reasons = rewrite_booleans(pa.array(cased), np.zeros(len(words), dtype=bool), False)
    assert not any(mask.any() for mask in reasons.values())
    assert out.to_pylist() == ["true" if w in TRUE_WORDS else "false" for w in words]
