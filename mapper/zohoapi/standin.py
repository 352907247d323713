"""A stand-in Zoho on 127.0.0.1: token, org, upload, create-job, job-details and download.

It plays Zoho's answers as docs/zoho-api.md records them, checks what a client sends (the
token, the upload headers, the ZIP and its CSVs, the job body), moves each job from ADDED
through IN PROGRESS to COMPLETED over polls, and builds the result ZIP from the uploaded CSV
with the built-in catalog's mandatory, unique and email fields deciding which rows fail.
Faults are asked for by name (see FAULTS) when starting it or through
``POST /__standin/faults``. Standard library only: the stand-in needs no HTTP client.
"""

from __future__ import annotations

import csv
import email.parser
import email.policy
import io
import itertools
import json
import secrets
import threading
import time
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from mapper.zoho import (
    AUTH_HEADER_PREFIX,
    MAX_ZIP_BYTES,
    MODULES_NOT_IN_BULK_WRITE,
    OPERATIONS,
    ORG_HEADER,
    TOKEN_PATH,
    UPLOAD_FEATURE_HEADER,
)

HOST = "127.0.0.1"
CLIENT_ID = "standin-client"
CLIENT_SECRET = "standin-secret"
REFRESH_TOKEN = "standin-refresh"
GRANT_CODE = "standin-grant"
ORG_ZGID = "standin-org"

# fault name -> (default value, default endpoint, what it does); endpoints: token, org,
# upload, create, details, download, or "crm" for the next call to any CRM endpoint
FAULTS = {
    "expired-token": (None, "crm", "401 INVALID_TOKEN: the access token is revoked"),
    "rate-limit": ("1", "crm", "429 with Retry-After VALUE seconds"),
    "server-error": (None, "crm", "one 500 INTERNAL_ERROR"),
    "error-200": (None, "upload", "HTTP 200 whose body has status error"),
    "lost-answer": (None, "create", "acts on the request, then drops the connection"),
    "slow-answer": ("5", "details", "answers after VALUE seconds"),
    "job-failed": (None, "create", "the job created next ends FAILED"),
    "slow-job": ("5", "create", "the job created next stays IN PROGRESS VALUE more polls"),
    "expired-link": (None, "download", "403: the result link is no longer valid"),
}
ENDPOINTS = ("token", "org", "upload", "create", "details", "download")
_CONTROL = "/__standin"


@dataclass
class Fault:
    name: str
    endpoint: str
    value: str | None
    times: int = 1

    def matches(self, endpoint: str) -> bool:
        return self.endpoint == endpoint or (self.endpoint == "crm" and endpoint != "token")


def parse_fault(text: str) -> Fault:
    """``NAME[=VALUE][@ENDPOINT][*TIMES]``, e.g. ``rate-limit=2@details*3``."""
    spec, _, times = text.strip().partition("*")
    spec, _, endpoint = spec.partition("@")
    name, _, value = spec.partition("=")
    if name not in FAULTS:
        raise ValueError(f"unknown fault {name!r} (known: {', '.join(FAULTS)})")
    default_value, default_endpoint, _ = FAULTS[name]
    endpoint = endpoint or default_endpoint
    if endpoint not in (*ENDPOINTS, "crm"):
        raise ValueError(
            f"unknown endpoint {endpoint!r} in {text!r} (known: {', '.join(ENDPOINTS)})"
        )
    if times and not times.isdigit():
        raise ValueError(f"fault repeat count must be a number in {text!r}")
    return Fault(name, endpoint, value or default_value, int(times or 1))


@dataclass
class UploadedFile:
    csvs: dict[str, list[list[str]]]  # CSV name in the ZIP -> rows, header first


@dataclass
class Job:
    id: str
    body: dict[str, Any]
    operation: str
    resources: list[dict[str, Any]]  # module, file name, rows, mappings
    polls: int = 0
    extra_polls: int = 0
    fails: bool = False
    result: bytes | None = None
    counts: list[dict[str, int]] = field(default_factory=list)
    link_key: str = field(default_factory=lambda: secrets.token_hex(8))


class Answer(Exception):
    """An error answer, raised anywhere in a handler."""

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"code": code, "details": details, "message": message, "status": "error"}


