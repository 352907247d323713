"""Before anything is sent: the gate (every check and the pre-flight), the prediction of each
row's fate, and the parts Zoho accepts, each with the source lines of its rows.

A job over Zoho's limits (rows, zip size) is not refused here: it is cut into parts as
`mapper split` cuts it, so those two findings stay out of the gate.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.diagnostics import Diagnostic, Severity
from mapper.jsonvalues import module_name
from mapper.submit.ledger import PartState, line_runs
from mapper.submit.results import Prediction

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.compile import Compilation
    from mapper.preflight.scan import BatchHits


class PrepareError(Exception):
    """Input that cannot be submitted as given; the message says which file and why."""


@dataclass(frozen=True)
class SubmitPlan:
    """A job ready to be cut and sent: its body (no file_id yet), files and verdicts."""

    body: dict[str, Any]
    csv_path: Path
    children: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]  # the gate's findings, spec first, then rows
    prediction: Prediction  # the parent CSV's rows predicted to fail

    @property
    def blocked(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.csv_path, *self.children)

    @property
    def operation(self) -> str:
        return str(self.body.get("operation") or "insert")


def plan_compiled(compilation: Compilation, catalog: Catalog) -> SubmitPlan:
    """A compiled CSV: compile's findings, then each CSV's rows pre-flighted."""
    if compilation.body is None:
        raise PrepareError("the compile stopped with errors: there is nothing to submit")
    paths = [path for _, path in compilation.files]
    body = without_file_id(compilation.body)
    prediction, rows = _predict(body, paths[0], catalog)
    for index, child in enumerate(paths[1:], 1):
        rows += _preflight(body, child, catalog, index)
    spec = _but_split_limits(compilation.diagnostics)
    return SubmitPlan(body, paths[0], tuple(paths[1:]), (*spec, *rows), prediction)


def plan_spec(body: Any, csv_path: Path, catalog: Catalog, api_version: str) -> SubmitPlan:
    """An existing spec and its CSV: `mapper check SPEC --csv CSV`'s verdict, children read
    from ``file_names`` next to the CSV, as check finds them."""
    from mapper.check import check, child_csvs
    from mapper.compile.core import UNUPLOADED_FILE_ID, with_file_id

    if not isinstance(body, dict) or not isinstance(body.get("resource"), list):
        raise PrepareError("the spec is not a bulk-write body: no resource array")
    body = without_file_id(body)
    children = []
    for child in child_csvs(body, Path(csv_path)):
        if child.path is None:
            raise PrepareError(
                f"resource {child.resource_index} reads {child.name or '(no file_names)'}, "
                f"which is not next to {csv_path}: put each child CSV there under that name"
            )
        children.append(child.path)
    checked = check(with_file_id(body, UNUPLOADED_FILE_ID), api_version=api_version,
                    catalog=catalog, csv_path=Path(csv_path))  # fmt: skip
    prediction, _ = _predict(body, Path(csv_path), catalog)
    return SubmitPlan(
        body, Path(csv_path), tuple(children), tuple(_but_split_limits(checked)), prediction
    )


def without_file_id(body: dict[str, Any]) -> dict[str, Any]:
    """The body with no resource's file_id: each part gets its own upload's id."""
    resources = [
        {k: v for k, v in r.items() if k != "file_id"} if isinstance(r, dict) else r
        for r in body.get("resource") or ()
    ]
    return {**body, "resource": resources}


def part_body(spec_path: Path, file_id: str) -> dict[str, Any]:
    """A part's body as `split` wrote it, reading the part's upload ``file_id``."""
    from mapper.compile.core import with_file_id

    return with_file_id(without_file_id(json.loads(spec_path.read_text("utf-8"))), file_id)


def cut_parts(plan: SubmitPlan, work_dir: Path) -> list[PartState]:
    """The plan's CSVs cut into parts in ``work_dir`` (zip and body each), with the
    source lines of every row: one part when the job is within Zoho's limits."""
    from mapper.split import SplitError, source_lines, split

    try:
        chunks = split(plan.body, plan.csv_path, work_dir, children=plan.children)
        lines = source_lines(plan.body, plan.csv_path, chunks, plan.children)
    except SplitError as error:
        raise PrepareError(str(error)) from error
    modules = tuple(module_name(r) or "" for r in plan.body["resource"])
    return [
        PartState(
            number=chunk.number,
            zip_path=str(chunk.zip_path),
            csv_names=tuple(path.name for path in chunk.csv_paths),
            modules=modules,
            lines=tuple(line_runs(per_source) for per_source in chunk_lines),
        )
        for chunk, chunk_lines in zip(chunks, lines, strict=True)
    ]


def _predict(
    body: dict[str, Any], csv_path: Path, catalog: Catalog
) -> tuple[Prediction, list[Diagnostic]]:
    """Pre-flight the parent CSV, noting every row it expects Zoho to skip and why."""
    failing: dict[int, set[str]] = {}

    def observe(batch_hits: BatchHits, _rows: int) -> None:
        import numpy as np

        lines = batch_hits.batch.lines
        for hit in batch_hits.hits:
            if hit.skips_row:
                for row in np.flatnonzero(hit.rows).tolist():
                    failing.setdefault(int(lines[row]), set()).add(str(hit.zoho_code))

    from mapper.preflight import preflight

    result = preflight(body, csv_path, catalog=catalog, observers=[observe])
    prediction = Prediction({line: tuple(sorted(c)) for line, c in failing.items()}, True)
    return prediction, _but_split_limits(result.diagnostics)


def _preflight(
    body: dict[str, Any], csv_path: Path, catalog: Catalog, index: int
) -> list[Diagnostic]:
    from mapper.preflight import preflight

    result = preflight(body, csv_path, catalog=catalog, resource_index=index)
    return _but_split_limits(result.diagnostics)


def _but_split_limits(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    from mapper.compile.core import but_split_limits

    return but_split_limits(diagnostics)
