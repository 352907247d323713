"""What the review page shows, as values: built by `mapper.review.build`, drawn by
`mapper.review.html`, which adds nothing of its own."""

from __future__ import annotations

from dataclasses import dataclass

from mapper.diagnostics import Diagnostic, Severity

# the first failing rows shown per Zoho code; the rest are counted
ROWS_PER_CODE = 10


@dataclass(frozen=True)
class Alternative:
    """A field the header could also stand for, scored as the matcher scores it."""

    field: str
    score: float
    reason: str
    label: str = ""


@dataclass(frozen=True)
class DateEvidence:
    """How a date column's ``format`` was settled, or why it was not.

    ``settled_by`` pairs a value with a reading it rules out (``25.03.1980`` cannot be
    ``MM.dd.yyyy``); ``candidates`` are the readings still open when nothing settled it;
    ``note`` is the profile's own sentence (what would settle it, or the shapes seen);
    ``order`` the roles of the format's fields (day, month, year...).
    """

    format: str | None
    how: str
    order: tuple[str, ...] = ()
    settled_by: tuple[tuple[str, str], ...] = ()
    candidates: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class ColumnFinding:
    """One kind of finding on a column: its code, how many rows carry it, the first one."""

    code: str
    severity: Severity
    rows: int
    first: Diagnostic


@dataclass(frozen=True)
class ColumnReview:
    """One CSV column: what it holds and where it goes (``field`` None: left out)."""

    index: int
    header: str
    kind: str
    samples: tuple[str, ...]
    field: str | None
    confidence: float | None
    reason: str
    field_label: str = ""
    find_by: str | None = None
    find_by_reason: str | None = None
    alternatives: tuple[Alternative, ...] = ()
    date: DateEvidence | None = None
    findings: tuple[ColumnFinding, ...] = ()


@dataclass(frozen=True)
class FailingRow:
    """A row Zoho would skip: its physical line, its cells (empty when the reader could
    not split it) and the 0-based columns at fault, with the findings' messages."""

    line: int
    cells: tuple[str, ...]
    bad_columns: frozenset[int]
    messages: tuple[str, ...]


@dataclass(frozen=True)
class CodeRows:
    """The rows predicted to fail with one Zoho code: how many, and the first of them."""

    zoho_code: str
    rows: int
    shown: tuple[FailingRow, ...]
    meaning: str = ""

    @property
    def not_shown(self) -> int:
        return max(self.rows - len(self.shown), 0)


@dataclass(frozen=True)
class Review:
    """Everything a reviewer approves a job on, for the job's first (parent) CSV.

    ``outcomes`` and ``zoho_codes`` are the pre-flight's predicted row counts; empty when
    no spec could be built (``spec_json`` None) and so nothing was pre-flighted.
    """

    csv_path: str
    rows: int
    encoding: str
    delimiter: str
    module: str
    operation: str
    source: str  # "compiled" or the spec file reviewed
    header: tuple[str, ...]
    columns: tuple[ColumnReview, ...]
    unmapped: tuple[ColumnReview, ...]
    missing_mandatory: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    outcomes: dict[str, int]
    zoho_codes: dict[str, int]
    failing: tuple[CodeRows, ...]
    spec_json: str | None
    # what the reviewer must know about how the page was made
    notes: tuple[str, ...] = ()
    # a parent-child job's child CSVs, each reviewed the same way (no spec of their own)
    children: tuple[Review, ...] = ()

    @property
    def job_blocking(self) -> tuple[Diagnostic, ...]:
        return self.blocking + tuple(d for child in self.children for d in child.blocking)

    @property
    def job_errors(self) -> int:
        return self.errors + sum(child.errors for child in self.children)

    @property
    def job_warnings(self) -> int:
        return self.warnings + sum(child.warnings for child in self.children)

    @property
    def job_rows(self) -> int:
        return self.rows + sum(child.rows for child in self.children)

    @property
    def job_skipped(self) -> int:
        return self.skipped + sum(child.skipped for child in self.children)

    def is_row_finding(self, diagnostic: Diagnostic) -> bool:
        """A finding on one data row of the CSV (the pre-flight's), not on the job."""
        return diagnostic.path == self.csv_path and (diagnostic.line or 0) > 1

    def in_column(self, diagnostic: Diagnostic) -> bool:
        """A finding located in a column of the CSV: listed with that column."""
        return diagnostic.path == self.csv_path and diagnostic.column is not None

    @property
    def general(self) -> tuple[Diagnostic, ...]:
        """The findings on the job, the spec or the file as a whole."""
        return tuple(d for d in self.diagnostics if not self.in_column(d))

    @property
    def blocking(self) -> tuple[Diagnostic, ...]:
        """Errors of the job itself (spec, file, mapping): each one stops the upload."""
        return tuple(
            d
            for d in self.diagnostics
            if d.severity is Severity.ERROR and not self.is_row_finding(d)
        )

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        """Warnings of the job, plus one per kind of row warning (code and column)."""
        found = [d for d in self.diagnostics if d.severity is Severity.WARNING]
        rows = {(d.code, d.column) for d in found if self.is_row_finding(d)}
        return len(rows) + sum(not self.is_row_finding(d) for d in found)

    @property
    def row_columns(self) -> tuple[int, ...]:
        """The columns a failing row is shown with: those imported, and those at fault."""
        bad = {i for group in self.failing for row in group.shown for i in row.bad_columns}
        return tuple(sorted({c.index for c in self.columns} | bad))

    @property
    def skipped(self) -> int:
        return self.outcomes.get("skipped", 0)
