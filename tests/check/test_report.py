"""Formatters: text, json, github and sarif over the same diagnostics."""

from __future__ import annotations

import io
import json

import pytest

from mapper.cli.check import use_color
from mapper.diagnostics import Diagnostic, Severity
from mapper.report import FORMATTERS, RenderOptions, Report
from mapper.report.github import escape_data, escape_property

ERROR = Diagnostic(
    "BW101",
    Severity.ERROR,
    "update job: resource[0] has no 'find_by'",
    "specs/a,b.json",
    6,
    5,
    "/resource/0",
    "MANDATORY_NOT_FOUND",
    'add "find_by": "id"',
)
WARNING = Diagnostic(
    "BW203", Severity.WARNING, "100% plain: http\nnext", "specs/a.json", 3, 7, "/callback/url"
)
REPORT = Report((ERROR, WARNING), files=2)
PLAIN = RenderOptions()


def test_registry_offers_the_four_formats() -> None:
    assert set(FORMATTERS) == {"text", "json", "github", "sarif"}


def test_text_lines_hint_and_summary() -> None:
    lines = FORMATTERS["text"](REPORT, PLAIN).splitlines()
    assert lines[0] == (
        "specs/a,b.json:6:5: error BW101 update job: resource[0] has no 'find_by'"
        " [MANDATORY_NOT_FOUND]"
    )
    assert lines[1] == '    hint: add "find_by": "id"'
    assert lines[2].startswith("specs/a.json:3:7: warning BW203 ")
    assert lines[-1] == "Found 1 error, 1 warning in 2 files."


def test_text_quiet_drops_the_summary_and_clean_run_says_so() -> None:
    assert "Found" not in FORMATTERS["text"](REPORT, RenderOptions(quiet=True))
    assert FORMATTERS["text"](Report((), 3), PLAIN) == "No problems found in 3 files.\n"


def test_text_colour_only_when_asked() -> None:
    assert "\x1b[" not in FORMATTERS["text"](REPORT, PLAIN)
    assert "\x1b[" in FORMATTERS["text"](REPORT, RenderOptions(color=True))


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "expected"),
    [
        (_Tty(), {}, True),
        (_Tty(), {"NO_COLOR": "1"}, False),
        (_Tty(), {"NO_COLOR": ""}, True),
        (io.StringIO(), {}, False),
    ],
)
def test_colour_policy(stream, environ, expected) -> None:
    assert use_color(stream, environ) is expected


def test_json_contract() -> None:
    document = json.loads(FORMATTERS["json"](REPORT, PLAIN))
    assert document["version"] == 1
    first = document["diagnostics"][0]
    assert set(first) >= {
        "path",
        "line",
        "column",
        "pointer",
        "severity",
        "code",
        "zoho_code",
        "message",
        "hint",
    }
    assert (first["code"], first["line"], first["zoho_code"]) == ("BW101", 6, "MANDATORY_NOT_FOUND")
    assert document["summary"]["errors"] == 1 and document["summary"]["warnings"] == 1
    assert json.loads(FORMATTERS["json"](Report((), 1), PLAIN))["diagnostics"] == []


def test_github_escapes_data_and_properties() -> None:
    assert escape_data("100%\r\nx") == "100%25%0D%0Ax"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    lines = FORMATTERS["github"](REPORT, PLAIN).splitlines()
    assert lines[0].startswith("::error file=specs/a%2Cb.json,line=6,col=5,title=BW101::")
    assert "%0Ahint: add" in lines[0]
    assert (
        lines[1]
        == "::warning file=specs/a.json,line=3,col=7,title=BW203::100%25 plain: http%0Anext"
    )
    assert len(lines) == 3  # plus the summary


def test_sarif_has_rules_and_located_results() -> None:
    document = json.loads(FORMATTERS["sarif"](REPORT, PLAIN))
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {"BW101", "BW203", "BW001"} <= rule_ids
    for r in run["tool"]["driver"]["rules"]:
        assert r["name"] and r["shortDescription"]["text"]
    result = run["results"][0]
    assert (result["ruleId"], result["level"]) == ("BW101", "error")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (6, 5)
    assert (
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "specs/a%2Cb.json"
    )
    assert run["results"][1]["level"] == "warning"


def test_sarif_keeps_the_zoho_code_of_csv_findings_without_a_pointer() -> None:
    csv_finding = Diagnostic(
        "BW603", Severity.ERROR, "not an email", "data.csv", 4, 2, zoho_code="INVALID_DATA"
    )
    document = json.loads(FORMATTERS["sarif"](Report((csv_finding, ERROR), files=1), PLAIN))
    csv_result, spec_result = document["runs"][0]["results"]
    assert csv_result["properties"] == {"zoho_code": "INVALID_DATA"}
    assert spec_result["properties"] == {
        "zoho_code": "MANDATORY_NOT_FOUND",
        "pointer": "/resource/0",
    }
