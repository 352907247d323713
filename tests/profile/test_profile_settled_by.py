"""`ColumnProfile.settled_by`: the value that proved a date column's day/month order."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.profile import profile

DAYS = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31))


def _column(tmp_path, values: list[str]):
    path = tmp_path / "dates.csv"
    path.write_text("Born\n" + "".join(f"{v}\n" for v in values), encoding="utf-8")
    return profile(path).columns[0]


@settings(max_examples=40, deadline=None)
@given(st.lists(DAYS, min_size=1, max_size=30))
def test_the_first_day_over_12_settles_day_first(tmp_path_factory, dates) -> None:
    values = [d.strftime("%d.%m.%Y") for d in dates]
    column = _column(tmp_path_factory.mktemp("p"), values)
    proof = next((v for d, v in zip(dates, values, strict=True) if d.day > 12), None)
    # a day 1-12 equal to its month reads the same either way: no day over 12, no proof
    if proof is None:
        assert column.settled_by == ()
        return
    assert column.format == "dd.MM.yyyy"
    assert column.settled_by == ((proof, "MM.dd.yyyy"),)


def test_a_month_first_column_names_the_value_that_is_no_day_first_date(tmp_path) -> None:
    column = _column(tmp_path, ["01/02/2020", "03/04/2021", "12/31/1999", "11/30/2000"])
    assert column.format == "MM/dd/yyyy"
    assert column.settled_by == (("12/31/1999", "dd/MM/yyyy"),)


def test_an_undecided_column_has_no_proof(tmp_path) -> None:
    column = _column(tmp_path, ["01/02/2020", "03/04/2021"])
    assert column.ambiguous and column.settled_by == ()
