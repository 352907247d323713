"""The Zoho CRM bulk-write client over httpx: token, org id, upload, create, details, download.

Every request has an explicit timeout. Only requests that cannot change anything twice are
retried on their own (GETs, and the token refresh): on a dropped connection, a timeout, a
5xx or a 429, at most ``max_retries`` times within ``retry_budget`` seconds, honouring
``Retry-After``. A POST that creates something (upload, job) is sent again only when Zoho's
answer proves it was not acted on: a 429, an ``INVALID_TOKEN`` (after the one refresh), or
a connection that never opened. Its lost answer is a ZohoError with ``maybe_processed``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from mapper import __version__
from mapper.files import write_atomic
from mapper.zoho import (
    AUTH_HEADER_PREFIX,
    BULK_WRITE_JOB_PATH,
    BULK_WRITE_PATH,
    DEFAULT_API_VERSION,
    ORG_HEADER,
    ORG_PATH,
    TOKEN_PATH,
    UPLOAD_FEATURE_HEADER,
    UPLOAD_PATH,
)
from mapper.zohoapi.answers import JobDetails, answer_error, job_details_from
from mapper.zohoapi.credentials import Credentials, Endpoints
from mapper.zohoapi.errors import ZohoError

TOKEN_MARGIN = 60.0  # refresh this long (at most half its life) before a token expires
# hosts a result link may point at and still be given the token (Zoho's download-accl.*)
_ZOHO_DOMAINS = ("zoho.", "zohoapis.", "zohocloud.")


class _Transport:
    """One httpx client plus the retry policy; knows nothing of Zoho's endpoints."""

    def __init__(
        self,
        *,
        timeout: float,
        max_retries: int,
        retry_budget: float,
        secrets: tuple[str, ...] = (),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            headers={"User-Agent": f"mapper/{__version__}"},
        )
        self.max_retries = max_retries
        self.retry_budget = retry_budget
        self.secrets = secrets
        self.sleep = sleep
        self.requests_sent = 0

    def close(self) -> None:
        self.http.close()

    def send_once(self, method: str, url: str, **kwargs: Any) -> httpx.Response | ZohoError:
        """One request: its answer, or the error its failure stands for (not raised)."""
        host = urlsplit(url).netloc
        try:
            self.requests_sent += 1
            return self.http.request(method, url, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            # the connection never opened: nothing was sent, so anything may be resent
            return ZohoError(
                "NETWORK_ERROR",
                f"cannot connect to {host}: {_reason(error)}",
                hint="check the network, the data centre (ZOHO_DC) and ZOHO_*_URL overrides",
            )
        except httpx.TimeoutException:
            return ZohoError(
                "TIMEOUT",
                f"{method} {host}{urlsplit(url).path} had no answer in time",
                hint=_lost_hint(method, "Zoho or the network is slow; try again"),
                maybe_processed=method != "GET",
            )
        except httpx.TransportError as error:
            return ZohoError(
                "NO_ANSWER",
                f"{method} {host}{urlsplit(url).path} lost its answer: {_reason(error)}",
                hint=_lost_hint(method, "the connection dropped; try again"),
                maybe_processed=method != "GET",
            )

    def error_of(self, answer: httpx.Response | ZohoError) -> ZohoError | None:
        if isinstance(answer, ZohoError):
            return answer.scrubbed(self.secrets)
        body = _json_or_none(answer)
        # the text only matters for an error without JSON; a result ZIP is never decoded
        text = _text(answer) if answer.status_code >= 400 else ""
        error = answer_error(answer.status_code, answer.headers, body, text)
        return error.scrubbed(self.secrets) if error else None

    def may_retry(self, error: ZohoError, idempotent: bool) -> bool:
        if error.code == "NETWORK_ERROR" or error.http_status == 429:
            return True
        server_side = error.http_status is not None and error.http_status >= 500
        return idempotent and (server_side or error.code in ("TIMEOUT", "NO_ANSWER"))

    def wait_before_retry(self, error: ZohoError, attempt: int, deadline: float) -> bool:
        """Sleep before try ``attempt + 1``; False when the count or time budget is spent."""
        if attempt > self.max_retries:
            return False
        wait = (
            error.retry_after if error.retry_after is not None else min(2.0 ** (attempt - 1), 30.0)
        )
        if time.monotonic() + wait > deadline:
            return False
        self.sleep(wait)
        return True


class ZohoClient:
    """Talks to one org's bulk-write API with a self client's credentials."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        api_version: str = DEFAULT_API_VERSION,
        timeout: float = 30.0,
        upload_timeout: float = 300.0,
        max_retries: int = 4,
        retry_budget: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.credentials = credentials
        self.api_version = api_version
        self.upload_timeout = upload_timeout
        self._transport = _Transport(
            timeout=timeout,
            max_retries=max_retries,
            retry_budget=retry_budget,
            secrets=credentials.secrets(),
            sleep=sleep,
        )
        self._token: str | None = None
        self._token_expiry = 0.0
        self._org_id = credentials.org_id
        self.token_refreshes = 0

    def __enter__(self) -> ZohoClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._transport.close()

    @property
    def endpoints(self) -> Endpoints:
        return self.credentials.endpoints

    @property
    def requests_sent(self) -> int:
        return self._transport.requests_sent

    # --- the token ---

    def access_token(self) -> str:
        """The cached access token, refreshed when it is missing or about to expire."""
        if self._token is None or time.monotonic() >= self._token_expiry:
            self._refresh_token()
        assert self._token is not None
        return self._token

    def _refresh_token(self) -> None:
        creds = self.credentials
        form = {
            "grant_type": "refresh_token",
            "client_id": creds.client_id,
            "client_secret": creds.client_secret,
            "refresh_token": creds.refresh_token,
        }
        url = creds.endpoints.accounts + TOKEN_PATH
        body = self._call("POST", url, idempotent=True, authorised=False, data=form)
        token, lifetime = token_from(body)
        self._transport.secrets = (*creds.secrets(), token)
        self._token = token
        self._token_expiry = time.monotonic() + lifetime - min(TOKEN_MARGIN, lifetime / 2)
        self.token_refreshes += 1

    # --- requests ---

    def _call(
        self,
        method: str,
        url: str,
        *,
        idempotent: bool,
        authorised: bool = True,
        headers: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Send with the retry policy; the answer's JSON (None for an empty body)."""
        response = self._response(method, url, idempotent, authorised, headers, **kwargs)
        try:
            return response.json() if response.content else None
        except ValueError:
            raise ZohoError(
                "BAD_ANSWER", f"not JSON: {_text(response)[:200]}", http_status=response.status_code
            ) from None

    def _response(
        self,
        method: str,
        url: str,
        idempotent: bool,
        authorised: bool,
        headers: Mapping[str, str] | None,
        **kwargs: Any,
    ) -> httpx.Response:
        transport = self._transport
        deadline = time.monotonic() + transport.retry_budget
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            sent = dict(headers or {})
            if authorised:
                sent["Authorization"] = AUTH_HEADER_PREFIX + self.access_token()
            answer = transport.send_once(method, url, headers=sent, **kwargs)
            error = transport.error_of(answer)
            if error is None:
                assert isinstance(answer, httpx.Response)
                return answer
            if error.code == "INVALID_TOKEN" and authorised and not refreshed:
                refreshed = True  # refused before it was acted on: refresh once, send again
                self._token = None
                continue
            if not transport.may_retry(error, idempotent):
                raise _settled(error, idempotent)
            if not transport.wait_before_retry(error, attempt, deadline):
                raise _exhausted(error, attempt)

    def org_id(self) -> str:
        """The org's zgid for X-CRM-ORG: from the credentials, else GET /crm/{v}/org."""
        if self._org_id is None:
            url = self.endpoints.api + ORG_PATH.format(version=self.api_version)
            body = self._call("GET", url, idempotent=True)
            try:
                self._org_id = str(body["org"][0]["zgid"])
            except (KeyError, IndexError, TypeError):
                raise ZohoError(
                    "BAD_ANSWER",
                    "the org answer has no org[0].zgid",
                    hint="set ZOHO_ORG_ID (the org's zgid) or `mapper auth --org-id`",
                ) from None
        return self._org_id

    def upload_zip(self, path: Path) -> str:
        """Upload the bulk-write ZIP; Zoho's file_id for the job's resources."""
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise ZohoError("BAD_FILE", f"cannot read {path}: {error.strerror or error}") from None
        headers = {UPLOAD_FEATURE_HEADER[0]: UPLOAD_FEATURE_HEADER[1], ORG_HEADER: self.org_id()}
        url = self.endpoints.upload + UPLOAD_PATH.format(version=self.api_version)
        body = self._call(
            "POST",
            url,
            idempotent=False,
            headers=headers,
            files={"file": (Path(path).name, data, "application/zip")},
            timeout=self.upload_timeout,
        )
        return _detail(body, "file_id", "upload")

    def create_job(self, body: Mapping[str, Any]) -> str:
        """Create the bulk-write job; its id."""
        url = self.endpoints.api + BULK_WRITE_PATH.format(version=self.api_version)
        answer = self._call("POST", url, idempotent=False, json=dict(body))
        return _detail(answer, "id", "create-job")

    def job_details(self, job_id: str) -> JobDetails:
        path = BULK_WRITE_JOB_PATH.format(version=self.api_version, job_id=job_id)
        return job_details_from(
            self._call("GET", self.endpoints.api + path, idempotent=True), job_id
        )

    def download(self, url: str, dest: Path) -> Path:
        """Fetch the result ZIP at ``url`` (a job's download_url) into ``dest``, atomically."""
        url = urljoin(self.endpoints.api + "/", url)  # a relative link: its host is UNCONFIRMED
        try:
            response = self._response("GET", url, True, self._trusted(url), None)
        except ZohoError as error:
            raise _expired_link(error) from None
        if not _is_zip(response.content):
            raise ZohoError(
                "BAD_ANSWER", "the result is not a ZIP file", http_status=response.status_code
            )
        try:
            return _write_atomically(Path(dest), response.content)
        except OSError as error:
            raise ZohoError("BAD_FILE", f"cannot write {dest}: {error.strerror or error}") from None

    def _trusted(self, url: str) -> bool:
        """Whether ``url``'s host may see the token: a configured host or Zoho's own."""
        host = urlsplit(url).hostname or ""
        configured = {urlsplit(base).hostname for base in vars(self.endpoints).values()}
        return host in configured or any(f".{d}" in f".{host}" for d in _ZOHO_DOMAINS)


def exchange_grant_code(
    endpoints: Endpoints, client_id: str, client_secret: str, code: str, *, timeout: float = 30.0
) -> str:
    """Trade a self client's grant code for a refresh token (the code works once)."""
    transport = _Transport(
        timeout=timeout, max_retries=1, retry_budget=30.0, secrets=(client_secret, code)
    )
    form = {
        "grant_type": "authorization_code",
        "client_id": client_id,
        "client_secret": client_secret,
        "code": code,
    }
    try:
        deadline = time.monotonic() + transport.retry_budget
        attempt = 0
        while True:
            attempt += 1
            answer = transport.send_once("POST", endpoints.accounts + TOKEN_PATH, data=form)
            error = transport.error_of(answer)
            if error is None:
                break
            # a used grant code is spent: only a connection that never opened is retried
            if error.code != "NETWORK_ERROR" or not transport.wait_before_retry(
                error, attempt, deadline
            ):
                raise error
    finally:
        transport.close()
    assert isinstance(answer, httpx.Response)
    token = answer.json().get("refresh_token") if _is_json_object(answer) else None
    if not token:
        raise ZohoError(
            "BAD_ANSWER",
            "the token answer has no refresh_token",
            hint="make the grant code again with access type offline (a self client does)",
        )
    return str(token)


def token_from(body: Any) -> tuple[str, float]:
    """The access token and its lifetime in seconds from Zoho's token answer."""
    if not isinstance(body, Mapping) or not body.get("access_token"):
        raise ZohoError("BAD_ANSWER", "the token answer has no access_token")
    # current answers give expires_in in seconds; older ones gave milliseconds there and
    # seconds in expires_in_sec (docs/zoho-api.md)
    lifetime = body.get("expires_in_sec") or body.get("expires_in") or 3600
    try:
        seconds = float(lifetime)
    except (TypeError, ValueError):
        seconds = 3600.0
    return str(body["access_token"]), seconds / 1000 if seconds > 86_400 else seconds


def _detail(body: Any, key: str, what: str) -> str:
    details = body.get("details") if isinstance(body, Mapping) else None
    if not isinstance(details, Mapping) or details.get(key) in (None, ""):
        raise ZohoError("BAD_ANSWER", f"the {what} answer has no details.{key}")
    return str(details[key])


def _settled(error: ZohoError, idempotent: bool) -> ZohoError:
    """A POST refused by a server failure may still have been acted on: say so."""
    if idempotent or error.maybe_processed or (error.http_status or 0) < 500:
        return error
    return ZohoError(
        error.code,
        error.message,
        hint=error.hint,
        http_status=error.http_status,
        maybe_processed=True,
    )


def _exhausted(error: ZohoError, attempts: int) -> ZohoError:
    if error.http_status == 429:
        wait = f" (Zoho asks to wait {error.retry_after:g} s)" if error.retry_after else ""
        return ZohoError(
            "RATE_LIMITED",
            f"{error.message}; still refused after {attempts} tries{wait}",
            hint="the org's API limits are reached: run the command again later",
            http_status=429,
            retry_after=error.retry_after,
        )
    return ZohoError(
        error.code,
        f"{error.message} (after {attempts} tries)",
        hint=error.hint,
        http_status=error.http_status,
        maybe_processed=error.maybe_processed,
        retry_after=error.retry_after,
    )


def _expired_link(error: ZohoError) -> ZohoError:
    if error.http_status not in (401, 403, 404, 410):
        return error
    return ZohoError(
        "DOWNLOAD_LINK_EXPIRED",
        f"the result link was refused: {error.code} {error.message}",
        hint="result links do not last; run `mapper status JOB_ID` to get the job's link anew",
        http_status=error.http_status,
    )


def _is_zip(content: bytes) -> bool:
    return content[:4] == b"PK\x03\x04" or content[:4] == b"PK\x05\x06"


def _json_or_none(response: httpx.Response) -> Any:
    """The answer's JSON, or None when it is not JSON (a ZIP, a proxy's page)."""
    if response.content.lstrip()[:1] not in (b"{", b"["):
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _is_json_object(response: httpx.Response) -> bool:
    return isinstance(_json_or_none(response), dict)


def _text(response: httpx.Response) -> str:
    try:
        return response.text
    except (UnicodeDecodeError, LookupError):
        return ""


def _lost_hint(method: str, retry: str) -> str:
    if method == "GET":
        return retry
    return (
        "Zoho may have acted on it, so mapper does not send it again; "
        "`mapper status` settles what happened"
    )


def _reason(error: Exception) -> str:
    return str(error) or type(error).__name__


def _write_atomically(dest: Path, content: bytes) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(dest, content)
    return dest


__all__ = ["JobDetails", "ZohoClient", "exchange_grant_code", "token_from"]
