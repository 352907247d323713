"""The bundled JSON Schema of a job spec, and its findings as (pointer, message) pairs.

jsonschema's own messages print Python reprs; these are rewritten per keyword so a user
sees ``'insrt' is not one of insert, update, upsert`` rather than a dict dump.
"""

from __future__ import annotations

import json
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from mapper.pointer import child, pointer
from mapper.schema_predicate import UnsupportedSchema, compile_predicate
from mapper.suggest import closest

SCHEMA_FILE = "bulk-write-job.schema.json"

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}
_TYPE_WORDS = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "boolean": "a boolean (true or false)",
    "integer": "an integer",
    "number": "a number",
    "null": "null",
}

# the schema's patterns, in words; any other pattern is quoted as it is
_PATTERN_WORDS = {"^[0-9]+$": "contain digits only"}


@dataclass(frozen=True)
class SchemaFinding:
    pointer: str
    keyword: str
    message: str


def schema_text() -> str:
    # pkgutil reads package data through the package's loader, as importlib.resources does,
    # without its ~7 ms of imports on the pre-commit path
    return _package_data("mapper", f"data/{SCHEMA_FILE}").decode("utf-8")


def _package_data(package: str, resource: str) -> bytes:
    data = pkgutil.get_data(package, resource)
    if data is None:
        raise FileNotFoundError(f"{package}/{resource} is not in the installed package")
    return data


@cache
def load_schema() -> dict:
    return json.loads(schema_text())


@cache
def fast_predicate() -> Callable[[Any], bool] | None:
    """The schema as a plain predicate, or None if it uses a keyword the compiler lacks."""
    try:
        return compile_predicate(load_schema())
    except UnsupportedSchema:
        return None


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema())


def schema_findings(body: Any) -> list[SchemaFinding]:
    """One finding per location, best error first (jsonschema's relevance order).

    A body the fast predicate accepts has none, and jsonschema is not even imported."""
    predicate = fast_predicate()
    if predicate is not None and predicate(body):
        return []
    from jsonschema.exceptions import relevance

    by_pointer: dict[str, SchemaFinding] = {}
    for error in sorted(_validator().iter_errors(body), key=relevance, reverse=True):
        for finding in _findings(error):
            by_pointer.setdefault(finding.pointer, finding)
    return list(by_pointer.values())


def _findings(error: Any) -> Iterator[SchemaFinding]:
    here = pointer(*error.absolute_path)
    keyword = error.validator
    if keyword == "additionalProperties":
        # unknown keys are the unknown-key rule's, which can suggest the intended key
        return
    if keyword == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        for key in missing:
            yield SchemaFinding(child(here, key), keyword, f"missing required key {key!r}")
        return
    if keyword in ("anyOf", "oneOf"):
        yield from _alternative_findings(error, here)
        return
    yield SchemaFinding(here, keyword, _message(error, here))


def _alternative_findings(error: Any, here: str) -> Iterator[SchemaFinding]:
    """Report inside the alternative that has the instance's type, else name the choices."""
    same_type = [e for e in error.context if e.validator != "type"]
    branches = {e.relative_schema_path[0] for e in error.context if e.validator == "type"}
    matching = [e for e in same_type if e.relative_schema_path[0] not in branches]
    if matching:
        for sub in matching:
            yield from _findings(sub)
        return
    titles = [resolve_ref(s).get("title", "") for s in error.validator_value]
    described = " or ".join(t for t in titles if t) or "one of the allowed shapes"
    found = _JSON_TYPES.get(type(error.instance), "a value")
    yield SchemaFinding(here, error.validator, f"{_name(here)} must be {described}, not {found}")


def resolve_ref(node: dict) -> dict:
    """Follow a local ``#/$defs/...`` reference."""
    ref = node.get("$ref", "")
    return load_schema()["$defs"][ref.rsplit("/", 1)[-1]] if ref.startswith("#/$defs/") else node


def _message(error: Any, here: str) -> str:
    keyword, expected, instance = error.validator, error.validator_value, error.instance
    name = _name(here)
    if keyword == "type":
        words = [_TYPE_WORDS[t] for t in ([expected] if isinstance(expected, str) else expected)]
        return f"{name} must be {' or '.join(words)}, not {_JSON_TYPES.get(type(instance))}"
    if keyword == "enum":
        return _enum_message(name, instance, expected)
    if keyword == "const":
        return f"{name} must be {expected!r}, not {instance!r}"
    if keyword == "minimum":
        return f"{name} must be {expected} or more, not {instance!r}"
    if keyword == "minItems":
        return f"{name} must not be empty"
    if keyword == "maxItems":
        return f"{name} has {len(instance)} items; at most {expected} are allowed"
    if keyword == "minLength":
        return f"{name} must not be an empty string"
    if keyword == "pattern":
        return f"{name} {instance!r} must {_PATTERN_WORDS.get(expected, f'match {expected}')}"
    return f"{name}: {error.message}"


def _enum_message(name: str, instance: Any, allowed: list) -> str:
    choices = ", ".join(str(a) for a in allowed)
    message = f"{name} {instance!r} is not one of {choices}"
    if isinstance(instance, str):
        close = closest(instance, [str(a) for a in allowed])
        if close:
            message += f"; did you mean {close!r}?"
    return message


def _name(where: str) -> str:
    """How a location is named in messages: its key, or the array and index."""
    parts = where.split("/")[1:]
    if not parts:
        return "the document"
    last = parts[-1].replace("~1", "/").replace("~0", "~")
    if last.isdigit() and len(parts) > 1:
        return f"{parts[-2]}[{last}]"
    return repr(last)
