"""A yes/no answer to "does this body satisfy the schema?", without importing jsonschema.

Most specs a pre-commit hook sees are valid, and jsonschema costs ~45 ms to import and
~0.35 ms per spec to run. The bundled schema uses a handful of keywords, so it compiles into
plain Python predicates that follow jsonschema's Draft 2020-12 semantics keyword by keyword
(an integer may be a float with no fraction; ``bool`` is no number; ``pattern`` is
``re.search``). Only a body this predicate accepts skips jsonschema: any other body gets
jsonschema's own errors, so findings never depend on this module. A keyword outside the
supported set makes `compile_predicate` refuse the whole schema (callers then always run
jsonschema). tests/check/test_schema_predicate.py compares the verdicts with jsonschema's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Predicate = Callable[[Any], bool]

# keywords that never change a verdict (annotations, and $defs, read through $ref)
_IGNORED = frozenset({"title", "description", "examples", "$schema", "$id", "$defs", "$comment"})
# checked together, so an object's keys are read once
_OBJECT_KEYWORDS = ("properties", "required", "additionalProperties")


class UnsupportedSchema(Exception):
    """The schema uses a keyword (or form of one) this compiler does not implement."""


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Predicate] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": _is_integer,
    "number": _is_number,
}


def compile_predicate(schema: dict) -> Predicate:
    """The schema as one predicate; raises `UnsupportedSchema` for what it cannot follow."""
    compiled: dict[str, Predicate] = {}
    defs = schema.get("$defs", {})
    for name, node in defs.items():
        compiled[name] = _compile(node, compiled, defs)
    return _compile(schema, compiled, defs)


def _compile(node: Any, compiled: dict[str, Predicate], defs: dict) -> Predicate:
    if not isinstance(node, dict):
        raise UnsupportedSchema(f"schema node {node!r}")
    checks = [
        _keyword(keyword, value, node, compiled, defs)
        for keyword, value in node.items()
        if keyword not in _IGNORED and keyword not in _OBJECT_KEYWORDS
    ]
    if any(keyword in node for keyword in _OBJECT_KEYWORDS):
        checks.append(_object(node, compiled, defs))
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _keyword(
    keyword: str, value: Any, node: dict, compiled: dict[str, Predicate], defs: dict
) -> Predicate:
    """One keyword's predicate."""
    if keyword == "$ref":
        return _ref(value, compiled, defs)
    if keyword == "type":
        return _type(value)
    if keyword in ("enum", "const"):
        return _strings_only(keyword, [value] if keyword == "const" else value)
    if keyword == "items":
        return _items(value, node, compiled, defs)
    if keyword == "anyOf":
        options = [_compile(option, compiled, defs) for option in value]
        return lambda v: any(option(v) for option in options)
    return _bound(keyword, value)


def _ref(ref: Any, compiled: dict[str, Predicate], defs: dict) -> Predicate:
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        raise UnsupportedSchema(f"$ref {ref!r}")
    name = ref.removeprefix("#/$defs/")
    if name not in defs or "/" in name or "~" in name:
        raise UnsupportedSchema(f"$ref {ref!r}")
    # looked up on call: a definition may be compiled after the one that refers to it
    return lambda v: compiled[name](v)


def _type(names: Any) -> Predicate:
    names = [names] if isinstance(names, str) else names
    if not isinstance(names, list) or not all(n in _TYPES for n in names):
        raise UnsupportedSchema(f"type {names!r}")
    tests = [_TYPES[n] for n in names]
    return tests[0] if len(tests) == 1 else lambda v: any(t(v) for t in tests)


def _strings_only(keyword: str, allowed: Any) -> Predicate:
    """enum / const over strings: jsonschema compares a string to a string only."""
    if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
        raise UnsupportedSchema(f"{keyword} {allowed!r}")
    choices = frozenset(allowed)
    return lambda v: isinstance(v, str) and v in choices


def _object(node: dict, compiled: dict[str, Predicate], defs: dict) -> Predicate:
    """properties, required and additionalProperties (true or false) of one node."""
    if "patternProperties" in node:
        raise UnsupportedSchema("patternProperties")
    properties_node, required = node.get("properties", {}), node.get("required", [])
    if not isinstance(properties_node, dict) or not isinstance(required, list):
        raise UnsupportedSchema("properties or required of an unexpected type")
    properties = {key: _compile(sub, compiled, defs) for key, sub in properties_node.items()}
    extra = node.get("additionalProperties", True)
    if not isinstance(extra, bool):
        raise UnsupportedSchema("additionalProperties with a schema")

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key in required:
            if key not in value:
                return False
        for key, inner in value.items():
            test = properties.get(key)
            if test is None:
                if extra is False:
                    return False
            elif not test(inner):
                return False
        return True

    return check


def _items(schema: Any, node: dict, compiled: dict[str, Predicate], defs: dict) -> Predicate:
    if "prefixItems" in node or not isinstance(schema, dict):
        raise UnsupportedSchema("items other than one schema")
    test = _compile(schema, compiled, defs)
    return lambda v: not isinstance(v, list) or all(test(item) for item in v)


def _bound(keyword: str, limit: Any) -> Predicate:
    """minimum, minLength, minItems, maxItems, pattern: each applies to one type only."""
    if keyword == "pattern":
        regex = re.compile(limit)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None
    if not _is_number(limit):
        raise UnsupportedSchema(f"{keyword} {limit!r}")
    if keyword == "minimum":
        return lambda v: not _is_number(v) or v >= limit
    if keyword == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= limit
    if keyword == "minItems":
        return lambda v: not isinstance(v, list) or len(v) >= limit
    if keyword == "maxItems":
        return lambda v: not isinstance(v, list) or len(v) <= limit
    raise UnsupportedSchema(keyword)
