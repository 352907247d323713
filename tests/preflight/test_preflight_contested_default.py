"""A date mapped without format: Zoho's sources disagree on ISO values (mapper.zoho)."""

from __future__ import annotations

import json
from pathlib import Path

from mapper.check import check


def _job(tmp_path: Path, values: list[str], fmt: str | None) -> list:
    mapping = {"api_name": "Date_of_Birth", "index": 1, **({"format": fmt} if fmt else {})}
    body = {
        "operation": "insert",
        "resource": [
            {
                "type": "data",
                "module": {"api_name": "Contacts"},
                "file_id": "111111000000541985",
                "field_mappings": [{"api_name": "Last_Name", "index": 0}, mapping],
            }
        ],
    }
    spec, csv_path = tmp_path / "spec.json", tmp_path / "c.csv"
    spec.write_text(json.dumps(body), encoding="utf-8")
    rows = "".join(f"Doe,{value}\n" for value in values)
    csv_path.write_text("Last Name,Birthday\n" + rows, encoding="utf-8")
    return [d for d in check(spec, csv_path=csv_path) if d.code in ("BW601", "BW618")]


def test_iso_dates_without_format_are_warnings_naming_both_sources(tmp_path: Path) -> None:
    found = _job(tmp_path, ["2024-03-14", "03/14/2024", "2024-12-01"], None)
    assert [(d.code, d.severity.value, d.line) for d in found] == [
        ("BW618", "warning", 2),
        ("BW618", "warning", 4),
    ]
    assert "MM/dd/yyyy" in found[0].message and "Kaizen #13" in found[0].message


def test_other_values_without_format_stay_errors(tmp_path: Path) -> None:
    found = _job(tmp_path, ["14.03.2024", "2024-03-14"], None)
    assert [(d.code, d.severity.value) for d in found] == [
        ("BW601", "error"),
        ("BW618", "warning"),
    ]


def test_an_explicit_format_is_checked_alone(tmp_path: Path) -> None:
    assert _job(tmp_path, ["2024-03-14"], "yyyy-MM-dd") == []
    found = _job(tmp_path, ["2024-03-14"], "MM/dd/yyyy")
    assert [(d.code, d.severity.value) for d in found] == [("BW601", "error")]
