"""Malformed records spread over several blocks: pyarrow may parse the next block (and
report its malformed records) before it yields this one's batch; each record must still be
counted in its own batch, on its own line (this crashed with a numpy broadcast error)."""

from __future__ import annotations

from pathlib import Path

from mapper.csvfile import read_batches, sniff


def test_ragged_records_over_many_blocks_keep_their_lines(tmp_path: Path) -> None:
    lines = ["a,b,c"]
    ragged_lines = []
    for i in range(3000):
        if i % 37 == 3:
            lines.append(f"x{i},y,z,extra")
            ragged_lines.append(len(lines))
        else:
            lines.append(f'"v\n{i}",w,z' if i == 10 else f"v{i},w,z")
    path = tmp_path / "ragged.csv"
    path.write_text("\n".join(lines) + "\n")
    batches = list(read_batches(path, sniff(path), block_bytes=4096))
    assert len(batches) > 5
    found = [r.line for b in batches for r in b.ragged]
    # line numbers after the quoted line break (data row 10, line 12) are one further on
    assert found == [line + (line > 12) for line in ragged_lines]
    rows = [line for b in batches for line in b.lines.to_pylist()]
    assert len(rows) + len(found) == 3000
    assert rows == sorted(rows) and len(set(rows) | set(found)) == 3000
