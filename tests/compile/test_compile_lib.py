"""compile_spec on small CSVs: what lands in the body, what stops the compile."""

from __future__ import annotations

from pathlib import Path

import pytest
from compile_helpers import options, write_csv

from mapper.catalog import Catalog
from mapper.compile import ChildSpec, CompileError, compile_spec, render_json
from mapper.csvfile.encoding import charset_name
from mapper.diagnostics import Severity
from mapper.profile import profile

LEADS = (
    "First Name,Last Name,Company,E-mail,Born\n"
    "Amelia,Okafor,Corvid Security,amelia@example.com,1990-03-14\n"
    "Bruno,Lindqvist,Kestrel Analytics,bruno@example.com,1985-11-02\n"
)
# every day <= 12: the values read day-first and month-first alike
AMBIGUOUS = "Last Name,Date of Birth\nOkafor,03/04/1990\nLindqvist,11/02/1985\nMoreau,07/08/1979\n"


def _mappings(compilation, resource: int = 0) -> list[dict]:
    return compilation.body["resource"][resource]["field_mappings"]


def _by_name(compilation, resource: int = 0) -> dict[str, dict]:
    return {m["api_name"]: m for m in _mappings(compilation, resource)}


def test_leads_columns_map_by_position(tmp_path: Path, catalog: Catalog) -> None:
    result = compile_spec(write_csv(tmp_path, "leads.csv", LEADS), options(), catalog)
    assert result.ok
    indexes = {m["api_name"]: m["index"] for m in _mappings(result)}
    assert indexes == {"First_Name": 0, "Last_Name": 1, "Company": 2, "Email": 3}
    assert result.body["resource"][0]["module"] == {"api_name": "Leads"}
    assert [u.header for u in result.unmapped] == ["Born"]


def test_date_field_gets_the_profiled_format(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "c.csv", "Last Name,Date of Birth\nOkafor,14.03.1990\n")
    result = compile_spec(csv_path, options("Contacts"), catalog)
    assert _by_name(result)["Date_of_Birth"] == {
        "api_name": "Date_of_Birth",
        "index": 1,
        "format": "dd.MM.yyyy",
    }


def test_ambiguous_dates_stop_the_compile(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "c.csv", AMBIGUOUS)
    result = compile_spec(csv_path, options("Contacts"), catalog)
    assert result.body is None
    assert not result.ok
    [finding] = [d for d in result.diagnostics if d.code == "BW801"]
    assert finding.severity is Severity.ERROR
    assert "Date of Birth" in finding.message
    assert "dd/MM/yyyy" in finding.message and "MM/dd/yyyy" in finding.message
    assert "--dayfirst" in finding.hint and "--date-format" in finding.hint


@pytest.mark.parametrize(
    ("order", "expected"), [("dayfirst", "dd/MM/yyyy"), ("monthfirst", "MM/dd/yyyy")]
)
def test_day_month_flags_decide_an_ambiguous_column(
    tmp_path: Path, catalog: Catalog, order: str, expected: str
) -> None:
    csv_path = write_csv(tmp_path, "c.csv", AMBIGUOUS)
    result = compile_spec(csv_path, options("Contacts", date_order=order), catalog)
    assert result.ok
    assert _by_name(result)["Date_of_Birth"]["format"] == expected


def test_date_format_option_decides_too(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "c.csv", AMBIGUOUS)
    forced = (("Date of Birth", "dd/MM/yyyy"),)
    result = compile_spec(csv_path, options("Contacts", date_formats=forced), catalog)
    assert _by_name(result)["Date_of_Birth"]["format"] == "dd/MM/yyyy"


def test_account_names_are_looked_up_by_account_name(tmp_path: Path, catalog: Catalog) -> None:
    text = "Last Name,Account\nOkafor,Corvid Security\nMoreau,Quarry Lane Foods\n"
    result = compile_spec(write_csv(tmp_path, "c.csv", text), options("Contacts"), catalog)
    assert _by_name(result)["Account_Name"]["find_by"] == "Account_Name"


