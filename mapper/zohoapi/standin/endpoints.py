"""What each endpoint does: tokens, the org, the upload, jobs and their details."""

from __future__ import annotations

import csv
import email.parser
import email.policy
import io
import json
import secrets
import time
import zipfile
from collections.abc import Mapping
from typing import Any

from mapper.zoho import (
    AUTH_HEADER_PREFIX,
    MAX_ZIP_BYTES,
    MODULES_NOT_IN_BULK_WRITE,
    OPERATIONS,
    ORG_HEADER,
    UPLOAD_FEATURE_HEADER,
)
from mapper.zohoapi.standin.results import build_result, catalog_module
from mapper.zohoapi.standin.state import (
    CLIENT_ID,
    CLIENT_SECRET,
    GRANT_CODE,
    ORG_ZGID,
    REFRESH_TOKEN,
    Answer,
    Job,
    StandinState,
    UploadedFile,
)


def issue_token(state: StandinState, form: Mapping[str, str]) -> dict[str, Any]:
    if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
        return {"error": "invalid_client"}
    grant = form.get("grant_type")
    if grant == "authorization_code" and form.get("code") != GRANT_CODE:
        return {"error": "invalid_code"}
    if grant == "refresh_token" and form.get("refresh_token") != REFRESH_TOKEN:
        return {"error": "invalid_code"}
    if grant not in ("authorization_code", "refresh_token"):
        return {"error": "unsupported_grant_type"}
    token = "1000.standin." + secrets.token_hex(16)
    with state.lock:
        state.tokens[token] = time.monotonic() + state.token_ttl
        state.issued.append(token)
    answer = {
        "access_token": token,
        "api_domain": state.url,
        "token_type": "Bearer",
        "expires_in": state.token_ttl,
        "scope": "ZohoCRM.bulk.ALL,ZohoCRM.modules.ALL,ZohoFiles.files.ALL,ZohoCRM.org.READ",
    }
    if grant == "authorization_code":
        answer["refresh_token"] = REFRESH_TOKEN
    return answer


def check_token(state: StandinState, headers: Mapping[str, str]) -> None:
    value = headers.get("Authorization", "")
    token = value[len(AUTH_HEADER_PREFIX) :] if value.startswith(AUTH_HEADER_PREFIX) else ""
    with state.lock:
        expiry = state.tokens.get(token)
    if expiry is None or time.monotonic() >= expiry:
        raise Answer(401, "INVALID_TOKEN", "invalid oauth token")


def revoke(state: StandinState, headers: Mapping[str, str]) -> None:
    token = headers.get("Authorization", "")[len(AUTH_HEADER_PREFIX) :]
    with state.lock:
        state.tokens.pop(token, None)


