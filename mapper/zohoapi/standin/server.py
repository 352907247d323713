"""The HTTP server: routing, faults, the control endpoints, and a handle for tests."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from mapper.zoho import TOKEN_PATH
from mapper.zohoapi.standin.endpoints import (
    check_token,
    create_job,
    download,
    issue_token,
    job_details,
    receive_upload,
    revoke,
)
from mapper.zohoapi.standin.state import (
    CLIENT_ID,
    CLIENT_SECRET,
    CONTROL_PREFIX,
    HOST,
    ORG_ZGID,
    REFRESH_TOKEN,
    Answer,
    Fault,
    Job,
    StandinState,
    parse_fault,
)


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
    # headers and body go out as separate writes: without this, Nagle's algorithm and the
    # client's delayed ACK hold each answer back about 40 ms on a kept-alive connection
    disable_nagle_algorithm = True
    server: StandinServer

    def log_message(self, format: str, *args: Any) -> None:  # the server's own log is quiet
        return

    def do_GET(self) -> None:
        self.handle_request("GET")

    def do_POST(self) -> None:
        self.handle_request("POST")

    def handle_request(self, method: str) -> None:
        path = urlsplit(self.path).path
        try:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        except ValueError:
            return self.reply(400, _error("INVALID_REQUEST", "the Content-Length is not a number"))
        if path.startswith(CONTROL_PREFIX):
            return self.control(method, path, body)
        endpoint = route(method, path)
        if endpoint is None:
            return self.reply(404, _error("INVALID_URL_PATTERN", _WRONG_URL))
        fault = self.server.state.take_fault(endpoint, _REQUEST_FAULTS)
        if fault and fault.name == "slow-answer":
            time.sleep(float(fault.value or 5))
        elif fault and fault.name != "lost-answer":
            return self.reply(*fault_answer(fault, endpoint, self.server.state, self.headers))
        status, answer = self.answer(endpoint, path, body)
        if fault and fault.name == "lost-answer":
            return self.drop(method, path)  # acted on, but its answer never arrives
        return self.reply(status, answer)

    def answer(self, endpoint: str, path: str, body: bytes) -> tuple[int, Any]:
        try:
            return self.dispatch(endpoint, path, body)
        except Answer as error:
            return error.status, error.body
        except Exception as error:  # a stand-in bug answers as Zoho's own failure would
            return 500, _error("INTERNAL_ERROR", f"stand-in failure: {type(error).__name__}")

    def drop(self, method: str, path: str) -> None:
        self.close_connection = True
        with self.server.state.lock:
            self.server.state.log.append((method, path, 0))

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
        if method == "POST" and path == f"{CONTROL_PREFIX}/faults":
            try:
                faults = [parse_fault(text) for text in json.loads(body or b"{}").get("faults", [])]
            except (ValueError, AttributeError) as error:
                return self.reply(400, _error("INVALID_DATA", str(error)))
            with state.lock:
                state.faults.extend(faults)
                pending = [vars(f) for f in state.faults]
            return self.reply(200, {"faults": pending})
        if method == "GET" and path == f"{CONTROL_PREFIX}/requests":
            with state.lock:
                log = [list(entry) for entry in state.log]
            return self.reply(200, {"requests": log})
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


_WRONG_URL = "Please check if the URL trying to access is a correct one"


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

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A broken connection is one line on stderr, never a traceback."""
        error = sys.exc_info()[1]
        print(f"stand-in: {client_address[0]}: {type(error).__name__}: {error}", file=sys.stderr)


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
