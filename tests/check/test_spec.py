"""Reading spec files: positions, duplicates, and bad input as one diagnostic."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.spec import MAX_DEPTH, parse_spec, read_spec

SPEC = """{
  "operation": "insert",
  "resource": [
    {
      "type": "data",
      "field_mappings": [ { "api_name": "Last_Name", "index": 0 } ]
    }
  ]
}
"""


def test_positions_of_keys_and_items_are_one_based() -> None:
    document = parse_spec(SPEC)
    assert document.body == json.loads(SPEC)
    assert document.positions[""] == (1, 1)
    assert document.positions["/operation"] == (2, 3)
    assert document.positions["/resource/0"] == (4, 5)
    assert document.positions["/resource/0/field_mappings/0"] == (6, 27)
    assert document.positions["/resource/0/field_mappings/0/index"] == (6, 54)


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    document = parse_spec(SPEC)
    assert document.locate("/resource/0/find_by") == (4, 5)
    assert document.locate("/nothing/here") == (1, 1)


def test_keys_with_slash_and_tilde_are_escaped_in_pointers() -> None:
    document = parse_spec('{"a/b": {"c~d": 1}}')
    assert document.positions["/a~1b/c~0d"] == (1, 10)


def test_duplicate_key_is_reported_at_the_second_occurrence() -> None:
    document = parse_spec('{\n  "operation": "insert",\n  "operation": "update"\n}')
    assert document.body == {"operation": "update"}
    [problem] = document.problems
    assert (problem.code, problem.line, problem.column) == ("BW002", 3, 3)
    assert "line 2" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("", 1, 1, "empty"),
        ("   \n  ", 2, 3, "empty"),
        ('{\n  "a": 1 // note\n}', 2, 10, "comments"),
        ('{"a": /* x */ 1}', 1, 7, "comments"),
        ('{"a": [1, 2,]}', 1, 13, "trailing comma"),
        ('{"a": 1', 1, 8, "end of file"),
        ('{"a": ', 1, 7, "end of file"),
        ("[1, ", 1, 5, "end of file"),
        ('{"a": "unterminated', 1, 20, "end of file"),
        ('{"a": NaN}', 1, 7, "NaN"),
        ('{"a": -Infinity}', 1, 7, "Infinity"),
        ("{'a': 1}", 1, 2, "double quotes"),
        ('{"a": "x\ty"}', 1, 9, "U+0009"),
        ('{"a": "\\x"}', 1, 8, "escape"),
        ('{"a": 1} {}', 1, 10, "after the end"),
        ('{"a" 1}', 1, 6, "':'"),
        ('{"a": tru}', 1, 7, "expected a value"),
    ],
)
def test_invalid_json_is_one_diagnostic_with_position(
    text: str, line: int, column: int, words: str
) -> None:
    document = parse_spec(text)
    assert document.body is None and not document.parsed
    [problem] = document.problems
    assert problem.code == "BW001"
    assert (problem.line, problem.column) == (line, column)
    assert words in problem.message


def test_deep_nesting_stops_at_the_depth_limit_without_recursion() -> None:
    document = parse_spec("[" * 100_000 + "]" * 100_000)
    [problem] = document.problems
    assert problem.code == "BW001" and "nesting" in problem.message
    assert problem.column == MAX_DEPTH + 1


def test_huge_integer_is_reported_not_raised() -> None:
    [problem] = parse_spec('{"index": ' + "9" * 10_000 + "}").problems
    assert "too large" in problem.message


def test_huge_float_exponent_parses_to_infinity() -> None:
    assert parse_spec('{"index": 1e999}').body == {"index": float("inf")}


def test_long_unterminated_string_is_reported_at_the_end() -> None:
    text = '{"a": "' + "x" * 1_000_000
    [problem] = parse_spec(text).problems
    assert "unterminated string" in problem.message and problem.column == len(text) + 1


def test_oversized_input_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mapper.spec.MAX_BYTES", 10)
    [problem] = parse_spec(b'{"operation": "insert"}').problems
    assert problem.code == "BW001" and "larger than" in problem.message


def test_invalid_utf8_is_located() -> None:
    [problem] = parse_spec(b'{\n  "a": "caf\xe9"\n}').problems
    assert (problem.code, problem.line, problem.column) == ("BW001", 2, 12)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_read_with_a_warning(encoding: str) -> None:
    document = parse_spec('{"operation": "insert"}'.encode(encoding))
    assert document.body == {"operation": "insert"}
    assert [p.code for p in document.problems] == ["BW005"]


def test_utf8_bom_is_read_with_a_warning() -> None:
    document = parse_spec(b'\xef\xbb\xbf{"a": 1}')
    assert document.body == {"a": 1}
    assert [p.code for p in document.problems] == ["BW005"]


def test_read_spec_names_the_path(tmp_path) -> None:
    spec = tmp_path / "job.json"
    spec.write_text("{", encoding="utf-8")
    [problem] = read_spec(spec).problems
    assert problem.path == str(spec)


def _pointer_target(body: object, pointer: str) -> object:
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        body = body[int(part)] if isinstance(body, list) else body[part]
    return body


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values, st.integers(min_value=0, max_value=4))
def test_valid_json_round_trips_and_every_position_is_in_the_text(value, indent) -> None:
    text = json.dumps(value, indent=indent or None)
    document = parse_spec(text)
    assert document.parsed
    assert document.body == json.loads(text)
    lines = text.split("\n")
    for pointer, (line, column) in document.positions.items():
        _pointer_target(document.body, pointer)  # every pointer resolves
        assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_raise(data: bytes) -> None:
    document = parse_spec(data)
    for problem in document.problems:
        assert problem.line is not None and problem.line >= 1
        assert problem.column is not None and problem.column >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="{}[]:,\"\\ \n\t0123456789-+.eEtrufalsn/*'abcNI", max_size=80))
def test_json_like_text_never_raises_and_agrees_with_json(text: str) -> None:
    document = parse_spec(text)
    try:
        expected = _strict_json(text)
    except (ValueError, RecursionError):
        assert document.problems, f"{text!r} is not JSON, yet no problem was reported"
        return
    assert document.parsed and document.body == expected, document.problems


def _strict_json(text: str) -> object:
    """``json.loads`` without the NaN and Infinity it accepts but JSON does not."""

    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@settings(max_examples=300, deadline=None)
@given(json_values.filter(lambda v: isinstance(v, (dict, list))), st.data())
def test_a_truncated_document_is_reported_as_truncated(value, data) -> None:
    text = json.dumps(value)
    cut = data.draw(st.integers(min_value=1, max_value=len(text) - 1))
    document = parse_spec(text[:cut])
    [problem] = document.problems
    assert "end of file" in problem.message, (text[:cut], problem.message)
