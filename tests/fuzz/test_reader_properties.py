"""Bytes-level fuzzing of the readers (spec JSON, CSV) and of date inference.

``MAPPER_FUZZ_SCALE`` (set by scripts/fuzz.py) multiplies every example count.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mapper.csvfile import CsvError
from mapper.dates import pattern_regex
from mapper.profile import ColumnProfile, profile
from mapper.spec import parse_spec
from tests.fuzz.test_spec_mutations import fuzz

# pieces that steer random bytes towards the readers' interesting paths
JSON_PIECES = [b"{", b"}", b"[", b"]", b":", b",", b'"', b"\\", b"\n", b"\r\n", b"\t", b" ",
               b'"resource"', b'"field_mappings"', b"1e999", b"-0", b"true", b"null", b"NaN",
               b"\\u00e9", b"\\ud800", b"\xc3\xa9", b"\xff", b"\x00", b"\xef\xbb\xbf",
               b"\xff\xfe", b"/*", b"//"]  # fmt: skip
CSV_PIECES = [b",", b";", b"\t", b"|", b'"', b'""', b"\n", b"\r\n", b"\r", b"a", b"Email",
              b"2024-01-31", b"12/11/2023", b"x@y.z", b"1.5", b"\xc3\xa9", b"\xe9", b"\x00",
              b"\xef\xbb\xbf", b"\xff\xfe", b"\x81\x40", b" "]  # fmt: skip


def pieced(pieces: list[bytes], max_size: int) -> st.SearchStrategy[bytes]:
    pieced = st.lists(st.sampled_from(pieces) | st.binary(max_size=3), max_size=max_size)
    return st.one_of(st.binary(max_size=max_size * 2), pieced.map(b"".join))


def assert_inside(data: bytes | str, line: int | None, column: int | None) -> None:
    """A 1-based position within the text (or, for a file that does not decode, its
    bytes): a line that exists, a column at most one past its end (the end of file follows
    the last character). Lines end at LF, as ``mapper check`` counts them (a lone CR is
    JSON whitespace)."""
    assert line is not None and column is not None
    lines = data.split(b"\n" if isinstance(data, bytes) else "\n")
    assert 1 <= line <= len(lines), (line, len(lines))
    assert 1 <= column <= len(lines[line - 1]) + 1, (line, column, lines[line - 1])


@fuzz(300)
@given(data=pieced(JSON_PIECES, 60))
def test_any_bytes_as_a_spec_give_diagnostics_inside_the_file(data: bytes) -> None:
    document = parse_spec(data, "spec.json")
    # positions count the characters of the text as decoded (a UTF-16 file's bytes hold
    # LF bytes that are no line break), the bytes of one that does not decode (text "")
    text = document.text or data
    for problem in document.problems:
        assert problem.message
        assert_inside(text, problem.line, problem.column)
    if document.parsed:
        assert not [p for p in document.problems if p.severity.value == "error"]


@fuzz(150)
@given(data=pieced(CSV_PIECES, 80))
def test_any_bytes_as_a_csv_give_a_profile_or_one_clear_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "in.csv")
        path.write_bytes(data)
        try:
            found = profile(path)
        except CsvError as error:
            assert error.message.strip() and "Traceback" not in str(error)
            return
    assert all(column.non_empty <= found.rows for column in found.columns)


# date values of a few layouts, day and month both small (so both orders fit) or not
LAYOUTS = ["{d:02d}/{m:02d}/{y}", "{m:02d}/{d:02d}/{y}", "{y}-{m:02d}-{d:02d}",
           "{d}.{m}.{y}", "{d:02d}-{m:02d}-{yy:02d}"]  # fmt: skip


@st.composite
def date_value(draw: st.DrawFn, layouts: list[str]) -> str:
    layout = draw(st.sampled_from(layouts))
    y = draw(st.integers(1950, 2049))
    return layout.format(d=draw(st.integers(1, 28)), m=draw(st.integers(1, 12)), y=y, yy=y % 100)


def column_of(values: list[str]) -> ColumnProfile:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "d.csv")
        rows = "".join(f'{i},"{value}"\n' for i, value in enumerate(values))
        path.write_text("Id,When\n" + rows, encoding="utf-8")
        return profile(path).columns[1]


def reads_every_value(pattern: str, values: list[str]) -> bool:
    regex = re.compile(pattern_regex(pattern))
    return all(regex.match(value) for value in values if value.strip())


@fuzz(120)
@given(
    values=st.lists(
        st.one_of(date_value(LAYOUTS), st.just(""), st.sampled_from(["n/a", "31/02/2024"])),
        min_size=1,
        max_size=30,
    )
)
def test_every_reported_date_pattern_reads_every_value_of_its_column(values: list[str]) -> None:
    column = column_of(values)
    if column.format is not None:
        assert reads_every_value(column.format, values), (column.format, values)
    if column.ambiguous:
        assert len(column.candidates) >= 2
        for candidate in column.candidates:
            assert reads_every_value(candidate, values), (candidate, values)


@fuzz(40)
@given(
    day_first=st.booleans(),
    # 100,000 rows of 11 bytes span two 1 MiB read blocks: the decider is in the last batch
    rows=st.one_of(st.integers(min_value=1, max_value=3000), st.just(100_000)),
    pairs=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 12)), min_size=1, max_size=20),
    decider=st.integers(min_value=13, max_value=28),
)
def test_a_deciding_value_in_the_last_row_settles_the_order(
    day_first: bool, rows: int, pairs: list[tuple[int, int]], decider: int
) -> None:
    layout, settled = ("{0:02d}/{1:02d}/2024", "dd/MM/yyyy")
    if not day_first:
        settled = "MM/dd/yyyy"
    values = [layout.format(*pairs[i % len(pairs)]) for i in range(rows)]
    last = (decider, 5) if day_first else (5, decider)
    column = column_of([*values, layout.format(*last)])
    assert column.format == settled and not column.ambiguous, (column.format, column.note)


@fuzz(60)
@given(pairs=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 12)), min_size=1, max_size=25))
def test_a_column_no_value_decides_fits_both_orders(pairs: list[tuple[int, int]]) -> None:
    values = [f"{a:02d}/{b:02d}/2024" for a, b in pairs]
    column = column_of(values)
    if all(a == b for a, b in pairs):
        return  # 05/05/2024 reads the same either way
    assert column.ambiguous and column.format is None
    assert {"dd/MM/yyyy", "MM/dd/yyyy"} <= set(column.candidates)
    for candidate in column.candidates:
        assert reads_every_value(candidate, values)


def test_json_pieces_are_bytes() -> None:
    # the strategy's pieces stay valid building blocks (a typo would silently shrink them)
    assert json.loads(b"".join([b"{", b'"resource"', b":", b"null", b"}"])) == {"resource": None}
