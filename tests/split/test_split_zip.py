"""`mapper split`'s zips: the level flag, parts zipped side by side, renumbering on halving."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import main
from mapper.files import DEFAULT_ZIP_LEVEL
from mapper.split import SplitError, split
from tests.split.test_split import PARENT_CHILD, parent_child_files, single, write


def _rows(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(
        f"N{i},{rng.randrange(10**9)},{'word ' * rng.randint(1, 9)}\n" for i in range(count)
    )


def _members(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_level_changes_the_zip_size_never_its_content(tmp_path: Path) -> None:
    source = write(tmp_path / "leads.csv", "Last Name,Code,Note\n" + _rows(3_000))
    fast = split(single(), source, tmp_path / "fast", max_rows=1_000, zip_level=1)
    small = split(single(), source, tmp_path / "small", max_rows=1_000, zip_level=9)
    for a, b in zip(fast, small, strict=True):
        assert a.csv_paths[0].read_bytes() == b.csv_paths[0].read_bytes()
        assert _members(a.zip_path) == _members(b.zip_path)
        assert a.zip_path.stat().st_size > b.zip_path.stat().st_size
        assert a.spec_path.read_bytes() == b.spec_path.read_bytes()


def test_the_default_level_is_zips_own(tmp_path: Path) -> None:
    source = write(tmp_path / "leads.csv", "Last Name,Code,Note\n" + _rows(500))
    default = split(single(), source, tmp_path / "default", max_rows=200)
    six = split(single(), source, tmp_path / "six", max_rows=200, zip_level=6)
    assert DEFAULT_ZIP_LEVEL == 6
    assert [c.zip_path.read_bytes() for c in default] == [c.zip_path.read_bytes() for c in six]


@pytest.mark.parametrize("level", [-1, 10])
def test_a_level_outside_0_to_9_is_refused(tmp_path: Path, level: int) -> None:
    source = write(tmp_path / "leads.csv", "Last Name\nA\n")
    with pytest.raises(SplitError, match="zip-level"):
        split(single(), source, tmp_path / "out", zip_level=level)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(single()))
    args = ["split", str(source), "--spec", str(spec), "--out-dir", str(tmp_path / "o"),
            "--zip-level", str(level)]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "--zip-level" in result.output
    assert not (tmp_path / "o").exists()


def test_a_halved_part_renumbers_the_zips_after_it(tmp_path: Path) -> None:
    """Parts are zipped side by side under their expected numbers; when the second one is
    too big and halved, every later zip must name its CSVs by the new numbers."""
    rng = random.Random(7)
    small = [f"S{i}\n" for i in range(20)]
    big = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(800)) + "\n"
           for _ in range(10)]  # fmt: skip
    rows = small[:10] + big + small[10:]
    source = write(tmp_path / "leads.csv", "Last Name\n" + "".join(rows))
    chunks = split(single(), source, tmp_path / "out", max_rows=10, max_zip_bytes=3_000)
    assert len(chunks) > 3
    assert [c.number for c in chunks] == list(range(1, len(chunks) + 1))
    copied = []
    for chunk in chunks:
        name = chunk.csv_paths[0].name
        assert name == f"leads-part{chunk.number:03d}.csv"
        assert chunk.zip_path.stat().st_size <= 3_000
        assert _members(chunk.zip_path) == {name: chunk.csv_paths[0].read_bytes()}
        copied += chunk.csv_paths[0].read_text().splitlines(keepends=True)[1:]
    assert copied == rows
    staged = [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]
    assert staged == []


def test_a_parent_child_job_zips_both_csvs_at_the_level(tmp_path: Path) -> None:
    leads, subform = parent_child_files(tmp_path, parents=30)
    kwargs = {"children": [subform], "max_rows": 9}
    stored = split(PARENT_CHILD, leads, tmp_path / "a", zip_level=0, **kwargs)
    packed = split(PARENT_CHILD, leads, tmp_path / "b", zip_level=9, **kwargs)
    for a, b in zip(stored, packed, strict=True):
        assert _members(a.zip_path) == _members(b.zip_path)
        assert list(_members(a.zip_path)) == [p.name for p in a.csv_paths]
        assert a.zip_path.stat().st_size > b.zip_path.stat().st_size


def test_the_last_record_without_a_line_end_gets_one_in_its_part(tmp_path: Path) -> None:
    text = 'Last Name,Note\nA,"two\nlines"\nB,x\nC,"y ""q"""'
    source = write(tmp_path / "leads.csv", text)
    chunks = split(single(), source, tmp_path / "out", max_rows=2)
    assert [c.csv_paths[0].read_text() for c in chunks] == [
        'Last Name,Note\nA,"two\nlines"\nB,x\n',
        'Last Name,Note\nC,"y ""q"""\n',
    ]
