"""`mapper auth` and `mapper standin` through click's runner and real subprocesses."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

from mapper.cli import main
from mapper.zohoapi import ZohoClient
from mapper.zohoapi.standin import (
    CLIENT_SECRET,
    GRANT_CODE,
    REFRESH_TOKEN,
    standin_environment,
)


@pytest.fixture
def auth_env(standin, tmp_path):
    """The stand-in's environment without the refresh token, and a private credentials file."""
    env = {k: v for k, v in standin.credentials.items() if k != "ZOHO_REFRESH_TOKEN"}
    return {**env, "MAPPER_CREDENTIALS_FILE": str(tmp_path / "cfg" / "credentials.json")}


def _secrets(standin) -> list[str]:
    return [CLIENT_SECRET, REFRESH_TOKEN, GRANT_CODE, *standin.state.issued]


def test_auth_exchanges_a_grant_code_and_stores_0600(standin, auth_env, tmp_path):
    result = CliRunner().invoke(main, ["auth", "--grant-code", GRANT_CODE], env=auth_env)
    assert result.exit_code == 0, result.output
    path = tmp_path / "cfg" / "credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = json.loads(path.read_text())
    assert stored["refresh_token"] == REFRESH_TOKEN and stored["org_id"] == "standin-org"
    assert stored["accounts_url"] == standin.url  # overrides kept for the next commands
    assert "Stored credentials" in result.output
    assert not [s for s in _secrets(standin) if s in result.output]


def test_auth_show_masks_secrets_and_names_sources(standin, auth_env):
    runner = CliRunner()
    runner.invoke(main, ["auth", "--grant-code", GRANT_CODE], env=auth_env)
    shown = runner.invoke(main, ["auth", "--show"], env={**auth_env, "ZOHO_DC": "eu"})
    assert shown.exit_code == 0
    assert "client_secret: ******** (ZOHO_CLIENT_SECRET)" in shown.output
    assert "refresh_token: ******** (file)" in shown.output
    assert "dc: eu (ZOHO_DC)" in shown.output and "ZohoFiles.files.ALL" in shown.output
    assert not [s for s in _secrets(standin) if s in shown.output]


def test_auth_show_warns_about_a_file_others_may_read(standin, auth_env, tmp_path):
    runner = CliRunner()
    runner.invoke(main, ["auth", "--grant-code", GRANT_CODE], env=auth_env)
    path = tmp_path / "cfg" / "credentials.json"
    path.chmod(0o644)
    shown = runner.invoke(main, ["auth", "--show"], env=auth_env)
    assert f"chmod 600 {path}" in shown.output


def test_auth_with_a_refresh_token_from_a_hidden_prompt(standin, auth_env, tmp_path):
    result = CliRunner().invoke(
        main, ["auth", "--refresh-token"], env=auth_env, input=f"{REFRESH_TOKEN}\n"
    )
    assert result.exit_code == 0, result.output
    assert REFRESH_TOKEN not in result.output  # the prompt does not echo it


def test_auth_with_a_spent_grant_code_fails_with_zohos_code(standin, auth_env, tmp_path):
    result = CliRunner().invoke(main, ["auth", "--grant-code", "1000.spent"], env=auth_env)
    assert result.exit_code == 2
    assert "Zoho invalid_code" in result.output and "grant code" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "cfg" / "credentials.json").exists()


def test_auth_needs_one_source_of_a_refresh_token(auth_env):
    result = CliRunner().invoke(main, ["auth"], env=auth_env)
    assert result.exit_code == 2 and "--grant-code" in result.output


def test_auth_unreachable_accounts_is_a_network_error(auth_env):
    env = {**auth_env, "ZOHO_ACCOUNTS_URL": "http://127.0.0.1:9"}
    result = CliRunner().invoke(main, ["auth", "--grant-code", GRANT_CODE], env=env)
    assert result.exit_code == 2 and "NETWORK_ERROR" in result.output


def test_standin_refuses_an_unknown_fault():
    result = CliRunner().invoke(main, ["standin", "--fault", "meteor"])
    assert result.exit_code == 2 and "unknown fault 'meteor'" in result.output


def test_standin_help_lists_every_fault():
    result = CliRunner().invoke(main, ["standin", "--help"])
    for name in ("expired-token", "rate-limit", "server-error", "error-200", "job-failed",
                 "slow-job", "expired-link", "lost-answer", "slow-answer"):  # fmt: skip
        assert name in result.output


def test_standin_and_auth_as_real_processes(tmp_path):
    """`mapper standin --port 0` prints its URL; `mapper auth` run against it stores 0600."""
    server = subprocess.Popen(
        [sys.executable, "-m", "mapper", "standin", "--port", "0", "--fault", "server-error@org"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = server.stdout.readline()
        assert first.startswith("Zoho stand-in listening on http://127.0.0.1:"), first
        url = first.split()[4]
        lines = [server.stdout.readline() for _ in standin_environment(url)]
        exports = dict(line.removeprefix("export ").strip().split("=", 1) for line in lines)
        env = {**os.environ, **exports, "MAPPER_CREDENTIALS_FILE": str(tmp_path / "c.json")}
        env.pop("ZOHO_REFRESH_TOKEN")
        auth = subprocess.run(
            [sys.executable, "-m", "mapper", "auth", "--grant-code", GRANT_CODE],
            env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert auth.returncode == 0, auth.stderr
        assert exports["ZOHO_API_URL"] == url
        assert stat.S_IMODE((tmp_path / "c.json").stat().st_mode) == 0o600
        assert CLIENT_SECRET not in auth.stdout + auth.stderr
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C
        _, log = server.communicate(timeout=10)
    assert server.returncode == 0 and "Traceback" not in log and "stand-in stopped" in log
    # the injected 500 on GET org was retried: the log shows both answers
    assert "GET /crm/v8/org -> 500" in log and "GET /crm/v8/org -> 200" in log


def test_standin_print_env_is_what_a_shell_evaluates():
    result = CliRunner().invoke(main, ["standin", "--print-env", "--port", "9000"])
    assert result.exit_code == 0
    assert "export ZOHO_API_URL=http://127.0.0.1:9000" in result.output.splitlines()
    assert len(result.output.splitlines()) == len(standin_environment("x"))


def test_standin_port_in_use_is_a_clear_error(standin):
    port = standin.url.rsplit(":", 1)[1]
    result = CliRunner().invoke(main, ["standin", "--port", port])
    assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.output


def test_faults_through_the_control_endpoint(standin, client):
    import httpx

    answer = httpx.post(f"{standin.url}/__standin/faults", json={"faults": ["server-error@org"]})
    assert answer.status_code == 200 and answer.json()["faults"][0]["name"] == "server-error"
    bad = httpx.post(f"{standin.url}/__standin/faults", json={"faults": ["meteor"]})
    assert bad.status_code == 400 and "unknown fault" in bad.json()["message"]
    with ZohoClient(client.credentials, sleep=lambda s: None) as fresh:
        fresh.org_id()
    log = httpx.get(f"{standin.url}/__standin/requests").json()["requests"]
    assert [s for _, p, s in log if p.endswith("/org")] == [500, 200]