class StandinState:
    """Everything the server knows; one lock guards it (the server is threaded)."""

    def __init__(self, faults: Iterable[str], token_ttl: int, polls_per_step: int) -> None:
        self.lock = threading.Lock()
        self.faults = [parse_fault(text) for text in faults]
        self.token_ttl = token_ttl
        self.polls_per_step = max(1, polls_per_step)
        self.tokens: dict[str, float] = {}
        self.issued: list[str] = []  # every access token ever issued, for secrecy tests
        self.files: dict[str, UploadedFile] = {}
        self.jobs: dict[str, Job] = {}
        self.log: list[tuple[str, str, int]] = []
        self.ids = itertools.count(1)
        self.url = ""

    def next_id(self, base: int) -> str:
        return str(base + next(self.ids))

    def take_fault(self, endpoint: str, names: Iterable[str] | None = None) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.matches(endpoint) and (names is None or fault.name in names):
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
        return None


# --- what each endpoint does ---


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


def _catalog_module(module: str) -> Any:
    from mapper.catalog import builtin_catalog  # lazily: only a job's rows need it

    return builtin_catalog().module(module)


def check_mandatory(module: str, mappings: list[Any], operation: str) -> None:
    known = _catalog_module(module)
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


def build_result(job: Job) -> tuple[bytes, list[dict[str, int]]]:
    """The result ZIP: per resource a `<module>-<csv>` CSV of the first three mapped
    columns, then STATUS, RECORD_ID, ERRORS (reference §7.2)."""
    buffer = io.BytesIO()
    counts = []
    record_ids = itertools.count(5_555_000_000_000_001)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for plan in job.resources:
            text, count = result_csv(plan, job.operation, record_ids)
            stem = plan["file_name"].rsplit("/", 1)[-1].removesuffix(".csv")
            archive.writestr(f"{plan['module']}-{stem}.csv", text)
            counts.append(count)
    return buffer.getvalue(), counts


def row_errors(
    row: list[str], checks: list[tuple[str, int, str]], seen: dict[int, set[str]]
) -> list[str]:
    """``CODE-header`` for each failing check: (kind, column index, header)."""
    errors = []
    for kind, index, header in checks:
        value = row[index].strip() if index < len(row) else ""
        if kind == "mandatory" and not value:
            errors.append(f"MANDATORY_NOT_FOUND-{header}")
        elif kind == "email" and value and "@" not in value:
            errors.append(f"INVALID_DATA-{header}")
        elif kind == "unique" and value:
            if value in seen.setdefault(index, set()):
                errors.append(f"DUPLICATE_DATA-{header}")
            seen[index].add(value)
    return errors


def _checks(plan: Mapping[str, Any], operation: str) -> list[tuple[str, int, str]]:
    known = _catalog_module(plan["module"])
    header = plan["rows"][0]
    checks = []
    for mapping in plan["mappings"]:
        index = mapping.get("index")
        field_ = known.field(mapping.get("api_name", "")) if known else None
        if index is None or field_ is None:
            continue
        if field_.mandatory and not field_.conditional_mandatory and operation == "insert":
            checks.append(("mandatory", index, header[index]))
        if field_.data_type == "email":
            checks.append(("email", index, header[index]))
        if field_.unique:
            checks.append(("unique", index, header[index]))
    return checks


def result_csv(
    plan: Mapping[str, Any], operation: str, record_ids: Iterable[int]
) -> tuple[str, dict[str, int]]:
    rows = plan["rows"]
    shown = list(dict.fromkeys(m["index"] for m in plan["mappings"] if m.get("index") is not None))[
        :3
    ]
    checks = _checks(plan, operation)
    done_word = "Updated" if operation == "update" else "Added"
    counts = {"added_count": 0, "updated_count": 0, "skipped_count": 0}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([rows[0][i] for i in shown] + ["STATUS", "RECORD_ID", "ERRORS"])
    seen: dict[int, set[str]] = {}
    ids = iter(record_ids)
    for row in rows[1:]:
        errors = row_errors(row, checks, seen)
        cells = [row[i] if i < len(row) else "" for i in shown]
        if errors:
            counts["skipped_count"] += 1
            writer.writerow([*cells, "Skipped", "", ":".join(errors)])
        else:
            counts["updated_count" if operation == "update" else "added_count"] += 1
            writer.writerow([*cells, done_word, str(next(ids)), ""])
    return out.getvalue(), counts


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


