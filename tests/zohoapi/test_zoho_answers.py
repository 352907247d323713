"""Reading Zoho's answers: status words, error shapes, Retry-After, token lifetimes."""

from __future__ import annotations

import email.utils

import pytest

from mapper.zoho import normalise_status
from mapper.zohoapi.answers import answer_error, job_details_from, retry_after_seconds
from mapper.zohoapi.client import token_from


@pytest.mark.parametrize(
    ("word", "expected"),
    [("INPROGRESS", "IN PROGRESS"), ("In Progress", "IN PROGRESS"), ("completed", "COMPLETED"),
     ("IN_PROGRESS", "IN PROGRESS"), ("ADDED", "ADDED")],
)  # fmt: skip
def test_status_words(word, expected):
    assert normalise_status(word) == expected


def test_retry_after_as_seconds_or_a_date():
    assert retry_after_seconds("3") == 3.0
    later = email.utils.formatdate(1_000_030, usegmt=True)
    assert retry_after_seconds(later, now=1_000_000) == pytest.approx(30, abs=1)
    assert retry_after_seconds("soon") is None


def test_error_shapes():
    auth = answer_error(401, {}, {"ERROR_CODE": 401, "ERROR_MESSAGE": "Unauthorized"}, "")
    assert (auth.code, auth.message) == ("401", "Unauthorized")
    wrapped = answer_error(
        400, {}, {"data": [{"code": "INVALID_DATA", "status": "error", "message": "m",
                            "details": {"api_name": "Email"}}]}, "",
    )  # fmt: skip
    assert wrapped.code == "INVALID_DATA" and "api_name=Email" in wrapped.message
    accounts = answer_error(200, {}, {"error": "invalid_code"}, "")
    assert accounts.code == "invalid_code" and "grant code" in accounts.hint
    proxy = answer_error(502, {}, None, "<html>Bad gateway</html>")
    assert proxy.code == "SERVER_ERROR" and proxy.exit_code == 2
    assert answer_error(200, {}, {"status": "success", "code": "SUCCESS"}, "") is None


def test_job_details_with_a_string_module_and_no_counts():
    details = job_details_from(
        {"status": "INPROGRESS", "resource": [{"status": "ADDED", "module": "Leads"}]}, "7"
    )
    assert (details.job_id, details.status, details.total) == ("7", "IN PROGRESS", None)
    assert details.resources[0].module == "Leads" and details.processed == 0


@pytest.mark.parametrize(
    ("body", "seconds"),
    [({"access_token": "t", "expires_in": 3600}, 3600),
     ({"access_token": "t", "expires_in": 3600000, "expires_in_sec": 3600}, 3600),
     ({"access_token": "t", "expires_in": 3600000}, 3600)],
)  # fmt: skip
def test_token_lifetimes(body, seconds):
    assert token_from(body) == ("t", seconds)
