"""The bundled schema: a valid 2020-12 schema, documented, shipped, and printed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from jsonschema import Draft202012Validator

from mapper.cli import main
from mapper.schema import _message, load_schema, schema_findings, schema_text

REPO = Path(__file__).parents[2]


def test_schema_passes_the_metaschema() -> None:
    Draft202012Validator.check_schema(load_schema())
    assert load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert load_schema()["$id"]


def _properties(node: dict, where: str):
    for key, child in node.get("properties", {}).items():
        yield f"{where}/{key}", child
        yield from _properties(child, f"{where}/{key}")
    if isinstance(node.get("items"), dict):
        yield from _properties(node["items"], f"{where}[]")


def test_every_property_has_a_title_and_description() -> None:
    schema = load_schema()
    roots = [("", schema), *((f"$defs/{k}", v) for k, v in schema["$defs"].items())]
    for where, root in roots:
        for path, node in _properties(root, where):
            if "$ref" in node:
                node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
            assert node.get("title") and node.get("description"), path


def test_every_documented_key_is_described() -> None:
    schema = load_schema()
    defs = schema["$defs"]
    assert set(schema["properties"]) == {
        "character_encoding",
        "operation",
        "ignore_empty",
        "callback",
        "resource",
    }
    assert set(defs["callback"]["properties"]) == {"url", "method"}
    assert set(defs["resource"]["properties"]) == {
        "type",
        "module",
        "file_id",
        "file_names",
        "find_by",
        "ignore_empty",
        "field_mappings",
    }
    assert set(defs["fieldMapping"]["properties"]) == {
        "api_name",
        "index",
        "format",
        "find_by",
        "default_value",
        "parent_column_index",
        "module",
    }
    assert set(defs["defaultValue"]["properties"]) == {"value", "name", "module"}
    assert set(defs["moduleObject"]["properties"]) == {"api_name", "id"}


def test_module_may_be_a_string_or_an_object() -> None:
    validator = Draft202012Validator(load_schema())
    resource = {"type": "data", "file_id": "1", "field_mappings": [{"api_name": "A", "index": 0}]}
    for module in ("Leads", {"api_name": "Leads"}, {"api_name": "Leads", "id": "2"}):
        body = {"operation": "insert", "resource": [{**resource, "module": module}]}
        assert list(validator.iter_errors(body)) == []
    body = {"operation": "insert", "resource": [{**resource, "module": 5}]}
    assert list(validator.iter_errors(body))


def test_packaged_copy_is_the_repository_schema() -> None:
    assert json.loads(schema_text()) == json.loads(
        (REPO / "schemas" / "bulk-write-job.schema.json").read_text(encoding="utf-8")
    )


def test_mapper_schema_prints_it() -> None:
    result = CliRunner().invoke(main, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == load_schema()


def test_a_pattern_finding_describes_that_pattern() -> None:
    digits = schema_findings({"operation": "insert", "resource": [{"file_id": "12a"}]})
    assert any(f.keyword == "pattern" and "digits only" in f.message for f in digits)
    [other] = Draft202012Validator({"pattern": "^[A-Z]"}).iter_errors("lower")
    message = _message(other, "/code")
    assert "digits" not in message and "^[A-Z]" in message