def read_csv(name: str, data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;:|")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if row]
    if not rows:
        raise Answer(
            400, "FILE_NOT_SUPPORTED", f"File not supported for bulk write: {name} is empty"
        )
    return rows


def receive_upload(state: StandinState, headers: Mapping[str, str], body: bytes) -> dict:
    check_token(state, headers)
    feature, value = UPLOAD_FEATURE_HEADER
    if headers.get(feature) != value:
        # Zoho's saved answers carry this with HTTP 200 (reference §9.3)
        raise Answer(200, "NOT_SUPPORTED_FEATURE", "Feature is not supported")
    if headers.get(ORG_HEADER) != ORG_ZGID:
        raise Answer(
            400, "INVALID_REQUEST", "check if headers [feature, X-CRM-ORG] are present and valid"
        )
    if len(body) > MAX_ZIP_BYTES:
        raise Answer(413, "FILE_TOO_LARGE", "File size too large to process")
    data = multipart_file(headers.get("Content-Type", ""), body)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
        csvs = {n: read_csv(n, archive.read(n)) for n in names}
    except zipfile.BadZipFile:
        raise Answer(
            400, "INVALID_FILE_FORMAT", "invalid file format. only zip format is supported"
        ) from None
    if not csvs:
        raise Answer(
            400, "FILE_NOT_SUPPORTED", "File not supported for bulk write: no CSV in the ZIP"
        )
    file_id = state.next_id(111_111_000_000_000_000)
    with state.lock:
        state.files[file_id] = UploadedFile(csvs)
    return {
        "status": "success",
        "code": "FILE_UPLOAD_SUCCESS",
        "message": "file uploaded.",
        "details": {"file_id": file_id, "created_time": _now()},
    }


def multipart_file(content_type: str, body: bytes) -> bytes:
    if not content_type.startswith("multipart/form-data"):
        raise Answer(400, "INVALID_FILE_FORMAT", "the ZIP must be sent as multipart/form-data")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    for part in message.iter_parts():  # type: ignore[attr-defined]
        if part.get_param("name", header="content-disposition") == "file":
            return part.get_payload(decode=True) or b""
    raise Answer(400, "INVALID_FILE_FORMAT", "no multipart part named file")


def _module_name(resource: Mapping[str, Any]) -> str:
    module = resource.get("module")
    if isinstance(module, Mapping):
        module = module.get("api_name")
    if not isinstance(module, str) or not module:
        raise Answer(
            400, "MANDATORY_NOT_FOUND", "required key module is not found in request body."
        )
    return module


def _resource_plan(state: StandinState, resource: Any, operation: str) -> dict[str, Any]:
    if not isinstance(resource, Mapping) or resource.get("type", "data") != "data":
        raise Answer(400, "INVALID_DATA", "each resource must be an object of type data")
    module = _module_name(resource)
    if module in MODULES_NOT_IN_BULK_WRITE:
        raise Answer(400, "MODULE_NOT_AVAILABLE", f"Requested module '{module}' is not available.")
    uploaded = state.files.get(str(resource.get("file_id", "")))
    if uploaded is None:
        raise Answer(400, "INVALID_FILE_ID", "improper file id", api_name="file_id")
    names = resource.get("file_names") or list(uploaded.csvs)[:1]
    if len(uploaded.csvs) > 1 and not resource.get("file_names"):
        raise Answer(400, "MANDATORY_NOT_FOUND", "Required key file_names is not available")
    name = names[0] if isinstance(names, list) and names else None
    if name not in uploaded.csvs:
        raise Answer(400, "INVALID_DATA", f"no CSV named {name!r} in the uploaded ZIP")
    rows = uploaded.csvs[name]
    mappings = resource.get("field_mappings") or [
        {"api_name": header, "index": i} for i, header in enumerate(rows[0])
    ]
    for mapping in mappings:
        index = mapping.get("index") if isinstance(mapping, Mapping) else None
        if index is not None and not (isinstance(index, int) and 0 <= index < len(rows[0])):
            raise Answer(400, "COLUMN_INDEX_NOT_FOUND", f"column index {index} is not in {name}")
    check_mandatory(module, mappings, operation)
    return {"module": module, "file_name": name, "rows": rows, "mappings": mappings}


def check_mandatory(module: str, mappings: list[Any], operation: str) -> None:
    known = catalog_module(module)
    if known is None or operation != "insert":
        return
    mapped = {m.get("api_name") for m in mappings if isinstance(m, Mapping)}
    missing = [f.api_name for f in known.mandatory_fields() if not f.conditional_mandatory]
    if any(name not in mapped for name in missing):
        raise Answer(
            400, "MANDATORY_FIELDS_NOT_MAPPED", "All mandatory fields are not mapped for the layout"
        )


def create_job(state: StandinState, headers: Mapping[str, str], body: bytes) -> dict:
    check_token(state, headers)
    try:
        job_body = json.loads(body)
    except ValueError:
        raise Answer(400, "INVALID_REQUEST", "the body is not JSON") from None
    if not isinstance(job_body, dict):
        raise Answer(400, "INVALID_REQUEST", "the body is not a JSON object")
    operation = job_body.get("operation")
    if operation not in OPERATIONS:
        raise Answer(
            400, "MANDATORY_NOT_FOUND", "required key operation is not found in request body."
        )
    resources = job_body.get("resource")
    if not isinstance(resources, list) or not resources:
        raise Answer(
            400, "MANDATORY_NOT_FOUND", "required key resource is not found in request body."
        )
    with state.lock:
        plans = [_resource_plan(state, r, operation) for r in resources]
    job = Job(state.next_id(222_222_000_000_000_000), job_body, operation, plans)
    if state.take_fault("create", ("job-failed",)):
        job.fails = True
    slow = state.take_fault("create", ("slow-job",))
    if slow:
        job.extra_polls = int(slow.value or 5)
    with state.lock:
        state.jobs[job.id] = job
    return {
        "status": "success",
        "code": "SUCCESS",
        "message": "success",
        "details": {"id": job.id, "created_by": {"id": "1", "name": "Stand-in"}},
    }


def job_status(state: StandinState, job: Job) -> str:
    step = state.polls_per_step
    if job.polls <= step:
        return "ADDED"
    if job.polls <= 2 * step + job.extra_polls:
        return "INPROGRESS"  # the samples' spelling; resources say IN PROGRESS
    return "FAILED" if job.fails else "COMPLETED"


def job_details(state: StandinState, headers: Mapping[str, str], job_id: str) -> dict:
    check_token(state, headers)
    with state.lock:
        job = state.jobs.get(job_id)
        if job is None:
            raise Answer(404, "RESOURCE_NOT_FOUND", "The requested resource doesn't exist.")
        job.polls += 1
        status = job_status(state, job)
        if status == "COMPLETED" and job.result is None:
            job.result, job.counts = build_result(job)
    answer: dict[str, Any] = {
        "status": status,
        "character_encoding": "UTF-8",
        "id": job.id,
        "operation": job.operation,
        "created_by": {"id": "1", "name": "Stand-in"},
        "created_time": _now(),
        "resource": [_resource_answer(job, i, status) for i in range(len(job.resources))],
    }
    if status == "COMPLETED":
        answer["result"] = {"download_url": f"{state.url}/download/{job.id}/{job.link_key}.zip"}
    return answer


def _resource_answer(job: Job, index: int, status: str) -> dict[str, Any]:
    plan = job.resources[index]
    total = len(plan["rows"]) - 1
    file: dict[str, Any] = {"status": status, "name": plan["file_name"]}
    if status == "INPROGRESS":
        file.update(added_count=total // 2, skipped_count=0, updated_count=0, total_count=total)
    elif status == "COMPLETED":
        file.update(job.counts[index], total_count=total)
    elif status == "FAILED":
        file.update(added_count=0, skipped_count=0, updated_count=0, total_count=total)
    word = "IN PROGRESS" if status == "INPROGRESS" else status
    file["status"] = word
    return {
        "status": word,
        "type": "data",
        "module": {"api_name": plan["module"], "id": "1"},
        "code": "SUCCESS" if status != "FAILED" else "FAILED",
        "field_mappings": plan["mappings"],
        "file": file,
    }


def download(state: StandinState, headers: Mapping[str, str], path: str) -> bytes:
    check_token(state, headers)
    parts = path.strip("/").split("/")
    with state.lock:
        job = state.jobs.get(parts[1]) if len(parts) == 3 else None
    if job is None or job.result is None or parts[2] != f"{job.link_key}.zip":
        raise Answer(
            404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"
        )
    return job.result


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
