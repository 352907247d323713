"""The result ZIP a completed job offers, built from the uploaded CSV."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

from mapper.zohoapi.standin.state import (
    Job,
)


def build_result(job: Job) -> tuple[bytes, list[dict[str, int]]]:
    """The result ZIP: per resource a `<module>-<csv>` CSV of the first three mapped
    columns, then STATUS, RECORD_ID, ERRORS (docs/zoho-api.md "Result file")."""
    buffer = io.BytesIO()
    counts = []
    record_ids = itertools.count(5_555_000_000_000_001)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for plan in job.resources:
            text, count = result_csv(plan, job.operation, record_ids)
            stem = plan["file_name"].rsplit("/", 1)[-1].removesuffix(".csv")
            archive.writestr(f"{plan['module']}-{stem}.csv", text)
            counts.append(count)
    return buffer.getvalue(), counts


def row_errors(
    row: list[str], checks: list[tuple[str, int, str]], seen: dict[int, set[str]]
) -> str:
    """The ERRORS cell for the failing checks (kind, column index, header), as Zoho's pages
    write it: ``CODE-header`` per error, the headers of one code comma-joined, the codes
    joined by ":" (``MANDATORY_NOT_FOUND-Company,Last_Name:DUPLICATE_DATA-Email``)."""
    headers: dict[str, list[str]] = {}
    for kind, index, header in checks:
        value = row[index].strip() if index < len(row) else ""
        if kind == "mandatory" and not value:
            headers.setdefault("MANDATORY_NOT_FOUND", []).append(header)
        elif kind == "email" and value and "@" not in value:
            headers.setdefault("INVALID_DATA", []).append(header)
        elif kind == "unique" and value:
            if value in seen.setdefault(index, set()):
                headers.setdefault("DUPLICATE_DATA", []).append(header)
            seen[index].add(value)
    return ":".join(f"{code}-{','.join(names)}" for code, names in headers.items())


def _checks(plan: Mapping[str, Any], operation: str) -> list[tuple[str, int, str]]:
    known = catalog_module(plan["module"])
    header = plan["rows"][0]
    checks = []
    for mapping in plan["mappings"]:
        index = mapping.get("index")
        field_ = known.field(mapping.get("api_name", "")) if known else None
        if index is None or field_ is None:
            continue
        if field_.mandatory and not field_.conditional_mandatory and operation == "insert":
            checks.append(("mandatory", index, header[index]))
        if field_.data_type == "email":
            checks.append(("email", index, header[index]))
        if field_.unique:
            checks.append(("unique", index, header[index]))
    return checks


def result_csv(
    plan: Mapping[str, Any], operation: str, record_ids: Iterable[int]
) -> tuple[str, dict[str, int]]:
    rows = plan["rows"]
    shown = list(dict.fromkeys(m["index"] for m in plan["mappings"] if m.get("index") is not None))[
        :3
    ]
    checks = _checks(plan, operation)
    # upper case, as Zoho's PHP and C# SDKs compare the cell ("ADDED", "UPDATED")
    done_word = "UPDATED" if operation == "update" else "ADDED"
    counts = {"added_count": 0, "updated_count": 0, "skipped_count": 0}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([rows[0][i] for i in shown] + ["STATUS", "RECORD_ID", "ERRORS"])
    seen: dict[int, set[str]] = {}
    ids = iter(record_ids)
    for row in rows[1:]:
        errors = row_errors(row, checks, seen)
        cells = [row[i] if i < len(row) else "" for i in shown]
        if errors:
            counts["skipped_count"] += 1
            writer.writerow([*cells, "SKIPPED", "", errors])
        else:
            counts["updated_count" if operation == "update" else "added_count"] += 1
            writer.writerow([*cells, done_word, str(next(ids)), ""])
    return out.getvalue(), counts


def catalog_module(module: str) -> Any:
    from mapper.catalog import builtin_catalog  # lazily: only a job's rows need it

    return builtin_catalog().module(module)
