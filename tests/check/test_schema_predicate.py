"""The schema predicate that lets valid specs skip jsonschema gives jsonschema's verdicts.

Compared on every example and case spec, on mutations of them (the fuzz strategy), on
hand-picked edge values, and keyword by keyword on small schemas.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator

from mapper.schema import fast_predicate, load_schema, schema_findings
from mapper.schema_predicate import UnsupportedSchema, compile_predicate
from tests.fuzz.test_spec_mutations import ANY_JSON, SEEDS, SPEC_FILES, fuzz, mutated_seed

JSONSCHEMA = Draft202012Validator(load_schema())


def _agree(body: object) -> None:
    predicate = fast_predicate()
    assert predicate is not None
    assert predicate(body) == JSONSCHEMA.is_valid(body), body


def test_the_bundled_schema_compiles() -> None:
    assert fast_predicate() is not None


def test_seeds_cover_valid_and_invalid_specs() -> None:
    verdicts = {JSONSCHEMA.is_valid(body) for _, body in SEEDS}
    assert verdicts == {True, False}
    assert len(SEEDS) > 200 and len(SPEC_FILES) >= len(SEEDS)


@pytest.mark.parametrize(("name", "body"), SEEDS, ids=[name for name, _ in SEEDS])
def test_every_example_and_case_spec_gets_jsonschemas_verdict(name: str, body: object) -> None:
    _agree(body)


@fuzz(400)
@given(body=mutated_seed())
def test_every_mutated_spec_gets_jsonschemas_verdict(body: object) -> None:
    _agree(body)


@fuzz(200)
@given(body=ANY_JSON)
def test_any_json_value_gets_jsonschemas_verdict(body: object) -> None:
    _agree(body)


def _spec(**mapping: object) -> dict:
    return {
        "operation": "insert",
        "resource": [
            {
                "type": "data",
                "module": {"api_name": "Leads"},
                "file_id": "1",
                "field_mappings": [{"api_name": "Last_Name", **mapping}],
            }
        ],
    }


EDGE_MAPPINGS = [
    {"index": 1.0},  # a float without fraction is an integer in Draft 2020-12
    {"index": 1.5},
    {"index": True},  # a boolean is no integer
    {"index": -1},
    {"index": float("inf")},
    {"index": 10**30},
    {"default_value": {"value": False}},
    {"default_value": {"value": None}},
    {"default_value": {"value": 2.5, "name": 3}},
    {"format": ""},
    {"api_name": "é"},
    {"module": "Accounts"},
]


@pytest.mark.parametrize("mapping", EDGE_MAPPINGS, ids=repr)
def test_edge_values_get_jsonschemas_verdict(mapping: dict) -> None:
    _agree(_spec(**mapping))


@pytest.mark.parametrize("file_id", ["123", "123\n", "12a", "", "٣", 123])
def test_the_pattern_is_searched_as_jsonschema_does(file_id: object) -> None:
    body = _spec()
    body["resource"][0]["file_id"] = file_id
    _agree(body)


SMALL_SCHEMAS = [
    {"type": "integer"},
    {"type": ["string", "number", "boolean"]},
    {"type": "null"},
    {"enum": ["a", "b"]},
    {"const": "data"},
    {"minimum": 0},
    {"minLength": 2},
    {"minItems": 1, "maxItems": 2},
    {"pattern": "^x+$"},
    {"items": {"type": "string"}},
    {"anyOf": [{"type": "string"}, {"type": "object", "required": ["a"]}]},
    {"properties": {"a": {"type": "integer"}}},
    {"required": ["a"]},
    {"properties": {"a": {}}, "additionalProperties": False},
    {"$defs": {"n": {"type": "number"}}, "items": {"$ref": "#/$defs/n"}},
]
VALUES = [None, True, False, 0, -1, 1.0, 2.5, "", "x", "xx\n", "a", [], [1], ["a", "b", "c"],
          {}, {"a": 1}, {"a": "1"}, {"b": 1}, {"a": 1, "b": 2}]  # fmt: skip


@pytest.mark.parametrize("schema", SMALL_SCHEMAS, ids=repr)
def test_each_keyword_follows_jsonschema(schema: dict) -> None:
    predicate = compile_predicate(schema)
    reference = Draft202012Validator(schema)
    for value in VALUES:
        assert predicate(value) == reference.is_valid(value), value


@pytest.mark.parametrize(
    "schema",
    [
        {"patternProperties": {"^a": {}}},
        {"additionalProperties": {"type": "string"}},
        {"enum": [1, "a"]},
        {"prefixItems": [{}]},
        {"$ref": "https://example.com/other.json"},
        {"oneOf": [{}]},
    ],
    ids=repr,
)
def test_a_keyword_it_cannot_follow_refuses_the_schema(schema: dict) -> None:
    with pytest.raises(UnsupportedSchema):
        compile_predicate(schema)


def test_an_invalid_body_still_gets_jsonschemas_findings() -> None:
    found = schema_findings({"operation": "insrt", "resource": []})
    assert {f.pointer for f in found} == {"/operation", "/resource"}


def test_checking_a_valid_spec_never_imports_jsonschema() -> None:
    """The predicate's point: jsonschema's import is ~45 ms of a pre-commit run."""
    code = (
        "import sys\n"
        "from mapper.check import check\n"
        "assert not [d for d in check({'operation': 'insert', 'resource': [{'type': 'data',"
        " 'module': {'api_name': 'Leads'}, 'file_id': '1'}]}) if d.code == 'BW003']\n"
        "assert 'jsonschema' not in sys.modules, 'jsonschema imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
