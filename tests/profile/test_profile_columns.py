from __future__ import annotations

from pathlib import Path

import pytest

import mapper.profile as profile_module
from mapper.profile import KINDS, profile


def one_column(tmp_path: Path, values: list[str]) -> profile_module.ColumnProfile:
    path = tmp_path / "c.csv"
    path.write_text("Value,Other\n" + "".join(f'"{v}",x\n' for v in values), encoding="utf-8")
    return profile(path).columns[0]


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["", "", ""], "empty"),
        (["Anna", "Ben", ""], "text"),
        (["1", "-20", "300"], "integer"),
        (["1.5", "20", "-0.25"], "decimal"),
        (["true", "FALSE", "Yes", "no"], "boolean"),
        (["2024-01-05", "2023-12-31"], "date"),
        (["2024-01-05 10:00:00", "2023-12-31 23:59:59"], "datetime"),
        (["anna@example.com", "b.c@mail.example.org"], "email"),
        (["+1 (555) 123-4567", "555-987-6543", "+49 30 1234567"], "phone"),
        (["https://example.com/a", "www.example.org", "example.net"], "url"),
        (["3825094485297336779", "506400067344845709"], "id"),
        (["01234", "02345"], "text"),  # leading zeros: a code, not a number
        (["12", "Anna"], "text"),
        (["anna@example.com", "not an email"], "text"),
    ],
)
def test_kinds(tmp_path: Path, values: list[str], kind: str):
    assert kind in KINDS
    assert one_column(tmp_path, values).kind == kind


def test_counts_and_examples(tmp_path: Path):
    column = one_column(tmp_path, ["b", "a", "", "b", "c", "a", "d"])
    assert (column.non_empty, column.distinct) == (6, 4)
    assert column.examples == ("b", "a", "c")
    assert not column.distinct_capped


def test_distinct_is_capped_and_says_so(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(profile_module, "DISTINCT_CAP", 50)
    column = one_column(tmp_path, [f"v{i}" for i in range(500)])
    assert (column.distinct, column.distinct_capped, column.non_empty) == (50, True, 500)


def test_kind_holds_over_every_batch(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(profile_module, "BLOCK_BYTES", 2048)
    column = one_column(tmp_path, [str(i) for i in range(5000)] + ["oops"])
    assert column.kind == "text"


def test_profile_json_contract(tmp_path: Path):
    path = tmp_path / "p.csv"
    path.write_text('Name;Born\nAnna;03.04.2001\nBen;28.02.1999\n"Carl\nJr";1,2\n')
    data = profile(path).as_dict()
    assert list(data) == ["path", "encoding", "delimiter", "header", "rows", "columns", "warnings"]
    assert (data["delimiter"], data["header"], data["rows"]) == (";", True, 3)
    assert list(data["columns"][0]) == [
        "index", "header", "kind", "format", "ambiguous", "candidates", "non_empty",
        "distinct", "examples",
    ]  # fmt: skip
    born = data["columns"][1]
    assert (born["index"], born["header"], born["kind"]) == (1, "Born", "text")


def test_ragged_rows_are_counted_and_warned(tmp_path: Path):
    path = tmp_path / "r.csv"
    path.write_text("Email,Id\na@example.com,1\nb@example.com\nc@example.com,3\n")
    result = profile(path)
    assert result.rows == 3
    assert result.columns[0].non_empty == 2
    assert any(w.startswith("line 3: 1 field where") for w in result.warnings)


def test_progress_is_reported(tmp_path: Path):
    path = tmp_path / "g.csv"
    path.write_text("A\n" + "x\n" * 100)
    seen: list[tuple[int, int]] = []
    profile(path, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][1] == path.stat().st_size
    assert all(0 < done <= total for done, total in seen)
