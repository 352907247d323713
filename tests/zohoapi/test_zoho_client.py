"""The client through real HTTP against the stand-in: the whole trip and every fault."""

from __future__ import annotations

import csv
import io
import socket
import time
import zipfile
from pathlib import Path

import pytest

from mapper.zohoapi import ZohoClient, ZohoError


def _trip(client, leads_zip, insert_body, tmp_path):
    file_id = client.upload_zip(leads_zip)
    job_id = client.create_job(insert_body(file_id))
    seen = []
    for _ in range(10):
        details = client.job_details(job_id)
        seen.append(details.status)
        if details.done:
            break
    return job_id, details, seen


def _result_rows(path: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(path) as archive:
        (name,) = archive.namelist()
        assert name == "Leads-leads.csv"
        return list(csv.DictReader(io.StringIO(archive.read(name).decode())))


def test_whole_trip_moves_the_job_through_its_states_and_downloads_the_result(
    client, standin, leads_zip, insert_body, tmp_path
):
    job_id, details, seen = _trip(client, leads_zip, insert_body, tmp_path)
    assert seen == ["ADDED", "IN PROGRESS", "COMPLETED"]
    assert details.job_id == job_id and details.operation == "insert"
    (resource,) = details.resources
    assert (resource.module, resource.status, resource.file_name) == (
        "Leads",
        "COMPLETED",
        "leads.csv",
    )
    assert (resource.added, resource.skipped, details.processed, details.total) == (1, 3, 4, 4)
    dest = client.download(details.download_url, tmp_path / "out" / "result.zip")
    rows = _result_rows(dest)
    assert [r["STATUS"] for r in rows] == ["ADDED", "SKIPPED", "SKIPPED", "SKIPPED"]
    assert [r["ERRORS"] for r in rows] == [
        "",
        "MANDATORY_NOT_FOUND-Last_Name",
        "INVALID_DATA-Email",
        "DUPLICATE_DATA-Email",
    ]
    assert rows[0]["RECORD_ID"].isdigit() and rows[0]["Last_Name"] == "Smith"


def test_in_progress_reports_processed_and_total(client, standin, leads_zip, insert_body):
    job_id = client.create_job(insert_body(client.upload_zip(leads_zip)))
    client.job_details(job_id)
    progress = client.job_details(job_id)
    assert progress.status == "IN PROGRESS" and not progress.done
    assert progress.total == 4 and 0 < progress.processed < 4


def test_access_token_is_cached_until_expiry(client, standin, leads_zip, insert_body):
    _trip(client, leads_zip, insert_body, None)
    tokens = [r for r in standin.requests() if r[1] == "/oauth/v2/token"]
    assert len(tokens) == 1 and client.token_refreshes == 1


def test_a_token_near_its_expiry_is_refreshed_before_use(standin, credentials):
    standin.state.token_ttl = 1  # used for half its life, then refreshed
    with ZohoClient(credentials) as client:
        client.org_id()
        client.access_token()
        assert client.token_refreshes == 1
        time.sleep(0.6)
        client.access_token()
    assert client.token_refreshes == 2


def test_expired_token_is_refreshed_once_and_the_request_repeated(
    client, standin, leads_zip, insert_body
):
    file_id = client.upload_zip(leads_zip)
    standin.add_faults("expired-token@create")
    job_id = client.create_job(insert_body(file_id))
    assert job_id in standin.jobs and len(standin.jobs) == 1
    assert [status for _, path, status in standin.requests()[-3:]] == [401, 200, 201]
    assert client.token_refreshes == 2


def test_a_second_invalid_token_stops_with_the_auth_hint(client, standin):
    standin.add_faults("expired-token@org*2")
    with pytest.raises(ZohoError) as raised:
        client.org_id()
    error = raised.value
    assert error.code == "INVALID_TOKEN" and error.exit_code == 2
    assert "mapper auth" in error.hint
    assert client.token_refreshes == 2  # the first token and exactly one refresh


class _Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        time.sleep(seconds)


def test_429_on_a_get_is_retried_after_retry_after(standin, credentials):
    sleeps = _Sleeps()
    standin.add_faults("rate-limit=0.2@org")
    with ZohoClient(credentials, sleep=sleeps) as client:
        assert client.org_id() == "standin-org"
    assert sleeps == [0.2]


def test_429_on_an_upload_is_resent_since_zoho_did_not_take_it(standin, credentials, leads_zip):
    standin.add_faults("rate-limit=0.1@upload")
    with ZohoClient(credentials, sleep=_Sleeps()) as client:
        assert client.upload_zip(leads_zip)
    uploads = [status for _, path, status in standin.requests() if path.endswith("/upload")]
    assert uploads == [429, 200] and len(standin.state.files) == 1


def test_a_retry_after_beyond_the_budget_is_not_waited_for(standin, credentials):
    sleeps = _Sleeps()
    standin.add_faults("rate-limit=900@org")
    with (
        ZohoClient(credentials, retry_budget=30, sleep=sleeps) as client,
        pytest.raises(ZohoError) as raised,
    ):
        client.org_id()
    assert raised.value.code == "RATE_LIMITED" and raised.value.exit_code == 2
    assert raised.value.retry_after == 900 and sleeps == []


def test_one_500_on_a_get_is_retried_after_a_backoff(standin, credentials, leads_zip, insert_body):
    sleeps = _Sleeps()
    with ZohoClient(credentials, sleep=sleeps.append) as client:
        job_id = client.create_job(insert_body(client.upload_zip(leads_zip)))
        standin.add_faults("server-error@details")
        assert client.job_details(job_id).status == "ADDED"
    assert sleeps == [1.0]
    assert [s for _, p, s in standin.requests() if job_id in p] == [500, 200]


def test_500_on_a_create_is_not_resent_and_may_have_been_processed(
    client, standin, leads_zip, insert_body
):
    file_id = client.upload_zip(leads_zip)
    standin.add_faults("server-error@create")
    with pytest.raises(ZohoError) as raised:
        client.create_job(insert_body(file_id))
    assert raised.value.code == "INTERNAL_ERROR" and raised.value.maybe_processed
    assert raised.value.exit_code == 2
    assert [s for m, p, s in standin.requests() if m == "POST" and "bulk" in p] == [500]


def test_get_retries_are_bounded_in_count(standin, credentials):
    standin.add_faults("server-error@org*10")
    with (
        ZohoClient(credentials, max_retries=2, sleep=lambda s: None) as client,
        pytest.raises(ZohoError) as raised,
    ):
        client.org_id()
    assert "after 3 tries" in raised.value.message
    assert [s for _, p, s in standin.requests() if p.endswith("/org")] == [500, 500, 500]


def test_http_200_with_an_error_body_is_an_error(client, standin, leads_zip):
    standin.add_faults("error-200")
    with pytest.raises(ZohoError) as raised:
        client.upload_zip(leads_zip)
    error = raised.value
    assert (error.code, error.http_status, error.exit_code) == ("INVALID_FILE_FORMAT", 200, 1)
    assert "zip" in error.message and error.hint


def test_a_lost_create_answer_is_never_resent(client, standin, leads_zip, insert_body):
    file_id = client.upload_zip(leads_zip)
    standin.add_faults("lost-answer@create")
    with pytest.raises(ZohoError) as raised:
        client.create_job(insert_body(file_id))
    assert raised.value.code == "NO_ANSWER" and raised.value.maybe_processed
    assert len(standin.jobs) == 1  # Zoho took it; mapper must settle it, not send again
    assert [s for m, p, s in standin.requests() if m == "POST" and "bulk" in p] == [0]


def test_a_slow_answer_meets_the_explicit_timeout(standin, credentials):
    standin.add_faults("slow-answer=2@org")
    with (
        ZohoClient(credentials, timeout=0.3, max_retries=0) as client,
        pytest.raises(ZohoError) as raised,
    ):
        client.org_id()
    assert raised.value.code == "TIMEOUT" and raised.value.exit_code == 2
    assert not raised.value.maybe_processed  # a GET changes nothing


def test_failed_job(client, standin, leads_zip, insert_body):
    standin.add_faults("job-failed")
    job_id = client.create_job(insert_body(client.upload_zip(leads_zip)))
    statuses = [client.job_details(job_id) for _ in range(3)]
    assert statuses[-1].status == "FAILED" and statuses[-1].done and statuses[-1].failed
    assert statuses[-1].download_url is None
    assert statuses[-1].resources[0].status == "FAILED"


def test_slow_job_stays_in_progress_for_the_extra_polls(client, standin, leads_zip, insert_body):
    standin.add_faults("slow-job=3")
    job_id = client.create_job(insert_body(client.upload_zip(leads_zip)))
    seen = [client.job_details(job_id).status for _ in range(6)]
    assert seen == ["ADDED"] + ["IN PROGRESS"] * 4 + ["COMPLETED"]


def test_expired_download_link(client, standin, leads_zip, insert_body, tmp_path):
    _, details, _ = _trip(client, leads_zip, insert_body, tmp_path)
    standin.add_faults("expired-link")
    dest = tmp_path / "result.zip"
    with pytest.raises(ZohoError) as raised:
        client.download(details.download_url, dest)
    assert raised.value.code == "DOWNLOAD_LINK_EXPIRED" and raised.value.exit_code == 2
    assert "mapper status" in raised.value.hint
    assert not dest.exists() and not list(tmp_path.glob(".result.zip-*"))


def test_unknown_job_id(client, standin):
    with pytest.raises(ZohoError) as raised:
        client.job_details("42")
    assert (raised.value.code, raised.value.http_status) == ("RESOURCE_NOT_FOUND", 404)
    assert raised.value.exit_code == 2


@pytest.mark.parametrize(
    ("mappings", "code"),
    [
        ([{"api_name": "Company", "index": 1}], "MANDATORY_FIELDS_NOT_MAPPED"),
        ([{"api_name": "Last_Name", "index": 7}, {"api_name": "Company", "index": 1}],
         "COLUMN_INDEX_NOT_FOUND"),
    ],
)  # fmt: skip
def test_the_standin_checks_the_job_body(client, leads_zip, insert_body, mappings, code):
    file_id = client.upload_zip(leads_zip)
    with pytest.raises(ZohoError) as raised:
        client.create_job(insert_body(file_id, mappings))
    assert raised.value.code == code and raised.value.exit_code == 1


def test_an_unknown_file_id_is_refused(client, insert_body):
    with pytest.raises(ZohoError) as raised:
        client.create_job(insert_body("123"))
    assert raised.value.code == "INVALID_FILE_ID" and "upload" in raised.value.hint


def test_the_standin_refuses_a_file_that_is_not_a_zip(client, tmp_path):
    path = tmp_path / "leads.zip"
    path.write_text("Last_Name\nSmith\n")
    with pytest.raises(ZohoError) as raised:
        client.upload_zip(path)
    assert raised.value.code == "INVALID_FILE_FORMAT"


def test_wrong_client_secret(standin, tmp_path):
    from mapper.zohoapi import load_credentials

    env = {**standin.credentials, "ZOHO_CLIENT_SECRET": "wrong-secret-value"}
    creds = load_credentials(env=env, path=tmp_path / "none.json")
    with ZohoClient(creds) as client, pytest.raises(ZohoError) as raised:
        client.org_id()
    assert raised.value.code == "invalid_client" and raised.value.exit_code == 2
    assert "wrong-secret-value" not in str(raised.value)


def test_nothing_listening_is_a_network_error(credentials, tmp_path):
    from dataclasses import replace

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = f"http://127.0.0.1:{port}"
    endpoints = replace(credentials.endpoints, accounts=closed, api=closed, upload=closed)
    creds = replace(credentials, endpoints=endpoints)
    with (
        ZohoClient(creds, max_retries=1, sleep=lambda s: None) as client,
        pytest.raises(ZohoError) as raised,
    ):
        client.org_id()
    assert raised.value.code == "NETWORK_ERROR" and raised.value.exit_code == 2


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [({"X-CRM-ORG": "standin-org"}, 200, "NOT_SUPPORTED_FEATURE"),
     ({"feature": "bulk-write", "X-CRM-ORG": "another-org"}, 400, "INVALID_REQUEST"),
     ({"feature": "bulk-write", "X-CRM-ORG": "standin-org"}, 200, None)],
)  # fmt: skip
def test_the_standin_checks_the_upload_headers(client, standin, leads_zip, headers, status,
                                               code):  # fmt: skip
    import httpx

    sent = {**headers, "Authorization": f"Zoho-oauthtoken {client.access_token()}"}
    files = {"file": ("leads.zip", leads_zip.read_bytes(), "application/zip")}
    answer = httpx.post(f"{standin.url}/crm/v8/upload", headers=sent, files=files)
    assert answer.status_code == status
    assert answer.json().get("code") == (code or "FILE_UPLOAD_SUCCESS")


