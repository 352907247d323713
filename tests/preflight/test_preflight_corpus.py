"""The real corpus: a spec built from each file's header must pre-flight without exceptions.

The spec maps every column to a Leads field when the header names one, else to a custom
field name, so the value checks of many types run on real-world data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mapper.catalog import builtin_catalog
from mapper.csvfile import CsvError, sniff
from mapper.preflight import CODES, preflight

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "real"
KNOWN = {code.code for code in CODES}


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.rglob("*.csv"))


def spec_for(header: tuple[str, ...]) -> dict:
    leads = builtin_catalog().module("Leads")
    mappings = []
    for index, name in enumerate(header[:200]):
        field = leads.field_by_label(name) or leads.field_casefold(re.sub(r"\W+", "_", name))
        api_name = field.api_name if field else f"Column_{index}__c"
        if all(m["api_name"] != api_name for m in mappings):
            mappings.append({"api_name": api_name, "index": index})
    return {
        "operation": "insert",
        "resource": [{"type": "data", "module": {"api_name": "Leads"}, "file_id": "1",
                      "field_mappings": mappings}],
    }  # fmt: skip


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_file_preflights_without_exceptions(path: Path) -> None:
    try:
        info = sniff(path)
    except CsvError:
        pytest.skip("not a readable CSV")
    result = preflight(spec_for(info.header), path, catalog=builtin_catalog())
    assert result.rows == sum(result.outcomes.values())
    for diagnostic in result.diagnostics:
        assert diagnostic.code in KNOWN
        assert diagnostic.path == str(path)
        assert diagnostic.line is None or diagnostic.line >= 1


def test_corpus_is_found_or_skipped() -> None:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is absent")
    assert corpus_files()
