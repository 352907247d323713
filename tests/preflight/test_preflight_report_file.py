"""The predicted result file is written like every other output: normal mode, atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mapper.catalog import builtin_catalog
from mapper.files import atomic_file, write_atomic
from mapper.preflight import preflight, write_report

SPEC = {
    "operation": "insert",
    "resource": [
        {
            "type": "data",
            "module": {"api_name": "Leads"},
            "file_id": "1",
            "field_mappings": [{"api_name": "Last_Name", "index": 0}],
        }
    ],
}


def umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def report(tmp_path: Path, out: Path) -> Path:
    source = tmp_path / "leads.csv"
    source.write_text("Last Name\nOkafor\nAdeyemi\n", encoding="utf-8")
    result = preflight(SPEC, source, catalog=builtin_catalog())
    write_report(result, SPEC, source, out, catalog=builtin_catalog())
    return out


def test_a_new_report_has_the_mode_of_a_file_open_creates(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    out = report(tmp_path, tmp_path / "result.csv")
    assert mode(out) == mode(plain) == 0o666 & ~umask()


def test_a_new_report_has_the_same_mode_as_a_new_spec(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    write_atomic(spec, b"{}\n")
    assert mode(report(tmp_path, tmp_path / "result.csv")) == mode(spec)


def test_a_replaced_report_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "result.csv"
    out.write_text("old")
    os.chmod(out, 0o640)
    report(tmp_path, out)
    assert mode(out) == 0o640
    assert out.read_text(encoding="utf-8").startswith("Last Name,STATUS")


def test_a_report_into_a_missing_folder_creates_it(tmp_path: Path) -> None:
    out = report(tmp_path, tmp_path / "new" / "result.csv")
    assert out.read_text(encoding="utf-8").count("\n") == 3


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "result.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_file(target, "w", encoding="utf-8") as handle:
        handle.write("half")
        raise RuntimeError("stopped")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["result.csv"]
