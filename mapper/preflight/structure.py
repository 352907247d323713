"""File-level findings: the header against the mappings (drift), Zoho's limits, dialect."""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.catalog import Field
from mapper.csvfile.encoding import charset_name
from mapper.csvfile.source import open_bytes
from mapper.diagnostics import Diagnostic, Severity
from mapper.match.columns import FUZZY_CAP, header_confidence
from mapper.preflight import codes
from mapper.zoho import ACCEPTED_DELIMITERS, MAX_COLUMNS, MAX_ROWS, MAX_ZIP_BYTES

if TYPE_CHECKING:
    from mapper.preflight.plan import MappedColumn, Plan

# how far a column may have moved for the move to be recognised as a shift
MAX_SHIFT = 3
# a header this similar to its mapped field still names it (the matcher maps from 0.8 up)
WEAK_READ = 0.6


def header_findings(plan: Plan, header: Sequence[str], path: str) -> list[Diagnostic]:
    """Mappings beyond the header, and headers that no longer name their mapped field."""
    found = [
        codes.INDEX_MISSING.diagnostic(
            f"mapping {column.api_name} reads index {column.index}, but the CSV has "
            f"{_columns(len(header))}",
            path=path,
            line=1,
            hint="fix the index or the file",
        )
        for column in plan.columns
        if column.index >= len(header)
    ]
    # link key columns are named after the record they point to, so drift is not judged there
    inside = [c for c in plan.columns if c.index < len(header) and not c.reads_link_key]
    misnamed = [c for c in inside if not names_field(header[c.index], c, plan.name_field)]
    shifts = {c.position: _shift(c, header, plan.name_field) for c in misnamed}
    unexplained = sum(shift is None for shift in shifts.values())
    # a header naming few of the fields, even shifted, is not a header of field names
    if unexplained * 2 > len(inside):
        return found
    return found + drift_findings(misnamed, shifts, header, path)


def _columns(count: int) -> str:
    if count == 1:
        return "1 column (index 0)"
    return f"{count} columns (indexes 0-{count - 1})"


def drift_findings(
    misnamed: list[MappedColumn], shifts: dict[int, int | None], header: Sequence[str], path: str
) -> list[Diagnostic]:
    common = Counter(s for s in shifts.values() if s is not None).most_common(1)
    found: list[Diagnostic] = []
    shifted: list[MappedColumn] = []
    if common and common[0][1] * 2 >= len(misnamed):
        shift = common[0][0]
        shifted = [c for c in misnamed if shifts[c.position] == shift]
        found.append(_shift_finding(shifted, shift, header, path))
    for column in misnamed:
        if column not in shifted:
            found.append(
                codes.HEADER_DRIFT.diagnostic(
                    f"header {header[column.index]!r} at index {column.index} does not "
                    f"look like field {column.api_name}",
                    path=path,
                    line=1,
                    column=column.index + 1,
                    severity=Severity.WARNING,
                    hint="check that the mapping still reads the intended column",
                )
            )
    return found


def _shift_finding(
    shifted: list[MappedColumn], shift: int, header: Sequence[str], path: str
) -> Diagnostic:
    start = min(c.index for c in shifted)
    moves = ", ".join(f"{c.api_name} {c.index}->{c.index + shift}" for c in shifted[:6])
    return codes.HEADER_DRIFT.diagnostic(
        f"indexes from {start} on look shifted by {shift:+d}: the header names the mapped "
        f"fields {abs(shift)} column(s) further {'right' if shift > 0 else 'left'}",
        path=path,
        line=1,
        column=start + 1,
        hint=f"a column was {'inserted' if shift > 0 else 'removed'}; set {moves}",
    )


def _shift(column: MappedColumn, header: Sequence[str], name_field: str | None) -> int | None:
    """The nearest move that puts a header naming the field under the mapping: by its name,
    label, spelling or a synonym, not by mere similarity."""
    for distance in range(1, MAX_SHIFT + 1):
        for shift in (distance, -distance):
            at = column.index + shift
            if 0 <= at < len(header) and _confidence(header[at], column, name_field) > FUZZY_CAP:
                return shift
    return None


