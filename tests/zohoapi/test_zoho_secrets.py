"""No secret (client secret, refresh token, grant code, access token) reaches an output,
a log record, an error message or a file other than the 0600 credentials file."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

from mapper.cli import main
from mapper.zohoapi import ZohoClient, ZohoError
from mapper.zohoapi.standin import CLIENT_SECRET, GRANT_CODE, REFRESH_TOKEN

FAULTS = [
    ("expired-token@create*2", "create"),
    ("server-error@create", "create"),
    ("error-200", "upload"),
    ("lost-answer@upload", "upload"),
    ("rate-limit=900@details", "details"),
    ("expired-link", "download"),
    ("job-failed", "details"),
]


def _run_with_faults(standin, credentials, leads_zip, insert_body, tmp_path) -> list[str]:
    texts = []
    for fault, _ in FAULTS:
        standin.add_faults(fault)
        with ZohoClient(credentials, retry_budget=5, sleep=lambda s: None) as client:
            try:
                file_id = client.upload_zip(leads_zip)
                job_id = client.create_job(insert_body(file_id))
                details = [client.job_details(job_id) for _ in range(3)][-1]
                texts.append(repr(details))
                if details.download_url:
                    client.download(details.download_url, tmp_path / "out" / f"{job_id}.zip")
            except ZohoError as error:
                texts += [error.render(), repr(error), str(error.args)]
            texts.append(repr(client.credentials))
        standin.state.faults.clear()
    return texts


def test_secrets_never_leak(standin, credentials, leads_zip, insert_body, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    texts = _run_with_faults(standin, credentials, leads_zip, insert_body, tmp_path)
    env = {k: v for k, v in standin.credentials.items() if k != "ZOHO_REFRESH_TOKEN"}
    env["MAPPER_CREDENTIALS_FILE"] = str(tmp_path / "cfg" / "credentials.json")
    runner = CliRunner()
    for args in (["auth", "--grant-code", GRANT_CODE], ["auth", "--show"],
                 ["auth", "--grant-code", "spent"]):  # fmt: skip
        result = runner.invoke(main, args, env=env)
        texts += [result.output, repr(result.exception)]
    texts += [record.getMessage() for record in caplog.records]
    texts += [repr(entry) for entry in standin.requests()]
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.name != "credentials.json":
            texts.append(path.read_bytes().decode("latin-1"))
    secrets = [CLIENT_SECRET, REFRESH_TOKEN, GRANT_CODE, *standin.state.issued]
    assert len(standin.state.issued) >= 3  # the faults made it refresh
    blob = "\n".join(texts)
    assert caplog.records and "standin-org" in blob  # the haystack is not empty
    leaked = [secret for secret in secrets if secret in blob]
    assert not leaked


def test_an_echoed_secret_is_scrubbed_from_zohos_message(standin, credentials):
    """A server that echoes the token in its error message does not leak it through us."""
    from mapper.zohoapi.answers import answer_error

    error = answer_error(400, {}, {"code": "X", "message": f"bad {REFRESH_TOKEN}"}, "")
    assert REFRESH_TOKEN not in error.scrubbed(credentials.secrets()).render()


@pytest.mark.parametrize("fault", [f for f, _ in FAULTS])
def test_every_fault_ends_in_one_clear_message(fault, standin, credentials, leads_zip,
                                               insert_body, tmp_path):  # fmt: skip
    standin.add_faults(fault)
    outcome = None
    with ZohoClient(credentials, retry_budget=5, sleep=lambda s: None) as client:
        try:
            job_id = client.create_job(insert_body(client.upload_zip(leads_zip)))
            details = [client.job_details(job_id) for _ in range(3)][-1]
            outcome = details.status
            if details.download_url:
                client.download(details.download_url, tmp_path / "r.zip")
        except ZohoError as error:
            outcome = error
    if fault == "job-failed":
        assert outcome == "FAILED"
        return
    assert isinstance(outcome, ZohoError), fault
    text = outcome.render()
    assert text.startswith(f"Zoho {outcome.code}") and "\n" not in text
    assert outcome.exit_code in (1, 2) and outcome.hint
