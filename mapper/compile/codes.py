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
    "A column's best field match scored below the threshold, or its values contradict it; "
    "it was left out.",
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
    "date-column-without-format",
    "A date field's column has no single date format (mixed shapes, or not dates).",
    Severity.ERROR,
)
MIXED_ENCODINGS = _compile(
    "BW805",
    "mixed-encodings",
    "The CSVs of one parent-child job are in different encodings; a job has one.",
    Severity.ERROR,
)
FORMAT_MISFIT = _compile(
    "BW806",
    "date-format-misfit",
    "Values of a column do not fit the date pattern given with --date-format.",
    Severity.ERROR,
)
USER_NAMES = _compile(
    "BW807",
    "user-lookup-names",
    "A user lookup's column holds names; Zoho finds users only by id or email.",
    Severity.WARNING,
)

NOT_WRITABLE = _compile(
    "BW808",
    "column-field-not-writable",
    "A column reads as a field no CSV column can set (read-only, a subform, an image); "
    "it was left out.",
    Severity.WARNING,
)
UNKNOWN_COLUMN = _compile(
    "BW809",
    "unknown-column",
    "No field of the module reads like the column's header; it was left out.",
    Severity.WARNING,
)
FIELD_TAKEN = _compile(
    "BW810",
    "field-already-fed",
    "A column reads as a field that another column or an option already sets; it was left out.",
    Severity.WARNING,
)

UNLISTED_VALUES = _compile(
    "BW811",
    "values-in-unlisted-format",
    "A column's values fit only a format Zoho does not list for its field (unpadded or "
    "12-hour dates, 1.234,56 numbers); the compile stops: `mapper fix` rewrites them.",
    Severity.ERROR,
)

DATE_FLAGS = '--date-format "HEADER=PATTERN", --dayfirst or --monthfirst'


def header_cell(path: Path, index: int) -> dict:
    """A column's finding sits at its header cell: line 1, the 1-based column."""
    return {"path": str(path), "line": 1, "column": index + 1}


def ambiguous_date(path: Path, index: int, header: str, choice: FormatChoice) -> Diagnostic:
    from mapper.dates.infer import settle_hint

    candidates = " or ".join(choice.candidates)
    roles = differing_roles(choice.candidates)
    settler = settle_hint(list(choice.candidates))
    settled = f" ({settler} would settle it)" if settler else ""
    flags = DATE_FLAGS if roles == ("day", "month") else f'--date-format "{header}=PATTERN"'
    return AMBIGUOUS_DATE.diagnostic(
        f"index {index} '{header}': its dates read as {candidates}; "
        f"cannot tell {_roles_text(roles)}{settled}",
        **header_cell(path, index),
        hint=f"decide it with {flags}",
    )


