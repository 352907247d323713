"""Pre-flight a job's data: predict, row by row, what Zoho's result file will say.

``preflight(body, csv_path, catalog=...)`` reads the CSV one batch at a time (bounded
memory) and returns a `PreflightResult`: diagnostics located at the CSV's physical lines
(a few per code and column, the rest counted), and the rows counted by predicted outcome
and per-row Zoho code. ``write_report`` writes the predicted result file. Codes: BW6xx for
values, BW7xx for the file's structure and Zoho's limits (`CODES`).

The package imports lazily: ``mapper.preflight.codes`` (listed by ``mapper rules``) costs
nothing, and the scanner loads only when a CSV is checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapper import lazy_names
from mapper.preflight.codes import CODES

if TYPE_CHECKING:
    from mapper.preflight.collect import PreflightResult
    from mapper.preflight.report import write_report
    from mapper.preflight.run import preflight, preflight_for_check, summary

__all__ = [
    "CODES",
    "PreflightResult",
    "preflight",
    "preflight_for_check",
    "summary",
    "write_report",
]

_HOME = {
    "PreflightResult": "collect",
    "write_report": "report",
    "preflight": "run",
    "preflight_for_check": "run",
    "summary": "run",
}


__getattr__ = lazy_names(__name__, _HOME)
