"""DataFrames in: dtype-aware profile, compile, pre-flight and the upload CSV they agree on."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from mapper.catalog import builtin_catalog
from mapper.check import check
from mapper.compile import ChildSpec, CompileError, CompileOptions, compile_spec, render_json
from mapper.frames import FRAME_PATH, FrameError, is_dataframe, write_upload_csv
from mapper.preflight import preflight
from mapper.profile import profile

REPO = Path(__file__).parents[2]
FILE_ID = "4150868000005364002"


def leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Last Name": ["Smith", "Jones", "Brown", "Okafor"],
            "Company": ["Acme", "Beta", "Gamma", "Delta"],
            "Email": ["a@x.com", "b@y.org", None, "d@z.net"],
            "No of Employees": pd.array([10, None, 3, 250], dtype="Int64"),
            "Lead Status": pd.Categorical(["Contacted", "Not Contacted", None, "Contacted"]),
            "Annual Revenue": [1.5, 2.0, None, 1e-5],
            "Email Opt Out": [True, False, True, False],
        }
    )


def deals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Deal Name": ["Renewal", "Expansion", "Pilot"],
            "Stage": ["Qualification", "Closed Lost", "Qualification"],
            "Closing Date": pd.to_datetime(["2025-12-13", "2025-05-01", None]),
        }
    )


def rows_of(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def column(profiled, header):
    return next(c for c in profiled.columns if c.header == header)


def test_a_dataframe_is_recognised_without_importing_pandas_for_anything_else() -> None:
    assert is_dataframe(leads())
    assert not is_dataframe({"Last Name": ["Smith"]})
    assert not is_dataframe(REPO / "examples" / "deals.csv")


def test_the_profile_takes_kinds_from_dtypes() -> None:
    frame = leads().assign(
        Created=pd.to_datetime(["2024-01-31", "2024-02-01", None, "2024-03-01"]),
        Seen=pd.to_datetime(
            ["2024-01-31 10:00:05", "2024-02-01 11:00:00", None, "2024-03-01 00:00:00"]
        ),
        Codes=pd.Categorical([1, 2, 1, 2]),
    )
    profiled = profile(frame)
    assert profiled.path == FRAME_PATH and profiled.rows == 4 and profiled.header
    kinds = {c.header: (c.kind, c.format) for c in profiled.columns}
    assert kinds["Created"] == ("date", "yyyy-MM-dd")
    assert kinds["Seen"] == ("datetime", "MM/dd/yyyy HH:mm:ss")
    assert kinds["No of Employees"] == ("integer", None)
    assert kinds["Lead Status"] == ("picklist", None)
    assert kinds["Email Opt Out"] == ("boolean", None)
    assert kinds["Email"] == ("email", None)
    # a categorical of numbers is read by its values, not as a picklist
    assert kinds["Codes"][0] == "integer"
    assert column(profiled, "Lead Status").examples == ("Contacted", "Not Contacted")


def test_nullable_and_zero_one_integers_stay_integers() -> None:
    frame = pd.DataFrame({"Flags": pd.array([0, 1, None, 1], dtype="Int64")})
    assert profile(frame).columns[0].kind == "integer"


def test_a_day_first_looking_datetime_column_is_never_ambiguous() -> None:
    frame = pd.DataFrame({"Day": pd.to_datetime(["2024-01-02", "2024-02-01"])})
    [day] = profile(frame).columns
    assert (day.kind, day.format, day.ambiguous) == ("date", "yyyy-MM-dd", False)


def test_tz_aware_datetimes_say_the_zone_is_dropped() -> None:
    stamps = pd.to_datetime(["2024-01-31 10:00", "2024-02-01 11:30"]).tz_localize("Europe/Paris")
    profiled = profile(pd.DataFrame({"Seen": stamps}))
    assert profiled.columns[0].kind == "datetime"
    assert any("Europe/Paris" in warning for warning in profiled.warnings)


def test_compile_from_a_dataframe_leaves_file_id_out_until_upload(tmp_path: Path) -> None:
    frame = leads()
    result = compile_spec(frame, CompileOptions(module="Leads"), builtin_catalog())
    assert result.ok, result.diagnostics
    resource = result.body["resource"][0]
    assert "file_id" not in resource
    mapped = {m["api_name"]: m["index"] for m in resource["field_mappings"]}
    assert mapped["No_of_Employees"] == 3 and mapped["Lead_Status"] == 4
    uploaded = result.with_file_id(FILE_ID)
    assert list(uploaded["resource"][0])[:3] == ["type", "module", "file_id"]
    assert "file_id" not in result.body["resource"][0]  # the compiled body is untouched
    spec, data = tmp_path / "leads.inputData.json", tmp_path / "leads.csv"
    spec.write_text(render_json(uploaded), encoding="utf-8")
    write_upload_csv(frame, data, result)
    assert not [d for d in check(spec, csv_path=data) if d.severity.value == "error"]


def test_a_spec_without_file_id_fails_check_until_it_is_put_in(tmp_path: Path) -> None:
    result = compile_spec(leads(), CompileOptions(module="Leads"), builtin_catalog())
    spec = tmp_path / "leads.inputData.json"
    spec.write_text(render_json(result.body), encoding="utf-8")
    assert any(d.severity.value == "error" for d in check(spec))


def test_the_upload_csv_holds_what_the_profile_saw(tmp_path: Path) -> None:
    frame = leads()
    result = compile_spec(frame, CompileOptions(module="Leads"), builtin_catalog())
    path = write_upload_csv(frame, tmp_path / "leads.csv", result)
    rows = rows_of(path)
    assert rows[0] == list(frame.columns)
    assert [row[3] for row in rows[1:]] == ["10", "", "3", "250"]
    assert [row[5] for row in rows[1:]] == ["1.5", "2", "", "0.00001"]
    assert [row[6] for row in rows[1:]] == ["true", "false", "true", "false"]
    from_file = profile(path)
    from_frame = profile(frame)
    for in_file, in_frame in zip(from_file.columns, from_frame.columns, strict=True):
        assert in_file.examples == in_frame.examples
        if in_frame.kind != "picklist":
            assert in_file.kind == in_frame.kind


def test_dates_are_written_with_the_specs_pattern(tmp_path: Path) -> None:
    frame = deals()
    options = CompileOptions(module="Deals", date_formats=(("Closing Date", "dd/MM/yyyy"),))
    result = compile_spec(frame, options, builtin_catalog())
    assert result.body is not None, result.diagnostics
    written = rows_of(write_upload_csv(frame, tmp_path / "deals.csv", result))
    assert [row[2] for row in written[1:]] == ["13/12/2025", "01/05/2025", ""]
    # compile writes only the patterns Zoho lists (BW811), a frame's included
    unlisted = CompileOptions(module="Deals", date_formats=(("Closing Date", "d/M/yyyy"),))
    refused = compile_spec(frame, unlisted, builtin_catalog())
    assert refused.body is None
    assert "BW811" in {d.code for d in refused.diagnostics}
    body = json.loads(json.dumps(result.body))
    body["resource"][0]["field_mappings"][2]["format"] = "MMM dd, yyyy"
    written = rows_of(write_upload_csv(frame, tmp_path / "deals2.csv", body))
    assert [row[2] for row in written[1:]] == ["Dec 13, 2025", "May 01, 2025", ""]


def test_a_reordered_frame_is_written_in_the_compiled_order(tmp_path: Path) -> None:
    frame = leads()
    result = compile_spec(frame, CompileOptions(module="Leads"), builtin_catalog())
    shuffled = frame[list(reversed(frame.columns))]
    written = rows_of(write_upload_csv(shuffled, tmp_path / "leads.csv", result))
    assert written[0] == list(frame.columns)
    with pytest.raises(FrameError, match="'Email'"):
        write_upload_csv(frame.drop(columns="Email"), tmp_path / "x.csv", result)
    assert not (tmp_path / "x.csv").exists()


def test_a_plain_body_reads_the_frame_by_position(tmp_path: Path) -> None:
    body = {
        "operation": "insert",
        "resource": [
            {
                "type": "data",
                "module": {"api_name": "Leads"},
                "file_id": FILE_ID,
                "field_mappings": [{"api_name": "Last_Name", "index": 9}],
            }
        ],
    }
    with pytest.raises(FrameError, match="index 9"):
        write_upload_csv(leads(), tmp_path / "leads.csv", body)


def test_a_value_the_specs_encoding_cannot_hold_leaves_no_file(tmp_path: Path) -> None:
    frame = pd.DataFrame({"Last Name": ["Müller", "山田"], "Company": ["A", "B"]})
    result = compile_spec(frame, CompileOptions(module="Leads"), builtin_catalog())
    body = {**result.body, "character_encoding": "ISO-8859-1"}
    with pytest.raises(FrameError, match=r"row 1, column 'Last Name'"):
        write_upload_csv(frame, tmp_path / "leads.csv", body)
    assert list(tmp_path.iterdir()) == []
    latin = write_upload_csv(frame.iloc[:1], tmp_path / "leads.csv", body)
    assert latin.read_bytes().splitlines()[1] == "Müller,A".encode("latin-1")


def test_preflight_of_a_frame_matches_preflight_of_its_upload_csv(tmp_path: Path) -> None:
    frame = leads()
    result = compile_spec(frame, CompileOptions(module="Leads"), builtin_catalog())
    frame.loc[1, "Email"] = "not an email"
    frame.loc[2, "Last Name"] = "Line one\nline two"
    frame.loc[3, "Email"] = "also wrong"
    in_memory = preflight(result, frame)
    path = write_upload_csv(frame, tmp_path / "leads.csv", result)
    on_disk = preflight(result.with_file_id(FILE_ID), path, catalog=builtin_catalog())
    found = [(d.code, d.line) for d in in_memory.diagnostics]
    assert found == [(d.code, d.line) for d in on_disk.diagnostics if d.code != "BW708"]
    # frame row 1 is line 3; row 3 is line 6, after the value holding a line break
    assert [(code, line) for code, line in found if code == "BW603"] == [("BW603", 3), ("BW603", 6)]
    assert in_memory.outcomes == on_disk.outcomes and in_memory.skipped == 2
    assert all(d.path == FRAME_PATH for d in in_memory.diagnostics)


def test_parent_child_jobs_are_compiled_from_files() -> None:
    child = ChildSpec(REPO / "examples" / "lead_interests.csv", "Lead_Interests", "Lead Email")
    options = CompileOptions(module="Leads", children=(child,))
    with pytest.raises(CompileError, match="parent-child"):
        compile_spec(leads(), options, builtin_catalog())


def test_the_example_script_writes_a_spec_and_its_csv(tmp_path: Path) -> None:
    script = REPO / "examples" / "dataframe_to_upload.py"
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    body = json.loads((tmp_path / "deals.inputData.json").read_text(encoding="utf-8"))
    header = rows_of(tmp_path / "deals.csv")[0]
    for mapping in body["resource"][0]["field_mappings"]:
        assert header[mapping["index"]]
    assert "3 rows" in result.stderr


def test_the_readme_dataframe_snippet_runs(tmp_path: Path, monkeypatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## DataFrames\n", 1)[1].split("\n## ", 1)[0]
    [snippet] = [block for block in section.split("```python\n")[1:]]
    snippet = snippet.split("```", 1)[0]
    (tmp_path / "examples").symlink_to(REPO / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(snippet, "README.md", "exec"), {})
    body = json.loads((tmp_path / "deals.inputData.json").read_text(encoding="utf-8"))
    assert body["resource"][0]["field_mappings"]
    assert rows_of(tmp_path / "deals.csv")[0][0] == "Deal Name"
