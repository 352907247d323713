"""The value at a key of a parsed spec body, when it has the type the reader needs.

Rules, split and review read bodies the schema may already have rejected: any JSON value
can sit anywhere. A reader asks for the type it needs and gets None for anything else
(the schema has reported it), so no stage has to assume the schema passed.
A leaf module: it imports nothing of the project.
"""

from __future__ import annotations

from typing import Any


def member(container: Any, key: str) -> Any:
    """``container[key]`` when ``container`` is an object, else None."""
    return container.get(key) if isinstance(container, dict) else None


def text_at(container: Any, key: str) -> str | None:
    """The string at ``key``, or None."""
    value = member(container, key)
    return value if isinstance(value, str) else None


def object_at(container: Any, key: str) -> dict | None:
    """The object at ``key``, or None."""
    value = member(container, key)
    return value if isinstance(value, dict) else None


def list_at(container: Any, key: str) -> list | None:
    """The array at ``key``, or None."""
    value = member(container, key)
    return value if isinstance(value, list) else None


def whole_number(value: Any) -> int | None:
    """``value`` when it is a JSON integer (booleans are not), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def index_at(container: Any, key: str) -> int | None:
    """The integer at ``key``, or None."""
    return whole_number(member(container, key))


def module_name(resource: Any) -> str | None:
    """A resource's module: ``{"api_name": ...}`` from API v2.1 on, a plain string in v2."""
    module = member(resource, "module")
    name = member(module, "api_name") if isinstance(module, dict) else module
    return name if isinstance(name, str) and name else None


def column_index(mapping: Any) -> int | None:
    """The CSV column a mapping reads: its ``index`` when a whole number, 0 or more."""
    index = index_at(mapping, "index")
    return index if index is not None and index >= 0 else None
