"""Writing: deterministic text, atomic replacement, reproducible zips."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from mapper import files as output
from mapper.compile.output import render_json
from mapper.files import write_atomic, write_zip_atomic


def test_render_json_is_two_space_indented_with_trailing_newline() -> None:
    text = render_json({"operation": "insert", "resource": [{"module": "Köln"}]})
    assert text == (
        '{\n  "operation": "insert",\n  "resource": [\n    {\n      "module": "Köln"\n'
        "    }\n  ]\n}\n"
    )


def test_render_json_keeps_insertion_order() -> None:
    assert render_json({"b": 1, "a": 2}).index('"b"') < render_json({"b": 1, "a": 2}).index('"a"')


def test_write_atomic_creates_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "spec.json"
    write_atomic(target, b"{}\n")
    assert target.read_bytes() == b"{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["spec.json"]


def test_write_atomic_keeps_a_replaced_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "spec.json"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_atomic(target, b"new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_failed_write_leaves_the_old_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "spec.json"
    target.write_text("old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["spec.json"]


def test_failed_write_creates_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(output.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(tmp_path / "spec.json", b"new")
    assert list(tmp_path.iterdir()) == []


def test_zip_holds_the_files_under_their_names_and_is_reproducible(tmp_path: Path) -> None:
    parent, child = tmp_path / "leads.csv", tmp_path / "notes.csv"
    parent.write_text("Last Name\nOkafor\n")
    child.write_text("Ref\n1\n")
    members = [("leads.csv", parent), ("notes.csv", child)]
    write_zip_atomic(tmp_path / "a.zip", members)
    write_zip_atomic(tmp_path / "b.zip", members)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.namelist() == ["leads.csv", "notes.csv"]
        assert archive.read("notes.csv") == b"Ref\n1\n"


def test_zip_of_a_missing_source_leaves_no_zip(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_zip_atomic(tmp_path / "a.zip", [("gone.csv", tmp_path / "gone.csv")])
    assert list(tmp_path.iterdir()) == []
