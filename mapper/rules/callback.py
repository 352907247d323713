"""The callback Zoho calls when the job ends: method and URL."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import parse_qsl, urlsplit

from mapper.diagnostics import Diagnostic, Severity
from mapper.jsonvalues import object_at, text_at
from mapper.pointer import pointer
from mapper.rules import Rule, RuleContext, rule

# query parameter names that usually carry a credential
_SECRET_NAME = re.compile(r"token|key|secret|password|passwd|auth|signature|sig$", re.IGNORECASE)


def _callback(ctx: RuleContext) -> dict | None:
    return object_at(ctx.body, "callback")


def _url(ctx: RuleContext) -> str | None:
    return text_at(_callback(ctx), "url")


@rule(
    "BW201",
    "callback-method",
    "callback.method must be post, the only method Zoho supports.",
    zoho_code="INVALID_CALLBACK_METHOD",
)
def callback_method(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Zoho rejects the job when the method is anything else, including ``POST``."""
    callback = _callback(ctx)
    if callback is None or "method" not in callback or callback["method"] == "post":
        return
    method = callback["method"]
    hint = 'write it in lower case: "post"' if str(method).lower() == "post" else None
    yield rule.diag(
        pointer("callback", "method"),
        f"callback method {method!r} is not supported; Zoho accepts only 'post'",
        hint=hint or 'use "method": "post"',
    )


@rule(
    "BW202",
    "callback-url",
    "callback.url must be an absolute http(s) URL.",
    zoho_code="INVALID_CALLBACK_URL",
)
def callback_url(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """A relative or malformed URL makes Zoho reject the job."""
    url = _url(ctx)
    if url is None:
        return
    problem = _url_problem(url)
    if problem:
        yield rule.diag(
            pointer("callback", "url"),
            f"callback url {url!r} {problem}",
            hint="use an absolute URL such as https://example.com/zoho/callback",
        )


def _url_problem(url: str) -> str | None:
    if url != url.strip() or any(c.isspace() for c in url):
        return "contains whitespace"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        return f"is not a valid URL ({error})"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not an http(s) URL"
    if not parts.hostname:
        return "has no host"
    return None


@rule(
    "BW203",
    "callback-plain-http",
    "callback.url should use https: job details travel unencrypted over http.",
    severity=Severity.WARNING,
)
def callback_plain_http(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """The callback carries the job's result download URL and counts."""
    url = _url(ctx)
    if url is not None and _url_problem(url) is None and urlsplit(url).scheme.lower() == "http":
        yield rule.diag(
            pointer("callback", "url"),
            "callback url uses plain http",
            hint="use https",
        )


@rule(
    "BW204",
    "callback-secret-in-query",
    "callback.url should not carry a key or token in its query string.",
    severity=Severity.WARNING,
)
def callback_secret_in_query(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """The URL is stored with the job and echoed in job details and logs."""
    url = _url(ctx)
    if url is None or _url_problem(url) is not None:
        return
    for name in _secret_parameters(urlsplit(url).query):
        yield rule.diag(
            pointer("callback", "url"),
            f"callback url carries {name!r} in its query string",
            hint="keep credentials out of the URL; Zoho stores it with the job",
        )


def _secret_parameters(query: str) -> Iterator[str]:
    for name, _ in parse_qsl(query, keep_blank_values=True):
        if _SECRET_NAME.search(name):
            yield name