# --- the HTTP server ---


def route(method: str, path: str) -> str | None:
    """Which endpoint a request is for, by Zoho's paths (any API version)."""
    parts = path.strip("/").split("/")
    if method == "POST" and path == TOKEN_PATH:
        return "token"
    if parts[:1] == ["download"] and method == "GET":
        return "download"
    if parts[:1] != ["crm"] or len(parts) < 3:
        return None
    if parts[1] == "bulk" and len(parts) >= 4 and parts[3] == "write":
        if method == "POST" and len(parts) == 4:
            return "create"
        return "details" if method == "GET" and len(parts) == 5 else None
    if len(parts) == 3 and parts[2] == "org" and method == "GET":
        return "org"
    return "upload" if len(parts) == 3 and parts[2] == "upload" and method == "POST" else None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: StandinServer

    def log_message(self, format: str, *args: Any) -> None:  # the server's own log is quiet
        return

    def do_GET(self) -> None:
        self.handle_request("GET")

    def do_POST(self) -> None:
        self.handle_request("POST")

    def handle_request(self, method: str) -> None:
        state = self.server.state
        path = urlsplit(self.path).path
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if path.startswith(_CONTROL):
            return self.control(method, path, body)
        endpoint = route(method, path)
        if endpoint is None:
            return self.reply(
                404,
                _error(
                    "INVALID_URL_PATTERN",
                    "Please check if the URL trying to access is a correct one",
                ),
            )
        fault = state.take_fault(endpoint, _REQUEST_FAULTS)
        if fault and fault.name == "slow-answer":
            time.sleep(float(fault.value or 5))
            fault = None
        if fault and fault.name != "lost-answer":
            return self.reply(*fault_answer(fault, endpoint, state, self.headers))
        try:
            status, answer = self.dispatch(endpoint, path, body)
        except Answer as error:
            status, answer = error.status, error.body
        if fault:  # lost-answer: the request was acted on, its answer never arrives
            self.close_connection = True
            with state.lock:
                state.log.append((method, path, 0))
            return None
        return self.reply(status, answer)

    def dispatch(self, endpoint: str, path: str, body: bytes) -> tuple[int, Any]:
        state, headers = self.server.state, self.headers
        if endpoint == "token":
            query = parse_qs(urlsplit(self.path).query)
            form = {k: v[-1] for k, v in {**query, **parse_qs(body.decode("latin-1"))}.items()}
            return 200, issue_token(state, form)
        if endpoint == "org":
            check_token(state, headers)
            return 200, {"org": [{"zgid": ORG_ZGID, "id": "1", "company_name": "Stand-in"}]}
        if endpoint == "upload":
            return 200, receive_upload(state, headers, body)
        if endpoint == "create":
            return 201, create_job(state, headers, body)
        if endpoint == "details":
            return 200, job_details(state, headers, path.rstrip("/").rsplit("/", 1)[-1])
        return 200, download(state, headers, path)

    def control(self, method: str, path: str, body: bytes) -> None:
        state = self.server.state
        if method == "POST" and path == f"{_CONTROL}/faults":
            try:
                faults = [parse_fault(text) for text in json.loads(body or b"{}").get("faults", [])]
            except (ValueError, AttributeError) as error:
                return self.reply(400, _error("INVALID_DATA", str(error)))
            with state.lock:
                state.faults.extend(faults)
            return self.reply(200, {"faults": [vars(f) for f in state.faults]})
        if method == "GET" and path == f"{_CONTROL}/requests":
            with state.lock:
                return self.reply(200, {"requests": [list(entry) for entry in state.log]})
        return self.reply(404, _error("INVALID_URL_PATTERN", f"no control endpoint {path}"))

    def reply(self, status: int, answer: Any, headers: Mapping[str, str] | None = None) -> None:
        if isinstance(answer, bytes):
            content, kind = answer, "application/zip"
        elif isinstance(answer, str):
            content, kind = answer.encode(), "text/plain; charset=utf-8"
        else:
            content, kind = json.dumps(answer).encode(), "application/json;charset=utf-8"
        # logged before answering, so a client that has the answer finds it in the log
        with self.server.state.lock:
            self.server.state.log.append((self.command, urlsplit(self.path).path, status))
        if self.server.on_request:
            self.server.on_request(self.command, urlsplit(self.path).path, status)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(content)


