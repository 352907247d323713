"""Inputs the property tests and the fuzz campaign (scripts/fuzz.py) once broke, kept."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.check import check
from mapper.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_a_list_file_id_next_to_file_names_is_a_finding_not_a_crash() -> None:
    body = {"resource": [{"api_name": [], "file_names": [""], "index": [], "file_id": []}]}
    found = check(body, api_version="v2")
    assert any(d.severity.value == "error" for d in found)


def _parent_child_job(tmp_path: Path, edit: Callable[[dict], None]) -> Path:
    body = json.loads((EXAMPLES / "parent_leads.inputData.json").read_text(encoding="utf-8"))
    edit(body)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(body), encoding="utf-8")
    return spec


def _set(pointer: tuple, value: object) -> Callable[[dict], None]:
    def edit(body: dict) -> None:
        *parents, last = pointer
        for part in parents:
            body = body[part]
        body[last] = value

    return edit


def test_review_of_a_spec_whose_mappings_are_null_lists_no_columns(tmp_path: Path) -> None:
    spec = _parent_child_job(tmp_path, _set(("resource", 0, "field_mappings"), None))
    argv = ["review", str(EXAMPLES / "parent_leads.csv"), "--spec", str(spec), "-o"]
    result = CliRunner().invoke(main, [*argv, str(tmp_path / "r.html")])
    # the page is written; exit 1 says the spec has errors (BW003 on field_mappings)
    assert result.exit_code == 1, result.output
    assert "review written" in result.output


@pytest.mark.parametrize(
    "edit",
    [
        _set(("resource", 1, "field_mappings", 0, "parent_column_index"), -1000),
        _set(("resource", 1, "field_mappings", 0, "index"), -1000),
        _set(("resource", 1, "field_mappings", 0, "index"), True),
    ],
    ids=["parent-column-negative", "index-negative", "index-true"],
)
def test_split_refuses_a_child_link_it_cannot_read(tmp_path: Path, edit) -> None:
    spec = _parent_child_job(tmp_path, edit)
    argv = ["split", str(EXAMPLES / "parent_leads.csv"), "--spec", str(spec)]
    child = ["--child", str(EXAMPLES / "lead_interests.csv")]
    result = CliRunner().invoke(main, [*argv, *child, "--out-dir", str(tmp_path / "parts")])
    # mapper's usage-error exit: the spec cannot be split as given
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith("mapper: error:")


def test_split_places_a_child_by_order_when_its_file_names_is_not_a_list(tmp_path: Path) -> None:
    spec = _parent_child_job(tmp_path, _set(("resource", 1, "file_names"), 5))
    argv = ["split", str(EXAMPLES / "parent_leads.csv"), "--spec", str(spec)]
    child = ["--child", str(EXAMPLES / "lead_interests.csv")]
    result = CliRunner().invoke(main, [*argv, *child, "--out-dir", str(tmp_path / "parts")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "parts" / "parent_leads-part001.zip").is_file()


def test_a_lone_carriage_return_is_whitespace_on_the_first_line() -> None:
    # found by the bytes property: positions count lines at LF, as JSON's whitespace does
    from mapper.spec import parse_spec

    [problem] = parse_spec(b"\r", "spec.json").problems
    assert (problem.line, problem.column) == (1, 2)
    assert "empty file" in problem.message


@pytest.mark.parametrize("data", [b"\n\xfe\xff", b"a,b\n\xfe\xff\n"])
def test_a_byte_order_mark_after_the_start_is_a_clear_error(tmp_path: Path, data: bytes) -> None:
    # found by the bytes property (seed 31): the detector guessed BOM-led UTF-16 for a file
    # whose BOM is not at its start, and decoding raised a bare UnicodeError
    from mapper.csvfile import CsvError
    from mapper.profile import profile

    path = tmp_path / "in.csv"
    path.write_bytes(data)
    with pytest.raises(CsvError, match="not a text file"):
        profile(path)


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf,\n\x80", b"\xef\xbb\xbfa,b\n1,2\n3,\xe4x,5\n"])
@pytest.mark.parametrize("command", ["profile", "check"])
def test_a_malformed_record_that_is_not_utf8_ends_in_one_clear_error(
    tmp_path: Path, data: bytes, command: str
) -> None:
    # found by the bytes property at 30x: pyarrow decoded a malformed record as UTF-8 inside
    # a C++ callback, so Python printed "Exception ignored in ..." and a traceback before
    # mapper's error. The reader is now served only text proven UTF-8 (`Utf8Proof`)
    import subprocess
    import sys

    path = tmp_path / "in.csv"
    path.write_bytes(data)
    argv = ["profile", str(path)]
    if command == "check":
        argv = ["check", str(EXAMPLES / "leads.inputData.json"), "--csv", str(path)]
    done = subprocess.run(
        [sys.executable, "-m", "mapper", *argv], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == (2 if command == "profile" else 1), done.stderr
    assert "cannot read the file as utf-8 CSV: line " in done.stderr + done.stdout
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr


def test_positions_in_a_utf16_spec_count_its_characters() -> None:
    # found by the bytes property (seed 43, 30x): the property measured lines by LF bytes,
    # but in UTF-16 the byte 0x0a is half of a character, not a line break
    from mapper.spec import parse_spec

    data = b'\x00"\n\x00\x00 \x00\x00'  # UTF-16-BE: '"', U+0A00, ' ', NUL
    document = parse_spec(data, "spec.json")
    assert document.text == '"\u0a00 \x00'
    [encoding, problem] = document.problems
    assert "utf-16-be" in encoding.message
    assert (problem.line, problem.column) == (1, 4)
    assert "U+0000" in problem.message