def names_field(header: str, column: MappedColumn, name_field: str | None = None) -> bool:
    """Whether a header plausibly names the mapped field, as the compile's matcher reads it
    (``name_field``: the module's, which `Name`-like headers stand for), or resembles it."""
    return _confidence(header, column, name_field) >= WEAK_READ


def _confidence(header: str, column: MappedColumn, name_field: str | None) -> float:
    field = column.field or Field(column.api_name, column.api_name, "text")
    return header_confidence(header, field, name_field=name_field)


def file_findings(
    header: Sequence[str], delimiter: str, encoding: str, body: dict, path: str
) -> list[Diagnostic]:
    """Everything about the file as a whole: its shape, and its encoding against the spec."""
    return shape_findings(header, delimiter, path) + encoding_findings(encoding, body, path)


def shape_findings(header: Sequence[str], delimiter: str, path: str) -> list[Diagnostic]:
    """Too many columns, or a delimiter Zoho does not read: it refuses the file."""
    found: list[Diagnostic] = []
    if len(header) > MAX_COLUMNS:
        found.append(
            codes.TOO_MANY_COLUMNS.diagnostic(
                f"{len(header)} columns; Zoho reads at most {MAX_COLUMNS}",
                path=path,
                line=1,
                hint="drop the columns no mapping reads",
            )
        )
    if delimiter not in ACCEPTED_DELIMITERS:
        found.append(
            codes.BAD_DELIMITER.diagnostic(
                f"delimiter {delimiter!r}; Zoho accepts only {' '.join(ACCEPTED_DELIMITERS)}",
                path=path,
                line=1,
                hint="save the file with commas between fields",
            )
        )
    return found


def encoding_findings(encoding: str, body: dict, path: str) -> list[Diagnostic]:
    """A file that is not UTF-8 while the spec declares no character_encoding."""
    declared = isinstance(body, dict) and body.get("character_encoding")
    charset = charset_name(encoding)
    if not charset or declared:
        return []
    return [
        codes.ENCODING_UNDECLARED.diagnostic(
            f"the file is {charset} and the spec does not say so",
            path=path,
            hint=f'add "character_encoding": "{charset}" or save the file as UTF-8',
        )
    ]


def row_count_finding(rows: int, path: str) -> list[Diagnostic]:
    if rows <= MAX_ROWS:
        return []
    message = f"{rows:,} records; Zoho reads at most {MAX_ROWS:,} per file"
    hint = "split it: mapper split CSV --spec SPEC --out-dir DIR"
    return [codes.TOO_MANY_ROWS.diagnostic(message, path=path, hint=hint)]


def zip_size_finding(csv_path: Path, path: str, deflated: int | None = None) -> list[Diagnostic]:
    """Compress the file only when it could exceed the limit (it is larger than it);
    ``deflated`` is its size deflated when that is known already (`CsvStream`)."""
    if csv_path.stat().st_size <= MAX_ZIP_BYTES:
        return []
    size = deflated if deflated is not None else deflated_size(csv_path)
    if size <= MAX_ZIP_BYTES:
        return []
    limit_mb = MAX_ZIP_BYTES // 2**20
    message = f"zipped, the file is about {size / 2**20:.1f} MB; Zoho accepts {limit_mb} MB"
    hint = f"split it: mapper split CSV --spec SPEC --out-dir DIR --max-zip-mb {limit_mb}"
    return [codes.ZIP_TOO_LARGE.diagnostic(message, path=path, hint=hint)]


def deflated_size(csv_path: Path, level: int = 6) -> int:
    """Bytes of the file deflated as a zip entry would be, read in 1 MB pieces."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    size = 0
    with open_bytes(csv_path) as handle:
        while piece := handle.read(1 << 20):
            size += len(compressor.compress(piece))
    return size + len(compressor.flush())
