"""`raw_records`: records as the text they are in the file, split where quotes are closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapper.csvfile import CsvError, raw_records, sniff


def test_a_quoted_line_break_stays_inside_its_record(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(b'Name,Note\r\nAda,"two\r\nlines, ""quoted"""\r\nBo,plain')
    assert list(raw_records(path, sniff(path))) == [
        (1, "Name,Note\r\n"),
        (2, 'Ada,"two\r\nlines, ""quoted"""\r\n'),
        (4, "Bo,plain"),
    ]


def test_a_bom_is_not_part_of_the_header_record(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("Name\nZoë\n".encode("utf-16"))  # the codec writes the BOM
    assert [text for _, text in raw_records(path, sniff(path))] == ["Name\n", "Zoë\n"]


def test_an_unclosed_quote_is_an_error_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text('Name,Note\nAda,ok\nBo,"never closed\nCy,x\n', encoding="utf-8")
    with pytest.raises(CsvError, match="opened on line 3 is never closed"):
        list(raw_records(path, sniff(path)))