def differing_roles(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The two roles (sorted) the first two patterns of different meaning swap, if any."""
    from mapper.dates import PatternError, meaning

    try:
        meanings = list(dict.fromkeys(meaning(pattern) for pattern in patterns))
    except PatternError:
        return ()
    if len(meanings) < 2:
        return ()
    for left, right in zip(meanings[0], meanings[1], strict=False):
        if left != right:
            return tuple(sorted((left, right)))
    return ()


def _roles_text(roles: tuple[str, ...]) -> str:
    if len(roles) == 2:
        return f"the {roles[0]} from the {roles[1]}"
    return "which pattern is meant"


def left_out(path: Path, column: Unmatched, ref: str, suggest: bool) -> Diagnostic:
    """A near miss (BW802); ``ref`` names the column as --map and --skip take it."""
    mapping = f'map it with --map "{ref}={column.best_guess}", or ' if suggest else ""
    return LEFT_OUT.diagnostic(
        _left_out_message(column),
        **header_cell(path, column.index),
        hint=f'{mapping}silence this with --skip "{ref}"',
    )


def not_writable(path: Path, column: Unmatched, ref: str) -> Diagnostic:
    return NOT_WRITABLE.diagnostic(
        _left_out_message(column),
        **header_cell(path, column.index),
        hint=f'Zoho sets that field itself or elsewhere; --skip "{ref}" to silence this',
    )


def unknown_column(path: Path, column: Unmatched, ref: str, module: str) -> Diagnostic:
    """No field reads like the header: a weak best guess is named, not offered."""
    guess = column.best_guess
    closest = f" (the closest, {guess}, scores {column.confidence:.2f})" if guess else ""
    why = f"no field of {module} reads like it{closest}"
    if not column.header.strip():
        why = "its header is empty"
    return UNKNOWN_COLUMN.diagnostic(
        f"index {column.index} '{column.header}' left out: {why}",
        **header_cell(path, column.index),
        hint=f'--map "{ref}=API_NAME" if it has a field (mapper fields -m {module} lists '
        f'them), or --skip "{ref}" to silence this',
    )


def field_taken(path: Path, column: Unmatched, ref: str) -> Diagnostic:
    return FIELD_TAKEN.diagnostic(
        _left_out_message(column),
        **header_cell(path, column.index),
        hint=f'a field takes one column: --map the one you mean, --skip "{ref}" to silence this',
    )


def _left_out_message(column: Unmatched) -> str:
    return f"index {column.index} '{column.header}' left out: {column.reason}"


def user_names(path: Path, column: Unmatched, ref: str) -> Diagnostic:
    return USER_NAMES.diagnostic(
        _left_out_message(column),
        **header_cell(path, column.index),
        hint=f"replace the names with the users' emails or Zoho user ids, or --skip "
        f'"{ref}" to silence this (Zoho then assigns the importing user)',
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
    header = column.header
    if column.kind in ("date", "datetime"):
        what = f"its values are dates in more than one shape ({column_shapes(column)})"
    else:
        what = f"its values read as {column.kind}, not as dates ({column_shapes(column)})"
    return NOT_DATES.diagnostic(
        f"index {column.index} '{header}' maps to {data_type} field {field}, but {what}; "
        "a mapping reads one date format",
        **header_cell(path, column.index),
        hint=f"normalise the values to one format first (then --date-format "
        f'"{header}=PATTERN" if it is not recognised), or leave it out with --skip "{header}"',
    )


def column_shapes(column: ColumnProfile) -> str:
    """The shapes the profile saw, from its note, else from the column's examples."""
    from mapper.dates.infer import shape

    note = column.note or ""
    if "shapes: " in note:
        return "shapes " + note.split("shapes: ", 1)[1]
    shapes = dict.fromkeys(shape(value.strip())[0] for value in column.examples)
    return "shapes " + ", ".join(repr(s) for s in shapes) if shapes else "no values"


def format_misfit(
    path: Path, column: ColumnProfile, pattern: str, misfits: int, example: str
) -> Diagnostic:
    header = column.header
    return FORMAT_MISFIT.diagnostic(
        f"index {column.index} '{header}': {misfits} of {column.non_empty} values do not fit "
        f"--date-format {pattern}, e.g. {example!r}",
        **header_cell(path, column.index),
        hint=f'give the pattern the values are in (--date-format "{header}=PATTERN"); '
        f'values in several formats must be normalised first, or --skip "{header}"',
    )


def fix_command(path: Path, module: str, extra: str = "") -> str:
    """The `mapper fix` command that rewrites ``path``'s values for ``module``."""
    fixed = path.with_name(f"{path.stem}.fixed.csv")
    return f"`mapper fix {path} --module {module}{extra} -o {fixed}` (with the other options)"


def unlisted_date_values(
    path: Path,
    column: ColumnProfile,
    module: str,
    pattern: str,
    kind: str,
    *,
    forced: bool,
    frame: bool = False,
) -> Diagnostic:
    """Dates whose only pattern is one Zoho does not list (BW811). A DataFrame's dates
    are written in the pattern given, so its hint asks for a listed one."""
    from mapper.zoho import FORMAT_LISTS

    header = column.header
    given = f' --date-format "{header}={pattern}"' if forced else ""
    target = FORMAT_LISTS[kind].patterns[0] if kind == "datetime" else "MM/dd/yyyy"
    what = f"the pattern {pattern} given" if frame else f"its {kind} values are {pattern}, which"
    hint = (
        f"{fix_command(path, module, given)} rewrites them to {target} (rule: dates), "
        "or compile with --fix FIXED.csv to fix and compile in one go"
    )
    if frame:
        hint = f'the frame\'s dates are written in it: give a listed one, e.g. "{header}={target}"'
    return UNLISTED_VALUES.diagnostic(
        f"index {column.index} '{header}': {what} is not among Zoho's listed {kind} "
        f"formats (e.g. {target})",
        **header_cell(path, column.index),
        hint=hint,
    )


def unlisted_number_values(
    path: Path, column: ColumnProfile, module: str, data_type: str, count: int, example: str
) -> Diagnostic:
    """Numbers not written plain (BW811): separators, decimal commas, symbols."""
    header = column.header
    return UNLISTED_VALUES.diagnostic(
        f"index {column.index} '{header}': {count} of {column.non_empty} values of the "
        f"{data_type} field are not plain numbers, e.g. {example!r}; Zoho reads digits with "
        "'.' before the decimals and documents no number format",
        **header_cell(path, column.index),
        hint=f"{fix_command(path, module)} rewrites them to 1234.56 (rule: numbers), or "
        "compile with --fix FIXED.csv to fix and compile in one go",
    )


def mixed_encodings(path: Path, encoding: str, parent_encoding: str) -> Diagnostic:
    return MIXED_ENCODINGS.diagnostic(
        f"this CSV is {encoding} but the parent CSV is {parent_encoding}; "
        "a job declares one character_encoding",
        path=str(path),
        hint="re-save the CSVs in one encoding (UTF-8 is safest)",
    )
