"""Header rows narrower than the data, and records larger than the reader's blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapper.csvfile import CsvError, read_batches, sniff


def rows_and_lines(path: Path, **sizes: int) -> list[tuple[int, list[str]]]:
    found = []
    for batch in read_batches(path, sniff(path), **sizes):
        cells = [column.to_pylist() for column in batch.columns]
        found += [(line, [c[i] for c in cells]) for i, line in enumerate(batch.lines.to_pylist())]
    return found


def test_a_narrow_header_row_is_dropped_and_the_data_row_kept(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("email,name\nann@example.com,Ann,X,Y\n")
    info = sniff(path)
    assert (info.header, info.padded) == (("email", "name", "", ""), 2)
    batches = list(read_batches(path, info))
    assert rows_and_lines(path) == [(2, ["ann@example.com", "Ann", "X", "Y"])]
    assert [r for b in batches for r in b.ragged] == []


def test_a_row_as_narrow_as_the_padded_header_is_ragged_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("email,name\na@x.com,A,1,2\nb@x.com,B,3,4\nc@x.com,C\n")
    ragged = [r for b in read_batches(path, sniff(path)) for r in b.ragged]
    assert [(r.line, r.fields) for r in ragged] == [(4, 2)]
    assert [line for line, _ in rows_and_lines(path)] == [2, 3]


def test_a_record_larger_than_a_block_is_read_with_larger_blocks(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    rows = "".join(f"r{i},short\n" for i in range(200))
    path.write_text(f'Name,Note\n{rows}S,"{"y" * 20000}"\nT,"two\nlines"\nU,end\n')
    found = rows_and_lines(path, block_bytes=1024, max_block_bytes=1 << 16)
    assert [line for line, _ in found] == [*range(2, 202), 202, 203, 205]
    assert [cells[0] for _, cells in found[-3:]] == ["S", "T", "U"]
    assert len(found[-3][1][1]) == 20000


def test_a_record_too_large_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("Name,Note\na,b\nS," + "y" * 20000 + "\n")
    with pytest.raises(CsvError) as caught:
        list(read_batches(path, sniff(path), block_bytes=1024, max_block_bytes=4096))
    message = str(caught.value)
    assert "line 3 holds more than 4 KB" in message
    assert "straddl" not in message
