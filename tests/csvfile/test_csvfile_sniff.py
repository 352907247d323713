from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from mapper.csvfile import CsvError, sniff
from mapper.csvfile.dialect import detect_delimiter, first_records

CRM_ROWS = "Name,Email,Amount\nAnna Müller,anna@example.com,10.5\nJosé García,jose@example.com,3\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (CRM_ROWS.encode("utf-8"), "utf-8", False),
        (b"\xef\xbb\xbf" + CRM_ROWS.encode("utf-8"), "utf-8", True),
        (CRM_ROWS.encode("utf-16"), "utf-16-le", True),
        (b"\xfe\xff" + CRM_ROWS.encode("utf-16-be"), "utf-16-be", True),
        (CRM_ROWS.encode("utf-16-le"), "utf-16-le", False),
    ],
)
def test_unicode_encodings_and_boms(tmp_path: Path, data: bytes, encoding: str, bom: bool):
    info = sniff(write(tmp_path, "a.csv", data))
    assert (info.encoding, info.bom) == (encoding, bom)
    assert info.header == ("Name", "Email", "Amount")


def test_windows_1252_is_not_taken_for_central_european(tmp_path: Path):
    text = (
        "Name,City,Note\n"
        "Renée Dubois,Zürich,Paid 120 €\n"
        "Søren Østergaard,Århus,Rabatt — 10 %\n"
        "Iñigo Muñoz,Logroño,“VIP” client\n"
    )
    info = sniff(write(tmp_path, "w.csv", text.encode("cp1252")))
    assert info.encoding == "cp1252"


def test_a_non_utf8_byte_after_a_long_ascii_head_is_found(tmp_path: Path):
    rows = "".join(f"Name {i},{i}\n" for i in range(120_000))  # > 1 MiB of ASCII
    data = ("Name,Amount\n" + rows + "Crédit Agricole,5\n").encode("cp1252")
    info = sniff(write(tmp_path, "late.csv", data))
    assert info.encoding == "cp1252"


def test_shift_jis(tmp_path: Path):
    text = "氏名,メール\n名無しの権兵衛,nanashi@example.jp\nやまだ たろう,taro@example.jp\n"
    info = sniff(write(tmp_path, "sj.csv", text.encode("shift_jis")))
    assert info.encoding == "cp932"
    assert info.header == ("氏名", "メール")


@pytest.mark.parametrize("delimiter", [",", ";", ":", "|"])
def test_delimiters_zoho_accepts(tmp_path: Path, delimiter: str):
    text = CRM_ROWS.replace(",", delimiter)
    info = sniff(write(tmp_path, "d.csv", text.encode()))
    assert info.delimiter == delimiter
    assert info.warnings == ()


def test_semicolon_file_with_decimal_commas(tmp_path: Path):
    text = "Name;Amount;Date\nAnna;12,50;01.02.2024\nBen;3,75;13.02.2024\n"
    assert sniff(write(tmp_path, "eu.csv", text.encode())).delimiter == ";"


def test_commas_with_times_are_not_colon_separated(tmp_path: Path):
    text = "Name,Start\nAnna,10:30:00\nBen,11:45:00\n"
    assert sniff(write(tmp_path, "t.csv", text.encode())).delimiter == ","


def test_tab_separated_is_reported(tmp_path: Path):
    info = sniff(write(tmp_path, "t.tsv", CRM_ROWS.replace(",", "\t").encode()))
    assert info.delimiter == "\t"
    assert "tab-separated" in info.warnings[0]
    assert "Zoho" in info.warnings[0]


def test_file_without_header_row(tmp_path: Path):
    text = "Anna,anna@example.com,10.5\nBen,ben@example.com,3\n"
    info = sniff(write(tmp_path, "n.csv", text.encode()))
    assert not info.has_header
    assert info.header == ("Column 1", "Column 2", "Column 3")


def test_blank_and_duplicate_headers_are_warned_with_line(tmp_path: Path):
    text = "Email,,Name,email\na@example.com,x,Anna,b@example.com\n"
    info = sniff(write(tmp_path, "h.csv", text.encode()))
    assert info.has_header
    # 0-based, as the profile table and the spec's indexes count columns
    assert "line 1: index 1 has a blank header" in info.warnings
    repeats = [w for w in info.warnings if "repeats" in w]
    assert repeats == [
        "line 1: header 'Email' repeats at indexes 0, 3; --map and --skip name one as "
        "'Email#3' or '@3'"
    ]


def test_line_terminator(tmp_path: Path):
    assert (
        sniff(write(tmp_path, "c.csv", CRM_ROWS.replace("\n", "\r\n").encode())).line_terminator
        == "\r\n"
    )
    assert sniff(write(tmp_path, "l.csv", CRM_ROWS.encode())).line_terminator == "\n"


def test_unreadable_files(tmp_path: Path):
    with pytest.raises(CsvError, match="no such file"):
        sniff(tmp_path / "missing.csv")
    with pytest.raises(CsvError, match="directory"):
        sniff(tmp_path)
    with pytest.raises(CsvError, match="empty"):
        sniff(write(tmp_path, "e.csv", b""))
    with pytest.raises(CsvError, match="empty"):
        sniff(write(tmp_path, "blank.csv", b"\xef\xbb\xbf\n\n"))
    with pytest.raises(CsvError, match="not a text file"):
        sniff(write(tmp_path, "b.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))


def test_rows_wider_than_the_header_widen_it(tmp_path: Path):
    text = "First,Last,Email\nJane,Doe,jane@example.com,\nJohn,Roe,john@example.com,\n"
    info = sniff(write(tmp_path, "w.csv", text.encode()))
    assert info.header == ("First", "Last", "Email", "")
    assert any("the header has 3 fields but most rows have 4" in w for w in info.warnings)


def test_typed_first_row_without_typed_columns_is_data(tmp_path: Path):
    text = "1,1,1@host.invalid\n2\t2\t2@host.invalid\n3\t3\t3@host.invalid\n"
    info = sniff(write(tmp_path, "m.csv", text.encode()))
    assert (info.delimiter, info.has_header) == (",", False)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_head_records_split_lines_as_a_text_stream_does(newline: str):
    text = 'Name;Note\nAnna;"two\r\nlines"\nBen;x\r\n\nCarl;"a\rb"\n'.replace("\n", newline)
    expected = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=";") if r]
    assert first_records(text, ";", truncated=False) == expected
    assert len(expected) == 4


def test_delimiter_missing_from_the_first_record_scores_nothing():
    # every later record splits evenly on ":", but the header has no ":" at all
    text = "Name,Email\n" + "".join(f"a:{i},b:{i}\n" for i in range(50))
    assert detect_delimiter(text) == ","
