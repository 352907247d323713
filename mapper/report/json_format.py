"""The JSON contract: ``{"version", "diagnostics": [...], "summary": {...}}``.

Each diagnostic has at least path, line, column, pointer, severity, code, zoho_code,
message and hint. ``version`` changes only when this shape changes incompatibly.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mapper.report import RenderOptions, Report

FORMAT_VERSION = 1


def render(report: Report, options: RenderOptions) -> str:
    document = {
        "version": FORMAT_VERSION,
        "diagnostics": [d.as_dict() for d in report.diagnostics],
        "summary": report.summary.as_dict(),
    }
    return json.dumps(document, indent=2) + "\n"
