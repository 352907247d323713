"""Reading Zoho's answers: an error body into a ZohoError, a job-details body into JobDetails.

Pure functions over status, headers and parsed JSON, so the stand-in's tests and the client
share one reading. Zoho signals errors three ways (reference §9.3): an HTTP 4xx/5xx with
``code``/``message``/``details``, an HTTP 200 whose body says ``"status": "error"``, and the
accounts server's ``{"error": "invalid_code"}``.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mapper.zoho import JOB_DONE_STATUSES, normalise_status
from mapper.zohoapi.errors import ZohoError

_DETAIL_KEYS = ("api_name", "json_path", "index", "module", "supported_callback_methods")


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment - (time.time() if now is None else now))


def _error_record(body: Any) -> Mapping[str, Any] | None:
    """The part of a JSON body that describes an error, or None when it reports success."""
    if not isinstance(body, Mapping):
        return None
    data = body.get("data")
    if isinstance(data, list) and data and isinstance(data[0], Mapping):
        first = data[0]
        if str(first.get("status", "")).lower() == "error":
            return first
    if str(body.get("status", "")).lower() == "error" or "error" in body:
        return body
    if "ERROR_CODE" in body or (
        "code" in body and str(body.get("status", "")).lower() != "success"
    ):
        return body
    return None


def _details_text(details: Any) -> str:
    if not isinstance(details, Mapping):
        return ""
    parts = [f"{key}={details[key]}" for key in _DETAIL_KEYS if details.get(key) is not None]
    return f" ({', '.join(parts)})" if parts else ""


def answer_error(status: int, headers: Mapping[str, str], body: Any, text: str) -> ZohoError | None:
    """The error an answer carries, or None for a success. ``body`` is the parsed JSON
    (None when the answer is not JSON); ``text`` the raw text, used only when it is not."""
    record = _error_record(body)
    if record is None and status < 400:
        return None
    retry_after = retry_after_seconds(headers.get("retry-after"))
    if record is None:
        code = {429: "TOO_MANY_REQUESTS"}.get(status, "SERVER_ERROR" if status >= 500 else "")
        snippet = " ".join(text.split())[:200] or "no body"
        return ZohoError(
            code or f"HTTP_{status}", snippet, http_status=status, retry_after=retry_after
        )
    code = record.get("code") or record.get("error") or record.get("ERROR_CODE") or status
    message = record.get("message") or record.get("ERROR_MESSAGE") or record.get("error") or ""
    return ZohoError(
        str(code),
        f"{message}{_details_text(record.get('details'))}",
        http_status=status,
        retry_after=retry_after,
    )


@dataclass(frozen=True)
class ResourceDetails:
    """One resource (module) of a job, as its details report it."""

    module: str | None
    status: str  # normalised: ADDED, IN PROGRESS, COMPLETED, SKIPPED, FAILED
    code: str | None
    file_name: str | None
    added: int
    updated: int
    skipped: int
    total: int | None


@dataclass(frozen=True)
class JobDetails:
    """A bulk-write job's details (GET /crm/bulk/{version}/write/{job_id})."""

    job_id: str
    status: str  # normalised: ADDED, IN PROGRESS, COMPLETED, FAILED, or Zoho's word
    operation: str | None
    resources: tuple[ResourceDetails, ...]
    download_url: str | None  # result.download_url, a job-level key in Zoho's answer
    processed: int  # added + updated + skipped over the resources
    total: int | None  # total_count over the resources, when every one reports it

    @property
    def done(self) -> bool:
        return self.status in JOB_DONE_STATUSES

    @property
    def failed(self) -> bool:
        return self.status == "FAILED"


def _count(values: Mapping[str, Any], key: str) -> int | None:
    value = values.get(key)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _resource(raw: Mapping[str, Any]) -> ResourceDetails:
    module = raw.get("module")
    if isinstance(module, Mapping):  # {api_name, id} from v2.1 on; a string in v2
        module = module.get("api_name")
    file = raw.get("file") if isinstance(raw.get("file"), Mapping) else {}
    return ResourceDetails(
        module=str(module) if module else None,
        status=normalise_status(str(raw.get("status") or file.get("status") or "")),
        code=str(raw["code"]) if raw.get("code") else None,
        file_name=str(file["name"]) if file.get("name") else None,
        added=_count(file, "added_count") or 0,
        updated=_count(file, "updated_count") or 0,
        skipped=_count(file, "skipped_count") or 0,
        total=_count(file, "total_count"),
    )


def job_details_from(body: Any, job_id: str) -> JobDetails:
    """JobDetails from the answer's JSON; the job may also come wrapped as ``data[0]``."""
    if isinstance(body, Mapping) and isinstance(body.get("data"), list) and body["data"]:
        body = body["data"][0]
    if not isinstance(body, Mapping) or "status" not in body:
        raise ZohoError("BAD_ANSWER", "the job details carry no status", http_status=200)
    resources = tuple(
        _resource(raw) for raw in body.get("resource") or () if isinstance(raw, Mapping)
    )
    result = body.get("result") if isinstance(body.get("result"), Mapping) else {}
    totals = [resource.total for resource in resources]
    return JobDetails(
        job_id=str(body.get("id") or job_id),
        status=normalise_status(str(body["status"])),
        operation=str(body["operation"]) if body.get("operation") else None,
        resources=resources,
        download_url=str(result["download_url"]) if result.get("download_url") else None,
        processed=sum(r.added + r.updated + r.skipped for r in resources),
        total=sum(t for t in totals if t is not None) if totals and None not in totals else None,
    )