def test_the_standin_wants_a_token(standin, leads_zip):
    import httpx

    answer = httpx.get(f"{standin.url}/crm/v8/org")
    assert (answer.status_code, answer.json()["code"]) == (401, "INVALID_TOKEN")


def test_a_missing_zip_is_a_zoho_error_not_a_traceback(client, tmp_path):
    with pytest.raises(ZohoError) as raised:
        client.upload_zip(tmp_path / "absent.zip")
    assert raised.value.code == "BAD_FILE" and "absent.zip" in raised.value.message


def test_the_standin_answers_malformed_requests_without_breaking(client, standin):
    import httpx

    auth = {"Authorization": f"Zoho-oauthtoken {client.access_token()}"}
    with socket.create_connection(("127.0.0.1", int(standin.url.rsplit(":", 1)[1]))) as raw:
        raw.sendall(b"POST /crm/bulk/v8/write HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n")
        assert b" 400 " in raw.recv(4096).split(b"\r\n", 1)[0]
    create = f"{standin.url}/crm/bulk/v8/write"
    assert httpx.post(create, headers=auth, content=b"[1]").json()["code"] == "INVALID_REQUEST"
    upload = httpx.post(
        f"{standin.url}/crm/v8/upload",
        headers={**auth, "feature": "bulk-write", "X-CRM-ORG": "standin-org"},
        files={"other": ("a.zip", b"PK", "application/zip")},
    )
    assert upload.json()["code"] == "INVALID_FILE_FORMAT"
    assert client.org_id() == "standin-org"  # still serving
