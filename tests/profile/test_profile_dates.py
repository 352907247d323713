"""Date inference over whole files: exact when proven, ambiguous when not, never wrong."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mapper.profile as profile_module
from mapper.dates import meaning, pattern_regex, tokenize
from mapper.profile import ColumnProfile, profile

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def java_format(moment: datetime, pattern: str) -> str:
    """Write ``moment`` as Java would with ``pattern`` (the letters the tests use)."""
    parts = []
    for token in tokenize(pattern):
        parts.append(
            token.text if token.letter is None else _field(moment, token.letter, token.width)
        )
    return "".join(parts)


def _field(moment: datetime, letter: str, width: int) -> str:
    if letter == "M" and width >= 3:
        name = MONTHS[moment.month - 1]
        return name[:3] if width == 3 else name
    if letter == "a":
        return "AM" if moment.hour < 12 else "PM"
    if letter == "X":
        return _offset(moment, width)
    if letter == "S":
        return f"{moment.microsecond // 1000:03d}"[:width]
    number = {
        "y": moment.year % 100 if width == 2 else moment.year,
        "M": moment.month, "d": moment.day, "H": moment.hour,
        "h": (moment.hour % 12) or 12, "m": moment.minute, "s": moment.second,
    }[letter]  # fmt: skip
    return f"{number:0{width}d}"


def _offset(moment: datetime, width: int) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    if minutes == 0:
        return "Z"
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    hours, rest = divmod(minutes, 60)
    return f"{sign}{hours:02d}" + {1: "", 2: f"{rest:02d}", 3: f":{rest:02d}"}[width]


def profile_values(tmp_path: Path, values: list[str], name: str = "d.csv") -> ColumnProfile:
    path = tmp_path / name
    body = "".join(f'{i},"{value}"\n' for i, value in enumerate(values))
    path.write_text("Id,When\n" + body, encoding="utf-8")
    return profile(path).columns[1]


def assert_never_wrong(column: ColumnProfile, true_pattern: str, values: list[str]) -> None:
    assert column.kind in ("date", "datetime")
    if column.format is not None:
        assert not column.ambiguous
        assert meaning(column.format) == meaning(true_pattern)
        regex = re.compile(pattern_regex(column.format))
        assert [v for v in values if not regex.match(v)] == []
    else:
        assert column.ambiguous, column.note
        assert meaning(true_pattern) in {meaning(c) for c in column.candidates}


PATTERNS = [
    "MM-dd-yyyy", "MM.dd.yyyy", "MM/dd/yyyy", "MMM dd, yyyy", "dd MMM yyyy", "dd-MM-yyyy",
    "dd-MMM-yyyy", "dd.MM.yyyy", "dd/MM/yyyy", "yyyy-MM-dd", "yyyy.MM.dd", "yyyy/MM/dd",
    "dd/MM/yy", "MM/dd/yy", "yy-MM-dd", "d/M/yyyy", "MMMM d, yyyy", "dd MMMM yyyy",
    "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy hh:mm a", "MMM dd, yyyy hh:mm a", "dd MMM yyyy HH:mm:ss",
    "dd-MM-yyyy HH:mm:ss", "dd.MM.yyyy HH:mm", "dd/MM/yyyy HH:mm", "yyyy-MM-dd HH:mm:ss",
    "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    "M/d/yyyy h:mm a", "yyyy-MM-dd HH:mm:ss XX",
]  # fmt: skip

moments = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2060, 12, 31),
    timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30)),
                               timezone(timedelta(hours=-5))]),
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pattern=st.sampled_from(PATTERNS), values=st.lists(moments, min_size=1, max_size=40))
def test_inferred_pattern_is_the_true_one_or_flagged_ambiguous(
    tmp_path: Path, pattern: str, values: list[datetime]
):
    written = [java_format(moment, pattern) for moment in values]
    assert_never_wrong(profile_values(tmp_path, written), pattern, written)


def test_ambiguous_column_names_both_orders_and_what_would_settle_it(tmp_path: Path):
    column = profile_values(tmp_path, ["03/04/2024", "12/11/2023", "01/02/2020"])
    assert column.kind == "date"
    assert column.format is None and column.ambiguous
    assert column.candidates == ("dd/MM/yyyy", "MM/dd/yyyy")
    assert "day above 12" in (column.note or "")


def test_ambiguity_decided_by_the_last_row_of_many_batches(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(profile_module, "BLOCK_BYTES", 4096)
    values = [f"{(i % 12) + 1:02d}/{(i % 7) + 1:02d}/2024" for i in range(20_000)]
    column = profile_values(tmp_path, [*values, "05/25/2024"])
    assert (column.format, column.ambiguous) == ("MM/dd/yyyy", False)
    column = profile_values(tmp_path, [*values, "25/05/2024"], name="e.csv")
    assert (column.format, column.ambiguous) == ("dd/MM/yyyy", False)


def test_two_digit_years(tmp_path: Path):
    column = profile_values(tmp_path, ["10-10-16", "01-03-17", "12-12-12"])
    assert column.ambiguous
    assert set(column.candidates) == {"yy-MM-dd", "dd-MM-yy", "MM-dd-yy"}
    column = profile_values(tmp_path, ["20-10-16", "01-03-17", "45-01-02"], name="y.csv")
    assert (column.format, column.ambiguous) == ("yy-MM-dd", False)


def test_month_names(tmp_path: Path):
    assert profile_values(tmp_path, ["Jan 10, 2012", "Dec 31, 1999"]).format == "MMM dd, yyyy"
    only_may = profile_values(tmp_path, ["10 May 2020", "11 May 2021"], name="m.csv")
    assert only_may.format == "dd MMM yyyy"  # on Zoho's list; "dd MMMM yyyy" reads them too
    full = profile_values(tmp_path, ["10 May 2020", "11 June 2021"], name="f.csv")
    assert full.format == "dd MMMM yyyy"


def test_twelve_hour_clock(tmp_path: Path):
    column = profile_values(tmp_path, ["01/15/2024 01:30 PM", "02/16/2024 11:05 AM"])
    assert (column.kind, column.format) == ("datetime", "MM/dd/yyyy hh:mm a")
    column = profile_values(tmp_path, ["1/15/2024 1:30 PM", "12/16/2024 11:05 AM"], name="l.csv")
    assert column.format == "M/d/yyyy h:mm a"


def test_offsets_and_z(tmp_path: Path):
    mixed = ["2024-01-01T10:00:00Z", "2024-06-01T10:00:00+05:30", "2024-07-01T10:00:00-05:00"]
    assert profile_values(tmp_path, mixed).format == "yyyy-MM-dd'T'HH:mm:ssXXX"
    only_z = profile_values(tmp_path, ["2024-01-01T10:00:00.123Z"], name="z.csv")
    assert only_z.format == "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"
    compact = profile_values(
        tmp_path, ["2024-01-01T10:00:00+0530", "2024-01-01T10:00:00Z"], "c.csv"
    )
    assert compact.format == "yyyy-MM-dd'T'HH:mm:ssXX"


def test_mixed_shapes_give_no_format_and_a_warning_with_counts(tmp_path: Path):
    path = tmp_path / "mixed.csv"
    path.write_text("When\n2024-01-05\n2024-02-06\n05.01.2024\n")
    result = profile(path)
    column = result.columns[0]
    assert (column.kind, column.format, column.ambiguous) == ("date", None, False)
    assert any("'9999-99-99' x2" in w and "'99.99.9999' x1" in w for w in result.warnings)


def test_unpadded_values_widen_the_pattern(tmp_path: Path):
    column = profile_values(tmp_path, ["25/12/2024", "3/4/2024", "13/11/2023"])
    assert column.format == "d/M/yyyy"


@pytest.mark.parametrize("value", ["31/04/2024", "29/02/2023", "2024-13-01"])
def test_impossible_dates_never_get_a_format(tmp_path: Path, value: str):
    column = profile_values(tmp_path, ["25/12/2024", value])
    assert column.format is None
