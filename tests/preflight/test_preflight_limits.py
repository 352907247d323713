"""Zoho's file limits: records per file, zip size."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mapper.catalog import builtin_catalog
from mapper.preflight import preflight, structure

SPEC = {
    "operation": "insert",
    "resource": [{"type": "data", "module": {"api_name": "Leads"}, "file_id": "1",
                  "field_mappings": [{"api_name": "Last_Name", "index": 0},
                                     {"api_name": "Email", "index": 1}]}],
}  # fmt: skip


def write_rows(path: Path, rows: int, width: int = 0, seed: int = 7) -> Path:
    rng = random.Random(seed)

    def noise() -> str:
        return "," + "".join(rng.choice("abcdefghij0123456789") for _ in range(width))

    lines = (f"Name{i},user{i}@example.com{noise() if width else ''}" for i in range(rows))
    header = "Last Name,Email" + (",Notes" if width else "")
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("rows", "reported"), [(25_000, False), (25_001, True)])
def test_more_than_25000_records_is_reported(tmp_path: Path, rows: int, reported: bool) -> None:
    path = write_rows(tmp_path / "big.csv", rows)
    result = preflight(SPEC, path, catalog=builtin_catalog())
    assert result.rows == rows
    assert ("BW704" in {d.code for d in result.diagnostics}) is reported


def test_a_file_that_zips_over_the_limit_is_reported(tmp_path, monkeypatch) -> None:
    # random notes barely compress: a 60 KB file stays above a 20 KB limit once deflated
    path = write_rows(tmp_path / "wide.csv", 600, width=80)
    monkeypatch.setattr(structure, "MAX_ZIP_BYTES", 20_000)
    assert structure.deflated_size(path) > 20_000
    codes = {d.code for d in preflight(SPEC, path, catalog=builtin_catalog()).diagnostics}
    assert "BW705" in codes


def test_a_file_that_compresses_under_the_limit_is_not(tmp_path, monkeypatch) -> None:
    path = tmp_path / "repetitive.csv"
    path.write_text("Last Name,Email\n" + "Smith,s@example.com\n" * 5000, encoding="utf-8")
    monkeypatch.setattr(structure, "MAX_ZIP_BYTES", 20_000)
    assert path.stat().st_size > 20_000
    codes = {d.code for d in preflight(SPEC, path, catalog=builtin_catalog()).diagnostics}
    assert "BW705" not in codes


def test_an_undeclared_encoding_is_named_as_compile_declares_it(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    rows = "".join(f"Müller {i},m{i}@example.com\n" for i in range(50))
    path.write_bytes(("Last Name,Email\n" + rows).encode("cp1252"))
    result = preflight(SPEC, path, catalog=builtin_catalog())
    [finding] = [d for d in result.diagnostics if d.code == "BW707"]
    assert '"character_encoding": "windows-1252"' in (finding.hint or "")
    declared = {**SPEC, "character_encoding": "windows-1252"}
    found = preflight(declared, path, catalog=builtin_catalog()).diagnostics
    assert "BW707" not in {d.code for d in found}


def test_every_zoho_limit_has_the_one_severity_of_mapper_zoho() -> None:
    from mapper.codes import known_codes
    from mapper.diagnostics import Severity
    from mapper.zoho import BEYOND_LIMIT_SEVERITY

    limits = {"BW104", "BW703", "BW704", "BW705"}
    severities = {c.code: c.severity for c in known_codes() if c.code in limits}
    assert severities == dict.fromkeys(limits, Severity(BEYOND_LIMIT_SEVERITY))
