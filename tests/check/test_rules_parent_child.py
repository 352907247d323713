"""Parent-child rules: the child module's parent, one CSV per resource, the parent first."""

from __future__ import annotations

from pathlib import Path

from mapper.catalog.model import Catalog, Field, Module
from mapper.catalog.org import load_catalog
from mapper.diagnostics import Diagnostic, Severity
from mapper.rules import CsvFacts, RuleContext, all_rules

ORG_FIELDS = Path(__file__).parents[1] / "cases" / "_fixtures" / "org_fields"


def resource(module: str, csv: str, *links: int, file_id: str = "1") -> dict:
    mappings: list[dict] = [{"api_name": "Name", "index": 0}]
    mappings += [{"api_name": "Parent_Id", "index": 1, "parent_column_index": c} for c in links]
    return {
        "type": "data",
        "module": {"api_name": module},
        "file_id": file_id,
        "file_names": [csv],
        "field_mappings": mappings,
    }


def findings(code: str, ctx: RuleContext) -> list[Diagnostic]:
    (found,) = [r for r in all_rules() if r.code == code]
    return found.run(ctx)


def job(*resources: dict) -> dict:
    return {"operation": "insert", "resource": list(resources)}


def test_org_subform_under_another_parent_is_an_error_naming_its_owner() -> None:
    body = job(resource("Accounts", "a.csv"), resource("Lead_Items", "i.csv", 0))
    (diag,) = findings("BW406", RuleContext(body, catalog=load_catalog(ORG_FIELDS)))
    assert diag.severity is Severity.ERROR
    assert diag.pointer == "/resource/1/module"
    assert "Lead_Items is not a subform/linking module of the parent Accounts" in diag.message
    assert "belongs to Leads" in diag.message


def test_builtin_line_items_under_another_parent_is_a_warning() -> None:
    body = job(resource("Leads", "l.csv"), resource("Quoted_Items", "q.csv", 0))
    (diag,) = findings("BW406", RuleContext(body))
    assert diag.severity is Severity.WARNING
    assert "belongs to Quotes" in diag.message


def test_child_module_with_unknown_parent_passes() -> None:
    body = job(resource("Leads", "l.csv"), resource("Unlisted_Links", "u.csv", 0))
    assert findings("BW406", RuleContext(body, catalog=load_catalog(ORG_FIELDS))) == []


def test_linking_module_belongs_to_both_modules_naming_it() -> None:
    def module(name: str) -> Module:
        link = Field("Links", "Links", "multiselectlookup", associated_module="Links_X")
        return Module(name, (link,), source="org")

    catalog = Catalog({"Leads": module("Leads"), "Contacts": module("Contacts")})
    for parent in ("Leads", "Contacts"):
        body = job(resource(parent, "p.csv"), resource("Links_X", "x.csv", 0))
        assert findings("BW406", RuleContext(body, catalog=catalog)) == []
    body = job(resource("Deals", "p.csv"), resource("Links_X", "x.csv", 0))
    (diag,) = findings("BW406", RuleContext(body, catalog=catalog))
    assert "belongs to Leads, Contacts" in diag.message


def test_same_csv_name_in_two_resources_of_one_zip() -> None:
    body = job(resource("Leads", "same.csv"), resource("Lead_Items", "same.csv", 0))
    (diag,) = findings("BW407", RuleContext(body))
    assert diag.pointer == "/resource/1/file_names/0"
    assert "resource[0]" in diag.message


def test_same_csv_name_in_two_zips_is_left_to_bw402() -> None:
    body = job(resource("Leads", "same.csv"), resource("Lead_Items", "same.csv", 0, file_id="2"))
    assert findings("BW407", RuleContext(body)) == []


def test_parent_column_index_checked_against_parent_header_only() -> None:
    body = job(resource("Leads", "l.csv"), resource("Lead_Items", "i.csv", 1, 2))
    parent = CsvFacts("l.csv", ("Name", "Key"))
    (diag,) = findings("BW408", RuleContext(body, csv={0: parent}))
    assert diag.pointer == "/resource/1/field_mappings/2/parent_column_index"
    assert diag.zoho_code == "COLUMN_INDEX_NOT_FOUND"
    assert findings("BW408", RuleContext(body)) == []


def test_reversed_order_says_parent_first_instead_of_missing_link() -> None:
    body = job(resource("Lead_Items", "i.csv", 0), resource("Leads", "l.csv"))
    ctx = RuleContext(body)
    (diag,) = findings("BW409", ctx)
    assert "parent as the first resource" in diag.message
    assert "resource[1] looks like the parent" in diag.message
    assert findings("BW403", ctx) == []


def test_parent_first_keeps_bw403_for_an_unlinked_child() -> None:
    body = job(resource("Leads", "l.csv"), resource("Lead_Items", "i.csv"))
    ctx = RuleContext(body)
    assert findings("BW409", ctx) == []
    assert [d.pointer for d in findings("BW403", ctx)] == ["/resource/1/field_mappings"]
