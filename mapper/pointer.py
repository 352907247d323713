"""RFC 6901 JSON pointers, the one way every stage names a place in a spec body.

A leaf module: it imports nothing of the project, so readers, schema and rules share it.
"""

from __future__ import annotations


def pointer(*parts: str | int) -> str:
    """The pointer to ``parts`` from the document root (no parts: the root, ``""``)."""
    return "".join(map(_token, parts))


def child(base: str, part: str | int) -> str:
    """The pointer to ``part`` inside the value ``base`` points to."""
    return base + _token(part)


def _token(part: str | int) -> str:
    return "/" + str(part).replace("~", "~0").replace("/", "~1")
