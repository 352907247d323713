"""SARIF 2.1.0, as GitHub code scanning reads it: one run, rules, results with regions."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from mapper import __version__
from mapper.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from mapper.report import RenderOptions, Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, options: RenderOptions) -> str:
    driver = {"name": "mapper", "version": __version__, "rules": _rules()}
    run = {
        "tool": {"driver": driver},
        "results": [_result(d) for d in report.diagnostics],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2) + "\n"


def _rules() -> list[dict[str, Any]]:
    from mapper.codes import known_codes

    return [
        {
            "id": code.code,
            "name": code.name,
            "shortDescription": {"text": code.doc},
            "defaultConfiguration": {"level": _LEVELS[code.severity]},
            "properties": {"zoho_code": code.zoho_code, "family": code.family},
        }
        for code in known_codes()
    ]


def _result(d: Diagnostic) -> dict[str, Any]:
    text = d.message + (f" (hint: {d.hint})" if d.hint else "")
    region = {"startLine": d.line or 1, "startColumn": d.column or 1}
    location = {"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)}, "region": region}}
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": _LEVELS[d.severity],
        "message": {"text": text},
        "locations": [location],
        "properties": {"zoho_code": d.zoho_code},
    }
    if d.pointer is not None:
        result["properties"]["pointer"] = d.pointer
    return result


def _uri(path: str) -> str:
    """Relative paths stay relative (GitHub resolves them against the checkout)."""
    as_path = PurePath(path)
    return as_path.as_uri() if as_path.is_absolute() else quote(as_path.as_posix())
