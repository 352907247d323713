"""Option parsing for `mapper compile`: pairs, child specs, and failing cleanly."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mapper.cli import main
from mapper.cli.compile import parse_child, parse_date_formats, parse_pair
from mapper.compile.core import validate_options
from mapper.compile.options import ChildSpec, CompileError, CompileOptions


def test_map_pair_splits_at_the_last_equals_sign() -> None:
    assert parse_pair("a=b=Api_Name", "--map", split_at_last=True) == ("a=b", "Api_Name")


def test_default_pair_splits_at_the_first_equals_sign() -> None:
    pair = parse_pair("Website=https://x.test/?a=1", "--default", split_at_last=False)
    assert pair == ("Website", "https://x.test/?a=1")


@pytest.mark.parametrize("value", ["Email", "=Email", "E-mail=", " = "])
def test_malformed_pairs_exit_2(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(click.exceptions.Exit) as raised:
        parse_pair(value, "--map", split_at_last=True)
    assert raised.value.exit_code == 2


def test_child_spec_with_a_link_header() -> None:
    spec = parse_child("notes.csv:Lead_Notes:Lead Ref")
    assert spec == ChildSpec(Path("notes.csv"), "Lead_Notes", "Lead Ref")
    assert spec.parent_key_header == "Lead Ref"


def test_child_spec_naming_a_differently_headed_parent_column() -> None:
    spec = parse_child("C:/data/notes.csv:Lead_Notes:Lead=Ref")
    assert spec == ChildSpec(Path("C:/data/notes.csv"), "Lead_Notes", "Lead", "Ref")
    assert spec.parent_key_header == "Ref"


@pytest.mark.parametrize("value", ["notes.csv", "notes.csv:Lead_Notes", "notes.csv::Ref"])
def test_malformed_child_specs_exit_2(value: str) -> None:
    with pytest.raises(click.exceptions.Exit) as raised:
        parse_child(value)
    assert raised.value.exit_code == 2


def test_date_format_patterns_are_validated() -> None:
    assert parse_date_formats(("Born=dd.MM.yyyy",)) == (("Born", "dd.MM.yyyy"),)
    with pytest.raises(click.exceptions.Exit):
        parse_date_formats(("Born=bb.MM.yyyy",))


def _options(**values: object) -> CompileOptions:
    return CompileOptions(**{"module": "Leads", "file_id": "1", **values})


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"operation": "update"}, "--find-by"),
        ({"operation": "upsert"}, "--find-by"),
        ({"operation": "merge"}, "unknown operation"),
        ({"file_id": " "}, "--file-id"),
        ({"layout": "Standard", "layout_column": "Layout"}, "--layout"),
        (
            {"parent_id_column": "Ref", "children": (ChildSpec(Path("c.csv"), "S", "Ref"),)},
            "--parent-id-column",
        ),
    ],
)
def test_contradictory_options_are_refused(values: dict, fragment: str) -> None:
    with pytest.raises(CompileError, match=fragment):
        validate_options(_options(**values))


def test_update_with_find_by_is_fine() -> None:
    validate_options(_options(operation="update", find_by="id"))


def test_missing_file_id_exits_2_with_the_upload_hint(tmp_path: Path) -> None:
    csv_path = tmp_path / "leads.csv"
    csv_path.write_text("Last Name\nOkafor\n")
    result = CliRunner().invoke(main, ["compile", str(csv_path), "--module", "Leads"])
    assert result.exit_code == 2
    assert "--file-id is required" in result.stderr
    assert "details.file_id" in result.stderr
    assert result.stdout == ""
