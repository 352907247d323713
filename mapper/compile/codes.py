"""Compile-stage findings (BW8xx): what the compiler could not decide or had to leave out.

Each code is a registered `Code` like the check rules' (so ``mapper rules`` lists it); the
functions below build the `Diagnostic` for one occurrence, located in the CSV it is about.
This module must stay importable without pandas or pyarrow.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mapper.diagnostics import Code, Diagnostic, Severity, register

if TYPE_CHECKING:
    from mapper.compile.formats import FormatChoice
    from mapper.match import Unmatched
    from mapper.profile import ColumnProfile


def _compile(code: str, name: str, doc: str, severity: Severity) -> Code:
    return register(Code(code, name, doc, severity, family="compile"))


AMBIGUOUS_DATE = _compile(
    "BW801",
    "ambiguous-date-column",
    "A date column reads as day-first and month-first alike; the compile stops.",
    Severity.ERROR,
)
LEFT_OUT = _compile(
    "BW802",
    "low-confidence-column",
    "A column's best field match scored below the threshold and was left out.",
    Severity.WARNING,
)
MANDATORY_UNMAPPED = _compile(
    "BW803",
    "mandatory-field-unmapped",
    "A mandatory field of the module has no column and no default.",
    Severity.ERROR,
)
NOT_DATES = _compile(
    "BW804",
    "date-field-without-dates",
    "A column mapped to a date field holds values that do not read as dates.",
    Severity.WARNING,
)
MIXED_ENCODINGS = _compile(
    "BW805",
    "mixed-encodings",
    "The CSVs of one parent-child job are in different encodings; a job has one.",
    Severity.ERROR,
)

DATE_FLAGS = '--date-format "HEADER=PATTERN", --dayfirst or --monthfirst'


def ambiguous_date(path: Path, index: int, header: str, choice: FormatChoice) -> Diagnostic:
    candidates = " or ".join(choice.candidates)
    return AMBIGUOUS_DATE.diagnostic(
        f"column {index} '{header}': its dates read as {candidates}; cannot tell day from month",
        path=str(path),
        hint=f"decide it with {DATE_FLAGS}",
    )


def left_out(path: Path, column: Unmatched) -> Diagnostic:
    header, guess = column.header, column.best_guess
    return LEFT_OUT.diagnostic(
        f"column {column.index} '{column.header}' left out: {column.reason}",
        path=str(path),
        hint=f'map it with --map "{header}={guess}", or silence this with --skip "{header}"',
    )


def mandatory_unmapped(path: Path, module: str, field: str, severity: Severity) -> Diagnostic:
    condition = " (when the org's setting requires it)" if severity is Severity.WARNING else ""
    return MANDATORY_UNMAPPED.diagnostic(
        f"mandatory field {module}.{field} is not mapped{condition}",
        path=str(path),
        hint=f'map a column with --map "HEADER={field}", or give --default "{field}=VALUE"',
        severity=severity,
    )


def not_dates(path: Path, column: ColumnProfile, field: str, data_type: str) -> Diagnostic:
    return NOT_DATES.diagnostic(
        f"column {column.index} '{column.header}' maps to {data_type} field {field} but its "
        f"values read as {column.kind}, so no format was set",
        path=str(path),
        hint=f'give the pattern with --date-format "{column.header}=PATTERN", or --skip it',
    )


def mixed_encodings(path: Path, encoding: str, parent_encoding: str) -> Diagnostic:
    return MIXED_ENCODINGS.diagnostic(
        f"this CSV is {encoding} but the parent CSV is {parent_encoding}; "
        "a job declares one character_encoding",
        path=str(path),
        hint="re-save the CSVs in one encoding (UTF-8 is safest)",
    )
