"""`mapper submit`, `status` and `jobs` through click, against a real stand-in over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

from mapper.zohoapi.standin import StandinHandle
from tests.submit.conftest import FAST, creates, read_rows, run, write_leads


def test_the_whole_trip_writes_the_result_and_the_failed_rows(
    zoho_env: dict, standin: StandinHandle, leads: Path, tmp_path: Path
) -> None:
    result_out, failed_out = tmp_path / "result.csv", tmp_path / "failed.csv"
    outcome = run(
        zoho_env, "submit", leads, "-m", "Leads", "--force", *FAST,
        "--result-out", result_out, "--failed-out", failed_out,
    )  # fmt: skip
    assert outcome.exit_code == 1, outcome.output  # two rows were skipped
    rows = read_rows(result_out)
    assert [r["SOURCE_LINE"] for r in rows] == ["2", "3", "4", "6", "7"]
    assert [r["STATUS"] for r in rows] == ["ADDED", "SKIPPED", "ADDED", "ADDED", "SKIPPED"]
    assert rows[1]["ERRORS"] == "MANDATORY_NOT_FOUND-Last Name"
    assert rows[2]["Company"] == "Kestrel\nAnalytics"  # the source columns, as they were
    assert all(r["RECORD_ID"] for r in rows if r["STATUS"] == "ADDED")
    failed = failed_out.read_text(encoding="utf-8")
    assert failed == "First Name,Last Name,Company,E-mail\nBo,,Corvid,bo@example.com\n" + (
        "Ed,Khan,Delta,ed-at-example.com\n"
    )
    assert "3 added, 2 skipped" in outcome.stderr
    assert "2 of 2 failed rows predicted" in outcome.stderr
    assert creates(standin) == 1


def test_every_row_added_exits_0(zoho_env: dict, tmp_path: Path) -> None:
    csv_path = write_leads(tmp_path / "good.csv", 50)
    outcome = run(zoho_env, "submit", csv_path, "-m", "Leads", *FAST)
    assert outcome.exit_code == 0, outcome.output
    assert "50 rows: 50 added" in outcome.stderr


def test_errors_found_before_the_upload_stop_it_unless_forced(
    zoho_env: dict, standin: StandinHandle, leads: Path
) -> None:
    outcome = run(zoho_env, "submit", leads, "-m", "Leads", *FAST)
    assert outcome.exit_code == 1
    assert "nothing sent" in outcome.stderr and "BW610" in outcome.stderr
    assert standin.requests() == []


def test_a_dry_run_prints_the_parts_and_sends_nothing(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    csv_path = write_leads(tmp_path / "many.csv", 30_000)
    outcome = run(zoho_env, "submit", csv_path, "-m", "Leads", "--dry-run", "--force")
    assert outcome.exit_code == 0, outcome.output
    assert "would send 2 part(s)" in outcome.stdout
    assert "25,000 rows" in outcome.stdout and "5,000 rows" in outcome.stdout
    body = json.loads(outcome.stdout.split("file_id comes from its upload):\n", 1)[1])
    assert body["resource"][0]["file_id"] == "<file_id of the upload>"
    assert standin.requests() == []


def test_over_the_row_limit_the_parts_go_as_jobs_merged_in_source_order(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    csv_path = write_leads(tmp_path / "big.csv", 60_000)
    result_out = tmp_path / "result.csv"
    outcome = run(
        zoho_env, "submit", csv_path, "-m", "Leads", "--force", *FAST, "--result-out", result_out
    )
    assert outcome.exit_code == 1, outcome.output  # every 1000th row has no last name
    assert creates(standin) == 3
    rows = read_rows(result_out)
    assert [int(r["SOURCE_LINE"]) for r in rows] == list(range(2, 60_002))
    skipped = [int(r["SOURCE_LINE"]) for r in rows if r["STATUS"] == "SKIPPED"]
    assert skipped == list(range(1001, 60_002, 1000))
    assert [r["First Name"] for r in rows[24_999:25_001]] == ["F24999", "F25000"]
    assert "60,000 rows: 59,940 added, 60 skipped" in outcome.stderr


def test_the_same_input_again_creates_no_second_job_unless_new(
    zoho_env: dict, standin: StandinHandle, leads: Path
) -> None:
    first = run(zoho_env, "submit", leads, "-m", "Leads", "--force", *FAST)
    again = run(zoho_env, "submit", leads, "-m", "Leads", "--force", *FAST)
    assert (first.exit_code, again.exit_code) == (1, 1)
    assert "submitted before" in again.stderr
    assert creates(standin) == 1
    new = run(zoho_env, "submit", leads, "-m", "Leads", "--force", "--new", *FAST)
    assert new.exit_code == 1
    assert creates(standin) == 2


def test_a_submitted_spec_gets_its_file_id_from_the_upload(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    csv_path = write_leads(tmp_path / "leads.csv", 10)
    spec = {
        "operation": "insert",
        "resource": [
            {
                "type": "data",
                "module": {"api_name": "Leads"},
                "file_id": "4150868000005364001",
                "field_mappings": [
                    {"api_name": "Last_Name", "index": 1},
                    {"api_name": "Company", "index": 2},
                ],
            }
        ],
    }
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    outcome = run(zoho_env, "submit", spec_path, "--csv", csv_path, *FAST)
    assert outcome.exit_code == 0, outcome.output
    [job] = standin.jobs.values()
    assert job.body["resource"][0]["file_id"] != "4150868000005364001"
    assert job.body["resource"][0]["field_mappings"] == spec["resource"][0]["field_mappings"]


def test_a_spec_with_compile_options_is_refused(zoho_env: dict, tmp_path: Path) -> None:
    csv_path = write_leads(tmp_path / "leads.csv", 3)
    outcome = run(zoho_env, "submit", tmp_path / "spec.json", "--csv", csv_path, "-m", "Leads")
    assert outcome.exit_code == 2
    assert "--module would change nothing" in outcome.stderr


def test_jobs_lists_the_ledger(zoho_env: dict, leads: Path) -> None:
    run(zoho_env, "submit", leads, "-m", "Leads", "--force", *FAST)
    listing = run(zoho_env, "jobs")
    assert listing.exit_code == 0
    assert "leads.csv  5 rows" in listing.stdout
    assert "part 1: done, job " in listing.stdout and "COMPLETED" in listing.stdout


def test_status_of_a_finished_submission_explains_it_again(
    zoho_env: dict, standin: StandinHandle, leads: Path, tmp_path: Path
) -> None:
    run(zoho_env, "submit", leads, "-m", "Leads", "--force", *FAST)
    [job_id] = standin.jobs
    result_out = tmp_path / "again.csv"
    outcome = run(zoho_env, "status", job_id, "--result-out", result_out)
    assert outcome.exit_code == 1
    assert len(read_rows(result_out)) == 5
    assert creates(standin) == 1


def test_status_of_an_unknown_job_is_a_usage_error(zoho_env: dict) -> None:
    outcome = run(zoho_env, "status", "999")
    assert outcome.exit_code == 2
    assert "no submission or job 999" in outcome.stderr


def test_a_parent_child_spec_goes_as_one_job_and_both_files_are_explained(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    import shutil

    examples = Path(__file__).parents[2] / "examples"
    for name in ("parent_leads.inputData.json", "parent_leads.csv", "lead_interests.csv"):
        shutil.copy(examples / name, tmp_path / name)
    parents = tmp_path / "parent_leads.csv"
    # the third lead loses its last name: Zoho skips it (MANDATORY_NOT_FOUND)
    text = parents.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(",Moreau,", ",,")
    parents.write_text("\n".join(text) + "\n", encoding="utf-8")
    result_out = tmp_path / "result.csv"
    outcome = run(
        zoho_env, "submit", tmp_path / "parent_leads.inputData.json", "--csv", parents,
        "--force", *FAST, "--result-out", result_out,
    )  # fmt: skip
    assert outcome.exit_code == 1, outcome.output
    assert creates(standin) == 1  # parents and children in one upload, one job
    uploads = [p for method, p, _ in standin.requests() if method == "POST" and "upload" in p]
    assert len(uploads) == 1
    rows = read_rows(result_out)
    assert [r["SOURCE_LINE"] for r in rows] == ["2", "3", "4", "5"]
    assert [r["STATUS"] for r in rows] == ["ADDED", "ADDED", "SKIPPED", "ADDED"]
    assert rows[2]["ERRORS"] == "MANDATORY_NOT_FOUND-Last Name"
    assert "parent_leads.csv: 4 rows: 3 added, 1 skipped" in outcome.stderr
    assert "lead_interests.csv: 6 rows:" in outcome.stderr
    # the child's rows get their own result file, named after it
    child_rows = read_rows(tmp_path / "result.lead_interests.csv")
    assert [r["SOURCE_LINE"] for r in child_rows] == [str(n) for n in range(2, 8)]
    assert child_rows[0]["Interest"] == "Onboarding" and child_rows[0]["STATUS"]
    assert f"result: {tmp_path / 'result.lead_interests.csv'}" in outcome.stderr
