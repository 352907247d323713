"""Inputs the property tests and the fuzz campaign (scripts/fuzz.py) once broke, kept."""

from __future__ import annotations

from mapper.check import check


def test_a_list_file_id_next_to_file_names_is_a_finding_not_a_crash() -> None:
    body = {"resource": [{"api_name": [], "file_names": [""], "index": [], "file_id": []}]}
    found = check(body, api_version="v2")
    assert any(d.severity.value == "error" for d in found)
