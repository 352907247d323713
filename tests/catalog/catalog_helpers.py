"""Shared by the catalog tests: fixture paths, running one rule, building a job body."""

from __future__ import annotations

from pathlib import Path

from mapper.catalog import Catalog
from mapper.diagnostics import Diagnostic
from mapper.rules import CsvFacts, RuleContext, all_rules

FIXTURES = Path(__file__).parents[1] / "cases" / "_fixtures"
ORG_FIELDS = FIXTURES / "org_fields"
ORG_LAYOUTS = FIXTURES / "org_layouts"


def run_rule(
    code: str,
    body: dict,
    catalog: Catalog | None = None,
    csv: dict[int, CsvFacts] | None = None,
) -> list[Diagnostic]:
    rule = next(r for r in all_rules() if r.code == code)
    return rule.run(RuleContext(body, "v8", catalog, csv or {}))


def job(
    module: str | dict, mappings: list[dict] | None, operation: str = "insert", **extra
) -> dict:
    """A one-resource job body for ``module`` with the given field mappings."""
    resource: dict = {"type": "data", "module": module, "file_id": "111111000000541958", **extra}
    if mappings is not None:
        resource["field_mappings"] = mappings
    return {"operation": operation, "resource": [resource]}
