"""The promise of `mapper fix`: the fixed CSV, with the spec for it, passes `mapper check
--csv` without a finding of a kind fix handles, except at the cells its report lists as
left unfixed; every row stays in its place and unmapped columns keep every value.

Run over the shared corpus of real exports (skipped where it is absent) with a spec whose
field types follow each column's profile, and over CSV files hypothesis writes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fix_helpers import org_catalog
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper.catalog import Catalog, Field, Module
from mapper.compile.options import CompileOptions
from mapper.csvfile import CsvError, read_batches, sniff
from mapper.fix import FixOptions, FixReport, fix_file, plan_for_module, plan_for_spec
from mapper.fix.spec import compile_fixed, fixed_spec
from mapper.preflight import preflight
from mapper.profile import profile

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "real"
# the pre-flight codes of the values fix rewrites (dates, numbers, multi-select,
# booleans, ISO dates without format, formulas)
FIX_HANDLES = {"BW601", "BW602", "BW608", "BW609", "BW615", "BW618"}
KIND_TYPES = {
    "date": "date", "datetime": "datetime", "integer": "double", "decimal": "double",
    "boolean": "boolean", "email": "email", "phone": "phone", "url": "website",
}  # fmt: skip


def corpus_files() -> list[Path]:
    return sorted(CORPUS.rglob("*.csv")) if CORPUS.is_dir() else []


def typed_spec(path: Path) -> tuple[dict, Catalog]:
    """A spec mapping every column to a field of the type its profile reads (text else),
    and the catalog of that made-up module."""
    columns = profile(path).columns[:200]
    fields = tuple(
        Field(f"C{c.index}__c", f"C{c.index}", KIND_TYPES.get(c.kind, "text")) for c in columns
    )
    mappings = [{"api_name": f.api_name, "index": i} for i, f in enumerate(fields)]
    body = {
        "operation": "insert",
        "resource": [{"type": "data", "module": {"api_name": "Imports"}, "file_id": "1",
                      "field_mappings": mappings}],
    }  # fmt: skip
    return body, Catalog({"Imports": Module("Imports", fields, source="org")})


def assert_kept_promises(
    source: Path, fixed: Path, body: dict, catalog: Catalog, report: FixReport
) -> None:
    left = {(cell.line, cell.index) for cell in report.unfixable}
    assert len(report.unfixable) == report.unfixable_total  # none dropped from the report
    checked = preflight(body, fixed, catalog=catalog)
    for finding in checked.diagnostics:
        if finding.code in FIX_HANDLES:
            assert (finding.line, (finding.column or 0) - 1) in left, finding
    assert checked.rows == report.rows
    mapped = {column.rule.index for column in report.columns}
    assert_same_cells(source, fixed, keep=lambda index: index not in mapped)


def assert_same_cells(source: Path, fixed: Path, keep) -> None:
    """Row for row, the cells of the columns ``keep`` selects are equal."""

    def cells(path: Path) -> list[tuple]:
        info = sniff(path)
        rows = []
        for batch in read_batches(path, info):
            kept = [c.to_pylist() for i, c in enumerate(batch.columns) if keep(i)]
            rows += list(zip(batch.lines.to_pylist(), *kept, strict=True))
        return rows

    assert cells(source) == cells(fixed)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_fixed_passes_the_preflight(path: Path, tmp_path: Path) -> None:
    try:
        info = sniff(path)
        body, catalog = typed_spec(path)
    except CsvError:
        pytest.skip("not a readable CSV")
    if not info.has_header:
        pytest.skip("no header row")
    fixed = tmp_path / "fixed.csv"
    report = fix_file(path, fixed, plan_for_spec(path, body, catalog, FixOptions()))
    assert_kept_promises(path, fixed, fixed_spec(body, report), catalog, report)


def test_corpus_is_found_or_skipped() -> None:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is absent")
    assert corpus_files()


def _us(d: dt.datetime) -> str:
    return f"{d.month}/{d.day}/{d.year} {(d.hour % 12) or 12}:{d.minute:02d} " + (
        "PM" if d.hour >= 12 else "AM"
    )


ROWS = st.lists(
    st.tuples(
        st.text("abcXYZ ,;\"'=\n", min_size=1, max_size=8).filter(str.strip),
        st.decimals(0, 10**7, places=2).map(lambda v: f"{v:,.2f}".replace(",", " ")),
        st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 12, 31)).map(_us),
        st.sampled_from(["Yes", "no", "JA", "nein", "", "1", "0"]),
        st.lists(st.sampled_from(["Email", "Phone", "Events"]), max_size=3).map(", ".join),
        st.text("xyz \t", max_size=4),
    ),
    min_size=1,
    max_size=30,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ROWS)
def test_generated_files_fixed_and_compiled_pass_the_preflight(tmp_path: Path, rows) -> None:
    import csv

    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Last Name", "Annual Revenue", "Last Contacted", "Newsletter",
                         "Interests", "Notes"])  # fmt: skip
        writer.writerows(rows)
    catalog = org_catalog()
    # the dates are US ones: the user says so, as with --monthfirst
    options = CompileOptions(module="Leads", file_id="1", date_order="monthfirst")
    fixed = tmp_path / "fixed.csv"
    report = fix_file(source, fixed, plan_for_module(source, options, catalog, FixOptions()))
    compiled = compile_fixed(fixed, options, catalog, report)
    assert compiled.body is not None, compiled.diagnostics
    assert_kept_promises(source, fixed, compiled.body, catalog, report)
