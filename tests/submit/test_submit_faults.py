"""Every fault the stand-in can inject ends with a clear message and the documented exit
code, no traceback and no secret; a trip cut short is finished by `mapper status`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mapper.zohoapi.standin import CLIENT_SECRET, REFRESH_TOKEN, StandinHandle
from tests.submit.conftest import FAST, creates, read_rows, run, write_leads


@pytest.mark.parametrize(
    "fault",
    ["expired-token", "rate-limit=0@details", "server-error@details", "slow-answer=0.2"],
)
def test_a_fault_the_client_recovers_from_ends_the_trip_normally(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path, fault: str
) -> None:
    standin.add_faults(fault)
    outcome = run(zoho_env, "submit", write_leads(tmp_path / "l.csv", 20), "-m", "Leads", *FAST)
    assert outcome.exit_code == 0, outcome.output
    assert creates(standin) == 1


@pytest.mark.parametrize(
    ("fault", "code", "exit_code"),
    [
        ("error-200", "Zoho INVALID_FILE_FORMAT", 1),
        ("server-error@upload", "Zoho INTERNAL_ERROR", 2),
        ("rate-limit=0@upload*9", "Zoho RATE_LIMITED", 2),
        ("lost-answer", "Zoho CREATE_ANSWER_LOST", 2),
        ("expired-link", "Zoho DOWNLOAD_LINK_EXPIRED", 2),
    ],
)
def test_a_fault_that_stops_the_trip_is_one_message_and_its_exit_code(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path, fault: str, code: str, exit_code: int
) -> None:
    standin.add_faults(fault)
    outcome = run(zoho_env, "submit", write_leads(tmp_path / "l.csv", 20), "-m", "Leads", *FAST)
    assert outcome.exit_code == exit_code, outcome.output
    assert f"mapper: error: {code}" in outcome.stderr
    assert "Hint:" in outcome.stderr
    assert "Traceback" not in outcome.output


def test_a_lost_create_is_not_sent_again_without_the_users_word(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    csv_path = write_leads(tmp_path / "l.csv", 20)
    standin.add_faults("lost-answer")  # the stand-in made the job, then dropped the line
    first = run(zoho_env, "submit", csv_path, "-m", "Leads", *FAST)
    again = run(zoho_env, "submit", csv_path, "-m", "Leads", *FAST)
    assert (first.exit_code, again.exit_code) == (2, 2)
    assert "--resend-lost" in again.stderr
    assert creates(standin) == 1
    listing = run(zoho_env, "jobs")
    assert "part 1: lost, no job" in listing.stdout
    resent = run(zoho_env, "submit", csv_path, "-m", "Leads", "--resend-lost", *FAST)
    assert resent.exit_code == 0, resent.output
    assert creates(standin) == 2


def test_a_failed_job_keeps_every_row_in_the_failed_file(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    standin.add_faults("job-failed")
    csv_path = write_leads(tmp_path / "l.csv", 20)
    failed_out = tmp_path / "failed.csv"
    outcome = run(zoho_env, "submit", csv_path, "-m", "Leads", *FAST, "--failed-out", failed_out)
    assert outcome.exit_code == 1, outcome.output
    assert "FAILED at Zoho" in outcome.stderr
    assert failed_out.read_text(encoding="utf-8") == csv_path.read_text(encoding="utf-8")


def test_a_job_still_running_at_the_timeout_is_finished_by_status(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    standin.add_faults("slow-job=10")
    csv_path = write_leads(tmp_path / "l.csv", 20)
    outcome = run(
        zoho_env, "submit", csv_path, "-m", "Leads", "--poll-interval", "0.5", "--timeout", "1"
    )
    assert outcome.exit_code == 2, outcome.output
    assert "STILL_RUNNING" in outcome.stderr and "mapper status" in outcome.stderr
    result_out = tmp_path / "result.csv"
    finished = run(zoho_env, "status", "--result-out", result_out, *FAST)
    assert finished.exit_code == 0, finished.output
    assert len(read_rows(result_out)) == 20
    assert creates(standin) == 1


def test_an_expired_result_link_is_asked_for_again_by_status(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    standin.add_faults("expired-link")
    csv_path = write_leads(tmp_path / "l.csv", 20)
    assert run(zoho_env, "submit", csv_path, "-m", "Leads", *FAST).exit_code == 2
    finished = run(zoho_env, "status", *FAST)
    assert finished.exit_code == 0, finished.output
    assert creates(standin) == 1


def _mapper(env: dict, *args: str | Path, **kwargs) -> subprocess.Popen:
    command = [sys.executable, "-m", "mapper", *map(str, args)]
    return subprocess.Popen(
        command,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _wait_for_job(state: Path, deadline: float) -> dict:
    while time.monotonic() < deadline:
        for path in (state / "jobs").glob("*.json"):
            entry = json.loads(path.read_text(encoding="utf-8"))
            if entry["parts"][0]["job_status"] == "IN PROGRESS":
                return entry
        time.sleep(0.05)
    raise AssertionError("submit never reached polling")


def _signal_while_polling(
    env: dict, csv_path: Path, state: Path, signal_number: int
) -> tuple[dict, subprocess.Popen, str]:
    """Start submit, send it ``signal_number`` once its job is IN PROGRESS in the ledger:
    (that ledger entry, the ended process, its stderr)."""
    process = _mapper(env, "submit", csv_path, "-m", "Leads", "--poll-interval", "0.05")
    try:
        entry = _wait_for_job(state, time.monotonic() + 30)
    finally:
        process.send_signal(signal_number)
        _out, err = process.communicate(timeout=30)
    return entry, process, err


def test_killed_while_polling_status_finishes_the_same_job(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    standin.add_faults("slow-job=12")
    csv_path = write_leads(tmp_path / "l.csv", 20)
    entry, _, _ = _signal_while_polling(zoho_env, csv_path, tmp_path / "state", signal.SIGKILL)
    job_id = entry["parts"][0]["job_id"]
    result_out = tmp_path / "result.csv"
    status = _mapper(zoho_env, "status", job_id, "--result-out", result_out, *FAST)
    _out, err = status.communicate(timeout=60)
    assert status.returncode == 0, err
    assert f"jobs {job_id}" in err
    assert len(read_rows(result_out)) == 20
    assert creates(standin) == 1
    again = run(zoho_env, "submit", csv_path, "-m", "Leads", *FAST)
    assert again.exit_code == 0 and creates(standin) == 1


def test_interrupted_while_polling_it_says_how_to_carry_on(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    standin.add_faults("slow-job=400")
    csv_path = write_leads(tmp_path / "l.csv", 20)
    entry, process, err = _signal_while_polling(
        zoho_env, csv_path, tmp_path / "state", signal.SIGINT
    )
    assert process.returncode == 130, err
    assert f"mapper status {entry['id']}" in err
    assert "Traceback" not in err


def test_no_secret_reaches_the_output_the_ledger_or_the_state_folder(
    zoho_env: dict, standin: StandinHandle, tmp_path: Path
) -> None:
    standin.add_faults("expired-token", "lost-answer")
    csv_path = write_leads(tmp_path / "l.csv", 20)
    outputs = [
        run(zoho_env, "submit", csv_path, "-m", "Leads", *FAST),
        run(zoho_env, "submit", csv_path, "-m", "Leads", "--resend-lost", *FAST),
        run(zoho_env, "status", *FAST),
        run(zoho_env, "jobs"),
    ]
    secrets = [CLIENT_SECRET, REFRESH_TOKEN, *standin.state.issued]
    assert len(secrets) >= 3  # a token was issued, revoked and issued again
    texts = [o.output for o in outputs]
    for path in (tmp_path / "state").rglob("*"):
        if path.is_file() and path.suffix in (".json", ".csv"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    for text in texts:
        for secret in secrets:
            assert secret not in text