def test_upsert_names_its_find_by(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    result = compile_spec(csv_path, options(operation="upsert", find_by="Email"), catalog)
    assert result.body["operation"] == "upsert"
    assert result.body["resource"][0]["find_by"] == "Email"


def test_defaults_fold_into_a_mapped_field_or_stand_alone(tmp_path: Path, catalog: Catalog) -> None:
    defaults = (("Company", "Unknown"), ("Lead_Source", "Trade Show"))
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    result = compile_spec(csv_path, options(defaults=defaults), catalog)
    mappings = _by_name(result)
    assert mappings["Company"] == {
        "api_name": "Company",
        "index": 2,
        "default_value": {"value": "Unknown"},
    }
    assert mappings["Lead_Source"] == {
        "api_name": "Lead_Source",
        "default_value": {"value": "Trade Show"},
    }
    assert _mappings(result)[-1]["api_name"] == "Lead_Source"


def test_top_level_options(tmp_path: Path, catalog: Catalog) -> None:
    values = {"ignore_empty": True, "callback_url": "https://hooks.example.com/zoho"}
    result = compile_spec(write_csv(tmp_path, "leads.csv", LEADS), options(**values), catalog)
    assert result.body["ignore_empty"] is True
    assert result.body["callback"] == {"url": "https://hooks.example.com/zoho", "method": "post"}


def test_v2_body_names_the_module_as_a_string(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    result = compile_spec(csv_path, options(api_version="v2", ignore_empty=True), catalog)
    assert result.ok
    assert result.body["resource"][0]["module"] == "Leads"
    assert result.body["resource"][0]["ignore_empty"] is True


def test_layout_column_is_picked_up_without_find_by(tmp_path: Path, catalog: Catalog) -> None:
    text = "Last Name,Layout\nOkafor,Partner Leads\n"
    result = compile_spec(write_csv(tmp_path, "l.csv", text), options(), catalog)
    assert _by_name(result)["Layout"] == {"api_name": "Layout", "index": 1}


def test_layout_column_option_names_another_header(tmp_path: Path, catalog: Catalog) -> None:
    text = "Last Name,Form\nOkafor,Partner Leads\n"
    csv_path = write_csv(tmp_path, "l.csv", text)
    result = compile_spec(csv_path, options(layout_column="Form"), catalog)
    assert _by_name(result)["Layout"] == {"api_name": "Layout", "index": 1}


def test_layout_name_resolves_to_its_id(tmp_path: Path, org_catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    result = compile_spec(csv_path, options(layout="Partner Leads"), org_catalog)
    assert result.ok, result.diagnostics
    assert _by_name(result)["Layout"] == {
        "api_name": "Layout",
        "default_value": {"value": "9876543000000091100"},
    }


def test_unknown_layout_name_is_refused(tmp_path: Path, org_catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    with pytest.raises(CompileError, match="Partner Lead") as raised:
        compile_spec(csv_path, options(layout="Partner Lead"), org_catalog)
    assert "Partner Leads (9876543000000091100)" in raised.value.hint


def test_layout_name_without_layouts_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    with pytest.raises(CompileError) as raised:
        compile_spec(csv_path, options(layout="Partner Leads"), catalog)
    assert "--layouts" in raised.value.hint


def test_subform_rows_link_to_their_parent_by_id(tmp_path: Path, org_catalog: Catalog) -> None:
    text = "Visit Date,Account Id,Visited By\n2025-03-14,9876543000000412001,Kenji Ito\n"
    csv_path = write_csv(tmp_path, "visits.csv", text)
    values = {"parent_id_column": "Account Id"}
    result = compile_spec(csv_path, options("Site_Visits", **values), org_catalog)
    assert result.ok, result.diagnostics
    mappings = _by_name(result)
    assert mappings["Parent_Id"] == {"api_name": "Parent_Id", "index": 1, "find_by": "id"}
    assert mappings["Visit_Date"]["format"] == "yyyy-MM-dd"


PARENT = "Ref,Last Name,Company\nL-1,Okafor,Corvid\nL-2,Moreau,Quarry\n"
CHILD = "Interest,Lead,Quantity\nTraining,L-1,3\nAnalytics,L-2,1\n"


def test_parent_child_job(tmp_path: Path, org_catalog: Catalog) -> None:
    parent = write_csv(tmp_path, "parent.csv", PARENT)
    child = ChildSpec(write_csv(tmp_path, "child.csv", CHILD), "Lead_Interests", "Lead", "Ref")
    result = compile_spec(parent, options(children=(child,)), org_catalog)
    assert result.ok, result.diagnostics
    first, second = result.body["resource"]
    assert first["module"] == {"api_name": "Leads"}
    assert (first["file_names"], second["file_names"]) == (["parent.csv"], ["child.csv"])
    assert first["file_id"] == second["file_id"]
    assert _by_name(result, 1)["Parent_Id"] == {
        "api_name": "Parent_Id",
        "index": 1,
        "parent_column_index": 0,
    }
    assert [name for name, _ in result.files] == ["parent.csv", "child.csv"]


def test_child_link_header_missing_in_parent_is_refused(
    tmp_path: Path, org_catalog: Catalog
) -> None:
    parent = write_csv(tmp_path, "parent.csv", PARENT)
    child = ChildSpec(write_csv(tmp_path, "child.csv", CHILD), "Lead_Interests", "Lead")
    with pytest.raises(CompileError, match=r"no column 'Lead' in parent\.csv"):
        compile_spec(parent, options(children=(child,)), org_catalog)


def test_non_utf8_file_declares_its_encoding(tmp_path: Path, catalog: Catalog) -> None:
    text = "Last Name,Mailing City\n" + "".join(
        f"Müller{i},Zürich-Süd Straße {i}\n" for i in range(40)
    )
    csv_path = write_csv(tmp_path, "c.csv", text, encoding="cp1252")
    result = compile_spec(csv_path, options("Contacts"), catalog)
    # which Western code page the sniffer settles on is csvfile's business; Zoho must be told
    detected = profile(csv_path).encoding
    assert result.body["character_encoding"] == charset_name(detected)
    assert result.body["character_encoding"].startswith(("windows-", "ISO-8859-"))


def test_utf8_file_declares_no_encoding(tmp_path: Path, catalog: Catalog) -> None:
    text = "Last Name,Mailing City\nMüller,Zürich\n"
    result = compile_spec(write_csv(tmp_path, "c.csv", text), options("Contacts"), catalog)
    assert "character_encoding" not in result.body


def test_unknown_module_is_refused_with_a_suggestion(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(CompileError, match="Lead") as raised:
        compile_spec(write_csv(tmp_path, "leads.csv", LEADS), options("Lead"), catalog)
    assert "Leads" in raised.value.hint


@pytest.mark.parametrize(
    "values",
    [
        {"overrides": (("Surname", "Last_Name"),)},
        {"skip": ("Surname",)},
        {"date_formats": (("Surname", "dd.MM.yyyy"),)},
        {"parent_id_column": "Surname"},
    ],
)
def test_options_naming_missing_columns_are_refused(
    tmp_path: Path, catalog: Catalog, values: dict
) -> None:
    with pytest.raises(CompileError, match="Surname"):
        compile_spec(write_csv(tmp_path, "leads.csv", LEADS), options(**values), catalog)


def test_map_and_skip_steer_the_match(tmp_path: Path, catalog: Catalog) -> None:
    values = {"overrides": (("Born", "Description"),), "skip": ("Company",)}
    result = compile_spec(write_csv(tmp_path, "leads.csv", LEADS), options(**values), catalog)
    mappings = _by_name(result)
    assert mappings["Description"]["index"] == 4
    assert "Company" not in mappings


def test_missing_mandatory_field_fails_the_check(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", "First Name,Company\nAmelia,Corvid\n")
    result = compile_spec(csv_path, options(), catalog)
    assert not result.ok
    assert result.missing_mandatory == ("Leads.Last_Name",)
    assert any(d.code == "BW503" for d in result.diagnostics)


def test_missing_mandatory_is_reported_when_the_compile_stops_early(
    tmp_path: Path, catalog: Catalog
) -> None:
    text = "First Name,Date of Birth\nAmelia,03/04/1990\nBruno,11/02/1985\n"
    result = compile_spec(write_csv(tmp_path, "c.csv", text), options("Contacts"), catalog)
    assert {d.code for d in result.diagnostics} >= {"BW801", "BW803"}


def test_checker_findings_stop_a_compile(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    result = compile_spec(csv_path, options(callback_url="ftp://hooks.example.com"), catalog)
    assert not result.ok
    assert any(d.code.startswith("BW2") for d in result.diagnostics)


def test_same_inputs_give_the_same_bytes(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    values = {"defaults": (("Lead_Source", "Web"), ("Description", "x")), "ignore_empty": True}
    first = render_json(compile_spec(csv_path, options(**values), catalog).body)
    values["defaults"] = values["defaults"][::-1]
    second = render_json(compile_spec(csv_path, options(**values), catalog).body)
    assert first == second


def test_explain_rows_say_why(tmp_path: Path, catalog: Catalog) -> None:
    text = "Surname,Account,Date of Birth\nOkafor,Corvid,14.03.1990\n"
    result = compile_spec(write_csv(tmp_path, "c.csv", text), options("Contacts"), catalog)
    rows = {row.header: row for row in result.explain}
    assert rows["Surname"].field == "Last_Name"
    assert rows["Surname"].reason == "synonym"
    assert rows["Account"].find_by == "Account_Name"
    assert rows["Date of Birth"].format == "dd.MM.yyyy"
    assert 0 < rows["Surname"].confidence <= 1


def test_layout_option_displaces_a_layout_column(tmp_path: Path, org_catalog: Catalog) -> None:
    text = "Last Name,Layout\nOkafor,Standard\n"
    csv_path = write_csv(tmp_path, "l.csv", text)
    result = compile_spec(csv_path, options(layout="Partner Leads"), org_catalog)
    assert [m for m in _mappings(result) if m["api_name"] == "Layout"] == [
        {"api_name": "Layout", "default_value": {"value": "9876543000000091100"}}
    ]
    assert [(u.header, u.reason) for u in result.unmapped] == [
        ("Layout", "Layout is set by --layout Partner Leads")
    ]


def test_layout_column_option_displaces_a_column_named_layout(
    tmp_path: Path, catalog: Catalog
) -> None:
    text = "Last Name,Layout,Form\nOkafor,x,Partner Leads\n"
    csv_path = write_csv(tmp_path, "l.csv", text)
    result = compile_spec(csv_path, options(layout_column="Form"), catalog)
    assert [m for m in _mappings(result) if m["api_name"] == "Layout"] == [
        {"api_name": "Layout", "index": 2}
    ]


def test_a_match_below_the_threshold_is_left_out_and_said(tmp_path: Path, catalog: Catalog) -> None:
    text = "Given Name,Last Name\nAmelia,Okafor\n"
    csv_path = write_csv(tmp_path, "leads.csv", text)
    result = compile_spec(csv_path, options(threshold=0.95), catalog)
    assert "First_Name" not in _by_name(result)
    [finding] = [d for d in result.diagnostics if d.code == "BW802"]
    assert finding.severity is Severity.WARNING
    assert "'Given Name'" in finding.message
    assert '--map "Given Name=First_Name"' in finding.hint
    assert [u.header for u in result.unmapped] == ["Given Name"]


def test_a_bare_layout_id_is_taken_without_layouts(tmp_path: Path, catalog: Catalog) -> None:
    csv_path = write_csv(tmp_path, "leads.csv", LEADS)
    result = compile_spec(csv_path, options(layout="5725767000001022168"), catalog)
    assert _by_name(result)["Layout"]["default_value"] == {"value": "5725767000001022168"}


def test_zoho_dotted_lookup_header_sets_find_by(tmp_path: Path, catalog: Catalog) -> None:
    text = "Last Name,Account_Name.id\nOkafor,9876543000000412001\nMoreau,9876543000000412002\n"
    result = compile_spec(write_csv(tmp_path, "c.csv", text), options("Contacts"), catalog)
    assert _by_name(result)["Account_Name"] == {
        "api_name": "Account_Name",
        "index": 1,
        "find_by": "id",
    }


def test_every_left_out_column_is_a_finding_with_its_reason(
    tmp_path: Path, catalog: Catalog
) -> None:
    # 'Create Date' resembles Created_Time, which no import can set; 'Shoe Size' nothing;
    # the second 'Email' finds its field taken; a --skip is the user's own choice
    text = (
        "Last Name,Create Date,Shoe Size,Email,E-mail,Fax\nOkafor,2024-01-02,38,a@x.io,b@x.io,1\n"
    )
    result = compile_spec(write_csv(tmp_path, "leads.csv", text), options(skip=("Fax",)), catalog)
    assert result.ok
    found = {d.column - 1: d for d in result.diagnostics if d.path.endswith("leads.csv")}
    assert {index: d.code for index, d in found.items()} == {1: "BW808", 2: "BW809", 4: "BW810"}
    assert all(d.severity is Severity.WARNING and d.line == 1 for d in found.values())
    assert "Created_Time is read-only" in found[1].message
    assert "already taken by index 3 'Email'" in found[4].message
    assert '--skip "Shoe Size"' in found[2].hint
    assert [u.header for u in result.unmapped] == ["Create Date", "Shoe Size", "E-mail", "Fax"]


def test_a_doubted_match_is_a_near_miss_finding(tmp_path: Path, catalog: Catalog) -> None:
    # spelling reads `Vorname` as Vendor_Name; the guard leaves it out, and says so
    text = "Product Name,Vorname\nWidget,Anna\n"
    result = compile_spec(write_csv(tmp_path, "p.csv", text), options("Products"), catalog)
    [finding] = [d for d in result.diagnostics if d.code == "BW802"]
    assert "index 1 'Vorname' left out" in finding.message and "Vendor_Name" in finding.message
    assert "--map" not in finding.hint


def test_a_column_displaced_by_an_option_is_a_finding(tmp_path: Path, catalog: Catalog) -> None:
    layout = compile_spec(
        write_csv(tmp_path, "l.csv", "Last Name,Layout\nOkafor,Standard\n"),
        options(layout="5725767000001022168"),
        catalog,
    )
    [taken] = [d for d in layout.diagnostics if d.code == "BW810"]
    assert taken.message.startswith("index 1 'Layout' left out: Layout is set by --layout")
    assert [u.header for u in layout.unmapped] == ["Layout"]


def test_hints_name_a_repeated_header_by_its_index(tmp_path: Path, catalog: Catalog) -> None:
    text = "Last Name,Shoe Size,Shoe Size\nOkafor,38,39\n"
    result = compile_spec(write_csv(tmp_path, "leads.csv", text), options(), catalog)
    hints = [d.hint for d in result.diagnostics if d.code == "BW809"]
    assert [h.count('"Shoe Size#1') + h.count('"Shoe Size#2') for h in hints] == [2, 2]


def test_skip_naming_the_link_column_only_reaches_the_parent(
    tmp_path: Path, org_catalog: Catalog
) -> None:
    parent = write_csv(tmp_path, "parent.csv", "Lead Ref,Last Name\nL-1,Okafor\n")
    child_csv = write_csv(tmp_path, "child.csv", "Lead Ref,Interest\nL-1,Training\n")
    child = ChildSpec(child_csv, "Lead_Interests", "Lead Ref")
    values = {"children": (child,), "skip": ("Lead Ref",)}
    result = compile_spec(parent, options(**values), org_catalog)
    assert result.ok, result.diagnostics
    assert "Lead_Ref" not in _by_name(result, 0)
    assert _by_name(result, 1)["Parent_Id"]["parent_column_index"] == 0


def test_a_date_format_addresses_one_of_two_same_named_columns(
    tmp_path: Path, catalog: Catalog
) -> None:
    text = "Last Name,Date of Birth,Date of Birth\nOkafor,03/04/1990,2024-01-02\n"
    forced = (("Date of Birth#1", "dd/MM/yyyy"),)
    values = {"date_formats": forced, "skip": ("@2",)}
    result = compile_spec(
        write_csv(tmp_path, "c.csv", text), options("Contacts", **values), catalog
    )
    assert result.ok, result.diagnostics
    assert _by_name(result)["Date_of_Birth"]["format"] == "dd/MM/yyyy"
