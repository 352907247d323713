"""One exception for every way a talk with Zoho can fail, carrying Zoho's code and a hint.

The exit code follows the CLI's contract: 2 when the trip could not be made (credentials,
scopes, permissions, network, Zoho's own failures, rate limits), 1 when Zoho refused what
was sent (the job, its file or its body).
"""

from __future__ import annotations

from collections.abc import Iterable

from mapper.zoho import ERROR_HINTS

# codes that say the trip itself failed, not the data sent
_TRIP_CODES = frozenset(
    {
        "INVALID_TOKEN",
        "AUTHENTICATION_FAILURE",
        "OAUTH_SCOPE_MISMATCH",
        "NO_PERMISSION",
        "AUTHORIZATION_FAILED",
        "INVALID_URL_PATTERN",
        "RESOURCE_NOT_FOUND",  # a job id Zoho does not know: a usage error
        "INTERNAL_ERROR",
        "INTERNAL_SERVER_ERROR",
        "TOO_MANY_REQUESTS",
        "LIMIT_REACHED",
        "invalid_code",
        "invalid_client",
        "invalid_client_secret",
        "access_denied",
        # mapper's own codes
        "NO_CREDENTIALS",
        "NETWORK_ERROR",
        "TIMEOUT",
        "NO_ANSWER",
        "BAD_ANSWER",
        "RATE_LIMITED",
        "SERVER_ERROR",
        "DOWNLOAD_LINK_EXPIRED",
        "BAD_FILE",
        "CREATE_ANSWER_LOST",
        "STILL_RUNNING",
    }
)
REDACTED = "[secret]"


class ZohoError(Exception):
    """Zoho's answer (or its absence) as one clear message: code, message, hint."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        http_status: int | None = None,
        maybe_processed: bool = False,
        retry_after: float | None = None,
    ) -> None:
        self.code = code
        self.message = message.strip() or "(no message)"
        self.hint = hint if hint is not None else ERROR_HINTS.get(code)
        self.http_status = http_status
        # a POST whose answer was lost: Zoho may have acted on it, so it must not be resent
        self.maybe_processed = maybe_processed
        self.retry_after = retry_after
        super().__init__(self.render())

    @property
    def exit_code(self) -> int:
        server_failure = self.http_status is not None and self.http_status >= 500
        return 2 if self.code in _TRIP_CODES or server_failure else 1

    def render(self) -> str:
        status = f" (HTTP {self.http_status})" if self.http_status else ""
        text = f"Zoho {self.code}{status}: {self.message.rstrip('.')}."
        return f"{text} Hint: {self.hint}." if self.hint else text

    def __str__(self) -> str:
        return self.render()

    def scrubbed(self, secrets: Iterable[str]) -> ZohoError:
        """This error with every secret in its message replaced (Zoho may echo a token)."""
        message = scrub(self.message, secrets)
        if message == self.message:
            return self
        return ZohoError(
            self.code,
            message,
            hint=self.hint,
            http_status=self.http_status,
            maybe_processed=self.maybe_processed,
            retry_after=self.retry_after,
        )


def scrub(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text
