"""What `preflight` keeps of the hits: counts of everything, diagnostics for a few rows.

Per (code, column) the first ``cap`` failing rows become diagnostics; the rest are only
counted and summed up in one closing diagnostic, so a file with a million bad dates costs
a million-bit mask per batch, not a million messages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mapper.diagnostics import Code, Diagnostic, Severity
from mapper.preflight import codes
from mapper.preflight.scan import BatchHits, Hit, column_name

if TYPE_CHECKING:
    from mapper.csvfile import RaggedRow
    from mapper.preflight.plan import Plan

DEFAULT_CAP = 20
SKIPPED = "skipped"


@dataclass(frozen=True)
class PreflightResult:
    """The predicted result of a job's rows.

    ``outcomes``: predicted STATUS -> rows ("skipped", or "added" / "updated" / "added or
    updated" by operation); ``zoho_codes``: per-row Zoho code -> rows carrying it (a row
    may carry several); ``omitted``: code -> findings counted but not listed;
    ``by_column``: (code, 0-based CSV column) -> rows with that finding, listed or not;
    ``cells``: physical line -> the cells of each row a listed diagnostic points at.
    """

    path: str
    rows: int
    diagnostics: list[Diagnostic]
    outcomes: dict[str, int]
    zoho_codes: dict[str, int]
    omitted: dict[str, int] = field(default_factory=dict)
    by_column: dict[tuple[str, int], int] = field(default_factory=dict)
    cells: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def skipped(self) -> int:
        return self.outcomes.get(SKIPPED, 0)


class Collector:
    def __init__(
        self, path: str, header: Sequence[str], plan: Plan, cap: int, header_fields: int = -1
    ) -> None:
        self.path, self.header, self.cap = path, header, cap
        # fewer than the header's names when the reader padded a narrow header row
        self.header_fields = len(header) if header_fields < 0 else header_fields
        self.wide_rows, self.first_wide_line = 0, 0
        self.success, self.needed = plan.success, plan.highest_index + 1
        self.rows = 0
        self.skipped = 0
        self.zoho_codes: Counter[str] = Counter()
        self.counts: Counter[tuple[str, int]] = Counter()
        self.by_column: Counter[tuple[str, int]] = Counter()
        self.cells: dict[int, tuple[str, ...]] = {}
        self.kept: list[Diagnostic] = []
        self.first_omitted: dict[tuple[str, int], Diagnostic] = {}

    def add(self, batch_hits: BatchHits) -> None:
        import numpy as np

        for ragged in batch_hits.batch.ragged:
            self._ragged(ragged)
        self.rows += len(batch_hits.batch)
        if self.header_fields < len(self.header) and len(batch_hits.batch):
            self.first_wide_line = self.first_wide_line or int(batch_hits.batch.lines[0])
            self.wide_rows += len(batch_hits.batch)
        self.skipped += int(batch_hits.skipped().sum())
        by_code: dict[str, np.ndarray] = {}
        for hit in batch_hits.hits:
            if hit.skips_row:
                previous = by_code.get(hit.zoho_code)
                by_code[hit.zoho_code] = hit.rows if previous is None else previous | hit.rows
            self._keep(hit, batch_hits)
        for code, rows in by_code.items():
            self.zoho_codes[code] += int(rows.sum())

    def _ragged(self, ragged: RaggedRow) -> None:
        """A record the reader left out: too short for the mappings, or only misshapen."""
        self.rows += 1
        short = ragged.fields < self.needed
        code = codes.SHORT_ROW if short else codes.RAGGED_ROW
        if short:
            self.skipped += 1
            self.zoho_codes[codes.INVALID_DATA] += 1
        key = (code.code, -1)
        self.counts[key] += 1
        if self.counts[key] > self.cap:
            self.first_omitted.setdefault(key, self._ragged_diagnostic(code, ragged))
        else:
            self.kept.append(self._ragged_diagnostic(code, ragged))

    def _ragged_diagnostic(self, code: Code, ragged: RaggedRow) -> Diagnostic:
        message = (
            f"row: {_fields(ragged.fields)} where the header has {ragged.expected}"
            f" and the mappings read {self.needed}"
        )
        return code.diagnostic(message, path=self.path, line=ragged.line)

    def _wide_diagnostics(self) -> list[Diagnostic]:
        """Rows wider than a header row the reader padded: read, but Zoho may not agree."""
        if not self.wide_rows:
            return []
        rows = "this row" if self.wide_rows == 1 else f"{self.wide_rows:,} rows from here"
        message = (
            f"{rows}: {_fields(len(self.header))} where the header row has "
            f"{self.header_fields}; the extra columns have no header"
        )
        hint = "add the missing names to the header row"
        return [
            codes.RAGGED_ROW.diagnostic(
                message, path=self.path, line=self.first_wide_line, hint=hint
            )
        ]

    def _keep(self, hit: Hit, batch_hits: BatchHits) -> None:
        import numpy as np

        key = (hit.code.code, hit.column.position)
        count = int(hit.rows.sum())
        room = max(self.cap - self.counts[key], 0)
        self.counts[key] += count
        self.by_column[hit.code.code, hit.column.index] += count
        listed = np.flatnonzero(hit.rows)[: room + 1].tolist()
        for row in listed[:room]:
            self.kept.append(self._diagnostic(hit, batch_hits, row))
        if count > room and key not in self.first_omitted:
            self.first_omitted[key] = self._diagnostic(hit, batch_hits, listed[room])

    def _diagnostic(self, hit: Hit, batch_hits: BatchHits, row: int) -> Diagnostic:
        batch = batch_hits.batch
        line = int(batch.lines[row])
        raw = batch.columns[hit.column.index][row].as_py() or ""
        if line not in self.cells:
            self.cells[line] = tuple(column[row].as_py() or "" for column in batch.columns)
        name = column_name(hit.column, self.header)
        label = name if name == hit.column.api_name else f"{name} ({hit.column.api_name})"
        message = f"{label}: {hit.check.explain(raw, row)}"
        return hit.code.diagnostic(
            message,
            path=self.path,
            line=line,
            column=hit.column.index + 1,
            severity=hit.severity,
            zoho_code=hit.zoho_code,
        )

    def result(self, file_level: list[Diagnostic]) -> PreflightResult:
        omitted: Counter[str] = Counter()
        summaries = []
        for key, first in self.first_omitted.items():
            more = self.counts[key] - self.cap
            omitted[key[0]] += more
            summaries.append(_summary(first, more))
        outcomes = {self.success: self.rows - self.skipped, SKIPPED: self.skipped}
        return PreflightResult(
            path=self.path,
            rows=self.rows,
            diagnostics=[*file_level, *self._wide_diagnostics(), *self.kept, *summaries],
            outcomes={k: v for k, v in outcomes.items() if v},
            zoho_codes=dict(sorted(self.zoho_codes.items())),
            omitted=dict(sorted(omitted.items())),
            by_column=dict(self.by_column),
            cells=self.cells,
        )


def _fields(count: int) -> str:
    return "1 field" if count == 1 else f"{count} fields"


def _summary(first: Diagnostic, more: int) -> Diagnostic:
    """One diagnostic standing for the findings past the cap, at the first of them."""
    what = first.message.split(":", 1)[0]
    rows = "1 more row" if more == 1 else f"{more:,} more rows"
    message = f"{what}: {rows} with this finding, from this line on, not listed"
    # info: the rows were counted, and the listed ones already carry the severity
    return Diagnostic(
        code=first.code,
        severity=Severity.INFO,
        message=message,
        path=first.path,
        line=first.line,
        column=first.column,
        zoho_code=first.zoho_code,
        hint="fix the listed rows first, or write every row with --report",
    )
