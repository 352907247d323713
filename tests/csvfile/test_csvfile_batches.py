from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper.csvfile import Batch, CsvError, read_batches, sniff


def read_all(path: Path, block_bytes: int = 1 << 20) -> list[Batch]:
    return list(read_batches(path, sniff(path), block_bytes=block_bytes))


def rows_and_lines(batches: list[Batch]) -> list[tuple[int, list[str]]]:
    found = []
    for batch in batches:
        columns = [column.to_pylist() for column in batch.columns]
        for i, line in enumerate(batch.lines.to_pylist()):
            found.append((line, [column[i] for column in columns]))
    return found


def test_quoted_line_breaks_keep_physical_line_numbers(tmp_path: Path):
    path = tmp_path / "q.csv"
    path.write_bytes(
        b'Name,Note\r\nAnna,"first\r\nsecond\r\nthird"\r\nBen,plain\r\n"Carl\nJr",x\r\nDora,y\r\n'
    )
    assert rows_and_lines(read_all(path)) == [
        (2, ["Anna", "first\r\nsecond\r\nthird"]),
        (5, ["Ben", "plain"]),
        (6, ["Carl\nJr", "x"]),
        (8, ["Dora", "y"]),
    ]


def test_line_numbers_carry_across_batches(tmp_path: Path):
    lines = ["Id,Note"]
    expected = []
    physical = 2
    for i in range(3000):
        note = f'"a\nb{i}"' if i % 7 == 0 else f"n{i}"
        lines.append(f"{i},{note}")
        expected.append(physical)
        physical += 2 if i % 7 == 0 else 1
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n")
    batches = read_all(path, block_bytes=4096)
    assert len(batches) > 5
    assert [line for line, _ in rows_and_lines(batches)] == expected


def test_ragged_rows_are_left_out_and_reported_with_their_line(tmp_path: Path):
    path = tmp_path / "r.csv"
    path.write_text('a,b,c\n1,2,3\n"x\ny",2\n4,5,6\n7,8,9,10\n11,12,13\n')
    batches = read_all(path)
    assert [row for _, row in rows_and_lines(batches)] == [
        ["1", "2", "3"],
        ["4", "5", "6"],
        ["11", "12", "13"],
    ]
    assert [line for line, _ in rows_and_lines(batches)] == [2, 5, 7]
    ragged = [(r.line, r.fields, r.expected) for b in batches for r in b.ragged]
    assert ragged == [(3, 2, 3), (6, 4, 3)]


def test_ragged_last_row_is_still_reported(tmp_path: Path):
    path = tmp_path / "last.csv"
    path.write_text("Email,External ID\na@example.com,1\nb@example.com\n")
    ragged = [r for b in read_all(path) for r in b.ragged]
    assert [(r.line, r.fields) for r in ragged] == [(3, 1)]


def test_non_utf8_files_are_transcoded(tmp_path: Path):
    text = "Name,City\nRenée,Zürich\nSøren,Århus\n"
    for encoding in ("cp1252", "utf-16"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        rows = [row for _, row in rows_and_lines(read_all(path))]
        assert rows == [["Renée", "Zürich"], ["Søren", "Århus"]], encoding


def test_header_row_is_not_a_data_row_but_headerless_first_row_is(tmp_path: Path):
    path = tmp_path / "nh.csv"
    path.write_text("Anna,anna@example.com\nBen,ben@example.com\n")
    assert rows_and_lines(read_all(path))[0] == (1, ["Anna", "anna@example.com"])


def test_invalid_utf8_late_in_a_utf8_file_is_a_csv_error_naming_its_line(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_bytes("Name\nRenée\n".encode() + b"x" * (1 << 20) + b"\nAndr\xe9\n")
    with pytest.raises(CsvError, match=r"utf-8 CSV: line 4 holds b'\\xe9', which is not UTF-8"):
        read_all(path)


@pytest.mark.parametrize("block_bytes", [1 << 10, 1 << 20])
def test_no_row_after_the_first_bytes_that_are_not_utf8_is_read(tmp_path: Path, block_bytes):
    # pyarrow is served the text only up to the piece that is not UTF-8, so it never parses
    # (nor hands a malformed record of) text that is not UTF-8
    path = tmp_path / "bad.csv"
    good = "".join(f"Zoë {i},{i}\n" for i in range(5_000)).encode()
    path.write_bytes(b"Name,N\n" + good + b"x,\xff\xfe,too,many\n" + good)
    seen = []
    with pytest.raises(CsvError, match=r"line 5002 holds b'\\xff'"):
        for batch in read_batches(path, sniff(path), block_bytes=block_bytes):
            seen.extend(batch.columns[1].to_pylist())
    assert seen == [str(i) for i in range(len(seen))] and len(seen) < 5_000


def test_line_breaks_are_counted_from_the_first_quote_on_however_late(tmp_path: Path):
    # batches read before any quote skip the search for line breaks in their values; the
    # first quoted field with a break, many blocks in, still moves every later line
    path = tmp_path / "late.csv"
    plain = "".join(f"n{i},{i}\n" for i in range(2_000))
    path.write_text("Name,N\n" + plain + '"two\nlines",x\n' + plain, encoding="utf-8")
    found = rows_and_lines(read_all(path, block_bytes=1024))
    assert found[2_000] == (2_002, ["two\nlines", "x"])
    assert found[2_001] == (2_004, ["n0", "0"]) and found[-1] == (4_003, ["n1999", "1999"])


def test_utf16_without_bom_is_read(tmp_path: Path):
    path = tmp_path / "u.csv"
    path.write_bytes("Name,City\nRenée,Zürich\n".encode("utf-16-le"))
    assert rows_and_lines(read_all(path)) == [(2, ["Renée", "Zürich"])]


cells = st.text(alphabet='ab,"\n é', max_size=6)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(cells, cells), min_size=1, max_size=60), crlf=st.booleans())
def test_line_numbers_match_the_rows_as_written(tmp_path: Path, rows, crlf: bool):
    terminator = "\r\n" if crlf else "\n"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=terminator, quoting=csv.QUOTE_ALL)
    writer.writerow(["Name", "Note"])
    expected, line = [], 2
    for row in rows:
        writer.writerow(row)
        expected.append((line, list(row)))
        line += 1 + sum(cell.count("\n") for cell in row)
    path = tmp_path / "p.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    info = sniff(path)
    assert info.has_header
    found = rows_and_lines(list(read_batches(path, info, block_bytes=256)))
    assert found == expected
