"""BW306/BW309 severities: which format findings stop a spec, and which only warn."""

from __future__ import annotations

import pytest

from mapper import zoho
from mapper.check import check_document
from mapper.dates import format_kind
from mapper.spec import parse_spec


def findings(pattern: str) -> dict[str, str]:
    body = (
        '{"operation": "insert", "resource": [{"type": "data", "module": {"api_name": "Leads"},'
        ' "file_id": "1", "field_mappings": [{"api_name": "Last_Name", "index": 0},'
        ' {"api_name": "Company", "index": 1},'
        f' {{"api_name": "Date_of_Birth", "index": 2, "format": "{pattern}"}}]}}]}}'
    )
    found = check_document(parse_spec(body, "spec.json"))
    return {d.code: d.severity.value for d in found if d.code in ("BW306", "BW309")}


@pytest.mark.parametrize("pattern", ["dd/mm/yyyy", "MM/dd/yyyy hh:mm"])
def test_minutes_in_a_date_and_hours_without_am_pm_are_errors(pattern: str) -> None:
    assert findings(pattern)["BW306"] == "error"


def test_week_year_stays_a_warning() -> None:
    assert findings("YYYY-MM-dd")["BW306"] == "warning"


@pytest.mark.parametrize("pattern", [*zoho.DATE_FORMATS.patterns, zoho.DEFAULT_DATETIME_FORMAT])
def test_every_listed_pattern_passes(pattern: str) -> None:
    assert "BW309" not in findings(pattern)


@pytest.mark.parametrize(
    "pattern", ["M/d/yyyy h:mm a", "yyyy-MM-dd'T'HH:mm:ssXXX", "#,##0.00", "d.M.yyyy"]
)
def test_an_unlisted_pattern_warns_while_the_lists_are_incomplete(pattern: str) -> None:
    assert findings(pattern)["BW309"] == "warning"


def test_an_unlisted_pattern_is_an_error_once_its_list_is_complete(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    complete = zoho.FormatList("date", zoho.DATE_FORMATS.patterns, True, "test")
    monkeypatch.setitem(zoho.FORMAT_LISTS, "date", complete)
    assert findings("d.M.yyyy")["BW309"] == "error"


def test_every_list_names_its_source_and_repeats_no_pattern() -> None:
    for listed in zoho.FORMAT_LISTS.values():
        assert listed.source
        assert len(set(listed.patterns)) == len(listed.patterns)
        assert all(format_kind(p) == listed.kind for p in listed.patterns)


@pytest.mark.parametrize(
    ("pattern", "kind"),
    [("dd.MM.yyyy", "date"), ("MM/dd/yyyy HH:mm:ss", "datetime"), ("#,##0.00", "number")],
)
def test_format_kind(pattern: str, kind: str) -> None:
    assert format_kind(pattern) == kind
