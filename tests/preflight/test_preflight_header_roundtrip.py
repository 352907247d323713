"""A spec `mapper compile` writes must pass `mapper check --csv` on the same file without a
header-drift finding (BW701), and a real shift must still be found."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapper.catalog import Field, builtin_catalog
from mapper.compile import CompileError, CompileOptions, compile_spec
from mapper.fix import FixOptions, fix_file, plan_for_module
from mapper.fix.spec import compile_fixed
from mapper.match import header_reads_as
from mapper.preflight import preflight

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "real"
FILE_ID = "111111000001492610"
# files whose `Name`-like or look-alike headers were once read as a shifted column
CORPUS_FILES = (
    "salesforce-dataloader/dateOnlyWithTimeZone.csv",
    "salesforce-dataloader/accountData.csv",
    "salesforce-datacloud-workshop/Account.csv",
    "odoo/res.partner.csv",
    "roundcube/gmail.csv",
    "thunderbird/export.csv",
)


def drift_codes(csv_path: Path, module: str, work: Path | None = None) -> list[str]:
    """The BW701 findings of the compiled spec on its CSV; a CSV whose values compile
    refuses as unlisted (BW811) is first fixed into ``work``, as ``compile --fix`` does."""
    catalog = builtin_catalog()
    options = CompileOptions(module=module, file_id=FILE_ID)
    try:
        compiled = compile_spec(csv_path, options, catalog)
    except CompileError:
        pytest.skip(f"{csv_path.name} does not compile for {module}")
    errors = {d.code for d in compiled.diagnostics if d.severity.value == "error"}
    if compiled.body is None and errors == {"BW811"} and work is not None:
        fixed = work / csv_path.name
        report = fix_file(
            csv_path, fixed, plan_for_module(csv_path, options, catalog, FixOptions())
        )
        compiled, csv_path = compile_fixed(fixed, options, catalog, report), fixed
    assert compiled.body is not None
    result = preflight(compiled.body, csv_path, catalog=catalog)
    return [d.message for d in result.diagnostics if d.code == "BW701"]


@pytest.mark.parametrize(
    ("header", "module"),
    [
        ("NAME,TYPE,PHONE,ACCOUNTNUMBER__C", "Accounts"),
        ("id,email,name,note", "Accounts"),
        ("id,email,name,note", "Products"),
        ("Display Name,Phone,Website", "Deals"),
    ],
)
def test_compiled_spec_checks_without_drift(tmp_path: Path, header: str, module: str) -> None:
    path = tmp_path / "in.csv"
    path.write_text(header + "\n" + ",".join(["Acme"] * header.count(",")) + ",1\n")
    assert drift_codes(path, module) == []


@pytest.mark.parametrize("name", CORPUS_FILES)
@pytest.mark.parametrize("module", ["Accounts", "Deals"])
def test_compiled_corpus_spec_checks_without_drift(name: str, module: str, tmp_path: Path) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("the shared corpus is absent")
    assert drift_codes(path, module, tmp_path) == []


def test_an_inserted_column_is_still_reported(tmp_path: Path) -> None:
    original = tmp_path / "a.csv"
    original.write_text("Account Name,Phone,Website,Industry\nAcme,415,acme.com,Retail\n")
    catalog = builtin_catalog()
    body = compile_spec(original, CompileOptions(module="Accounts", file_id=FILE_ID), catalog).body
    shifted = tmp_path / "b.csv"
    shifted.write_text("Id,Account Name,Phone,Website,Industry\n7,Acme,415,acme.com,Retail\n")
    drift = [d for d in preflight(body, shifted, catalog=catalog).diagnostics if d.code == "BW701"]
    assert [d.column for d in drift] == [1]
    assert "shifted by +1" in drift[0].message


def test_name_headers_read_as_the_module_name_field_only_when_told() -> None:
    account_name = builtin_catalog().module("Accounts").field("Account_Name")
    assert header_reads_as("NAME", account_name, name_field="Account_Name")
    assert not header_reads_as("NAME", account_name)


def test_a_header_reads_only_as_the_field_asked_about() -> None:
    # `id` names the record id, not the field being asked about
    assert not header_reads_as("id", Field("Account_Name", "Account Name", "text"))
    assert header_reads_as("id", Field("id", "Record Id", "bigint"))


def test_a_narrow_header_row_keeps_the_data_row_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("email,name\nann@example.com,Ann,X,Y\n")
    body = {
        "operation": "insert",
        "resource": [{"type": "data", "module": {"api_name": "Leads"}, "file_id": FILE_ID,
                      "field_mappings": [{"api_name": "Email", "index": 0},
                                         {"api_name": "Last_Name", "index": 1}]}],
    }  # fmt: skip
    result = preflight(body, path, catalog=builtin_catalog())
    assert result.rows == 1
    assert [(d.code, d.line) for d in result.diagnostics] == [("BW616", 2)]
    assert "4 fields where the header row has 2" in result.diagnostics[0].message
