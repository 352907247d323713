"""The review page: one self-contained HTML file drawn from a `Review` with Jinja2.

Autoescaping is on for every value; the page loads nothing (its Content-Security-Policy
allows no script, no network, only its own inline CSS), so it reads the same offline,
printed, or attached to a ticket. Only layout is computed here: the chart's geometry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mapper.review.model import Review

# a cell longer than this is cut, visibly, in the failing-rows table
CELL_CHARS = 120
CHART_WIDTH = 720
CHART_LABEL = 230
CHART_BAR = 380
CHART_ROW = 30


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    tone: str  # "ok", "bad" or "code": a CSS class
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int


def render_html(review: Review) -> str:
    """The whole page as text (UTF-8 when written)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("mapper.review", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cut"] = _cut
    env.filters["delimiter_name"] = _delimiter_name
    env.filters["evidence"] = _evidence
    env.globals["bar_chart"] = bar_chart
    template = env.get_template("review.html.j2")
    return template.render(review=review, verdict=verdict(review))


def verdict(review: Review) -> tuple[str, str]:
    """(CSS tone, headline) of the page."""
    blocking = _plural(len(review.job_blocking), "error")
    skipped, rows = review.job_skipped, review.job_rows
    if review.spec_json is None:
        return "bad", f"Not ready: the job spec cannot be built ({blocking} below)"
    if review.job_blocking:
        return "bad", f"Not ready: fix {blocking} in the job before upload"
    if skipped and skipped >= rows:
        return "bad", f"Zoho is predicted to skip every row ({rows:,})"
    if skipped:
        return (
            "bad",
            f"Zoho is predicted to skip {_plural(skipped, 'row')} of {rows:,}; the others import",
        )
    if review.job_warnings:
        return "warn", f"Ready to upload, with {_plural(review.job_warnings, 'warning')} to read"
    return "ok", "Ready to upload: every row is predicted to import"


def bar_chart(review: Review) -> Chart:
    """Predicted rows per status, then per Zoho code; bars scaled to the largest count."""
    rows = [
        (status, count, "bad" if status == "skipped" else "ok")
        for status, count in review.outcomes.items()
    ]
    rows += [(code, count, "code") for code, count in review.zoho_codes.items()]
    top = max((count for _, count, _ in rows), default=0) or 1
    bars = tuple(
        Bar(label, count, tone, position * CHART_ROW, max(round(CHART_BAR * count / top), 2))
        for position, (label, count, tone) in enumerate(rows)
    )
    return Chart(bars, CHART_WIDTH, max(len(bars), 1) * CHART_ROW, CHART_LABEL)


def _cut(text: str, limit: int = CELL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# the matcher's kinds of evidence, in a reviewer's words
_EVIDENCE = {
    "exact api_name": "exact API name",
    "api_name": "API name, other case",
    "label": "field label",
    "normalised": "label, other spelling",
    "synonym": "known synonym",
    "lookup id column": "column of record ids",
}


def _evidence(reason: str) -> str:
    if reason.startswith("fuzzy "):
        return "similar spelling"
    return _EVIDENCE.get(reason, reason)


def _delimiter_name(delimiter: str) -> str:
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
    return f"{names[delimiter]} ({delimiter!r})" if delimiter in names else repr(delimiter)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")