_REQUEST_FAULTS = (
    "expired-token",
    "rate-limit",
    "server-error",
    "error-200",
    "lost-answer",
    "slow-answer",
    "expired-link",
)


def _error(code: str, message: str) -> dict[str, Any]:
    return {"code": code, "details": {}, "message": message, "status": "error"}


def fault_answer(
    fault: Fault, endpoint: str, state: StandinState, headers: Mapping[str, str]
) -> tuple[int, Any, dict[str, str]]:
    if fault.name == "expired-token":
        revoke(state, headers)
        return 401, _error("INVALID_TOKEN", "invalid oauth token"), {}
    if fault.name == "rate-limit":
        wait = fault.value or "1"
        return (
            429,
            _error("TOO_MANY_REQUESTS", "too many requests, retry later"),
            {"Retry-After": wait},
        )
    if fault.name == "server-error":
        return 500, _error("INTERNAL_ERROR", "Internal Server Error"), {}
    if fault.name == "expired-link":
        return 403, "Link not valid", {}
    code = "INVALID_FILE_FORMAT" if endpoint == "upload" else "INTERNAL_ERROR"
    return (
        200,
        _error(
            code,
            "invalid file format. only zip format is supported"
            if endpoint == "upload"
            else "Internal server error occurred.",
        ),
        {},
    )


class StandinServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, state: StandinState, on_request: Any = None) -> None:
        super().__init__((HOST, port), Handler)
        self.state = state
        self.on_request = on_request
        state.url = f"http://{HOST}:{self.server_address[1]}"


@dataclass
class StandinHandle:
    """A running stand-in: its URL, the environment a client needs, and how to stop it."""

    server: StandinServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return self.server.state.url

    @property
    def state(self) -> StandinState:
        return self.server.state

    @property
    def jobs(self) -> dict[str, Job]:
        return self.server.state.jobs

    @property
    def credentials(self) -> dict[str, str]:
        return standin_environment(self.url)

    def add_faults(self, *faults: str) -> None:
        parsed = [parse_fault(text) for text in faults]
        with self.state.lock:
            self.state.faults.extend(parsed)

    def requests(self) -> list[tuple[str, str, int]]:
        with self.state.lock:
            return list(self.state.log)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> StandinHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def standin_environment(url: str) -> dict[str, str]:
    """The environment variables that point mapper at a stand-in on ``url``."""
    return {
        "ZOHO_CLIENT_ID": CLIENT_ID,
        "ZOHO_CLIENT_SECRET": CLIENT_SECRET,
        "ZOHO_REFRESH_TOKEN": REFRESH_TOKEN,
        "ZOHO_ACCOUNTS_URL": url,
        "ZOHO_API_URL": url,
        "ZOHO_CONTENT_URL": url,
    }


def make_server(
    port: int = 0,
    faults: Iterable[str] = (),
    *,
    token_ttl: int = 3600,
    polls_per_step: int = 1,
    on_request: Any = None,
) -> StandinServer:
    """The server, bound to 127.0.0.1:``port`` (0: any free port), not yet serving."""
    return StandinServer(port, StandinState(faults, token_ttl, polls_per_step), on_request)


def start_standin(
    port: int = 0,
    faults: Iterable[str] = (),
    *,
    token_ttl: int = 3600,
    polls_per_step: int = 1,
) -> StandinHandle:
    """Serve a stand-in in a background thread (for tests); ``.stop()`` ends it."""
    server = make_server(port, faults, token_ttl=token_ttl, polls_per_step=polls_per_step)
    # a short poll interval: stop() returns within 50 ms
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="zoho-standin", daemon=True
    )
    thread.start()
    return StandinHandle(server, thread)
