"""Compile-stage findings (BW8xx): what the compiler could not decide or had to leave out.

Each code has a kebab-case name and a one-line doc like the check rules; the functions
below build the `Diagnostic` for one occurrence, located in the CSV it is about.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mapper.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from mapper.compile.formats import FormatChoice
    from mapper.match import Unmatched
    from mapper.profile import ColumnProfile

# code -> (name, doc)
COMPILE_CODES: dict[str, tuple[str, str]] = {
    "BW801": (
        "ambiguous-date-column",
        "A date column reads as day-first and month-first alike; the compile stops.",
    ),
    "BW802": (
        "low-confidence-column",
        "A column's best field match scored below the threshold and was left out.",
    ),
    "BW803": (
        "mandatory-field-unmapped",
        "A mandatory field of the module has no column and no default.",
    ),
    "BW804": (
        "date-field-without-dates",
        "A column mapped to a date field holds values that do not read as dates.",
    ),
    "BW805": (
        "mixed-encodings",
        "The CSVs of one parent-child job are in different encodings; a job has one.",
    ),
}

DATE_FLAGS = '--date-format "HEADER=PATTERN", --dayfirst or --monthfirst'


def _diag(
    code: str, severity: Severity, path: Path, message: str, hint: str | None = None
) -> Diagnostic:
    return Diagnostic(code=code, severity=severity, message=message, path=str(path), hint=hint)


def ambiguous_date(path: Path, index: int, header: str, choice: FormatChoice) -> Diagnostic:
    candidates = " or ".join(choice.candidates)
    return _diag(
        "BW801",
        Severity.ERROR,
        path,
        f"column {index} '{header}': its dates read as {candidates}; cannot tell day from month",
        f"decide it with {DATE_FLAGS}",
    )


def left_out(path: Path, column: Unmatched) -> Diagnostic:
    header, guess = column.header, column.best_guess
    return _diag(
        "BW802",
        Severity.WARNING,
        path,
        f"column {column.index} '{column.header}' left out: {column.reason}",
        f'map it with --map "{header}={guess}", or silence this with --skip "{header}"',
    )


def mandatory_unmapped(path: Path, module: str, field: str, severity: Severity) -> Diagnostic:
    condition = " (when the org's setting requires it)" if severity is Severity.WARNING else ""
    return _diag(
        "BW803",
        severity,
        path,
        f"mandatory field {module}.{field} is not mapped{condition}",
        f'map a column with --map "HEADER={field}", or give --default "{field}=VALUE"',
    )


def not_dates(path: Path, column: ColumnProfile, field: str, data_type: str) -> Diagnostic:
    return _diag(
        "BW804",
        Severity.WARNING,
        path,
        f"column {column.index} '{column.header}' maps to {data_type} field {field} but its "
        f"values read as {column.kind}, so no format was set",
        f'give the pattern with --date-format "{column.header}=PATTERN", or --skip it',
    )


def mixed_encodings(path: Path, encoding: str, parent_encoding: str) -> Diagnostic:
    return _diag(
        "BW805",
        Severity.ERROR,
        path,
        f"this CSV is {encoding} but the parent CSV is {parent_encoding}; "
        "a job declares one character_encoding",
        "re-save the CSVs in one encoding (UTF-8 is safest)",
    )
