"""The body builder on plain plans: key order, version shapes, constants."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapper.compile.body import JobPlan, MappingPlan, ResourcePlan, build_body, ordered


def _job(**overrides: object) -> JobPlan:
    resource = ResourcePlan(
        module="Leads",
        file_id="4150868000005364001",
        mappings=(MappingPlan("Last_Name", index=0), MappingPlan("Mobile", index=1)),
    )
    values: dict = {"operation": "insert", "resources": (resource,)}
    values.update(overrides)
    return JobPlan(**values)


def test_minimal_insert_has_only_the_keys_it_needs() -> None:
    body = build_body(_job(), "v8")
    assert body == {
        "operation": "insert",
        "resource": [
            {
                "type": "data",
                "module": {"api_name": "Leads"},
                "file_id": "4150868000005364001",
                "field_mappings": [
                    {"api_name": "Last_Name", "index": 0},
                    {"api_name": "Mobile", "index": 1},
                ],
            }
        ],
    }


@pytest.mark.parametrize(
    ("version", "expected"), [("v2", "Leads"), ("v2.1", {"api_name": "Leads"})]
)
def test_module_is_a_string_only_on_v2(version: str, expected: object) -> None:
    assert build_body(_job(), version)["resource"][0]["module"] == expected


def test_top_level_key_order_is_fixed() -> None:
    job = _job(character_encoding="windows-1252", ignore_empty=True, callback_url="https://x.test/")
    body = build_body(job, "v8")
    assert list(body) == ["operation", "character_encoding", "ignore_empty", "callback", "resource"]
    assert body["callback"] == {"url": "https://x.test/", "method": "post"}


def test_ignore_empty_sits_on_the_resource_before_v3() -> None:
    body = build_body(_job(ignore_empty=True), "v2.1")
    assert "ignore_empty" not in body
    assert body["resource"][0]["ignore_empty"] is True
    assert list(body["resource"][0]) == [
        "type",
        "module",
        "file_id",
        "ignore_empty",
        "field_mappings",
    ]


def test_resource_key_order_with_file_names_and_find_by() -> None:
    resource = ResourcePlan(
        "Contacts", "9", (MappingPlan("Email", index=2),), file_name="c.csv", find_by="Email"
    )
    entry = build_body(JobPlan("upsert", (resource,)), "v8")["resource"][0]
    assert list(entry) == ["type", "module", "file_id", "file_names", "find_by", "field_mappings"]
    assert entry["file_names"] == ["c.csv"]


def test_mapping_key_order_and_default_value_shape() -> None:
    mapping = MappingPlan(
        "Parent_Id",
        index=3,
        format="dd.MM.yyyy",
        find_by="id",
        parent_column_index=0,
        default_value="x",
    )
    entry = mapping.as_body()
    assert list(entry) == [
        "api_name",
        "index",
        "format",
        "find_by",
        "parent_column_index",
        "default_value",
    ]
    assert entry["default_value"] == {"value": "x"}


def test_constant_mappings_follow_column_mappings_sorted_by_name() -> None:
    mappings = (
        MappingPlan("Website", default_value="w"),
        MappingPlan("Email", index=4),
        MappingPlan("Layout", default_value="1"),
        MappingPlan("Last_Name", index=0),
    )
    assert [m.api_name for m in ordered(mappings)] == ["Last_Name", "Email", "Layout", "Website"]


def test_index_zero_is_kept() -> None:
    assert MappingPlan("Last_Name", index=0).as_body() == {"api_name": "Last_Name", "index": 0}


def test_option_order_does_not_change_the_bytes() -> None:
    first = (MappingPlan("A", default_value="1"), MappingPlan("B", default_value="2"))
    plans = [ResourcePlan("Leads", "1", m) for m in (first, first[::-1])]
    texts = {json.dumps(build_body(JobPlan("insert", (plan,)), "v8")) for plan in plans}
    assert len(texts) == 1


MAPPING_KEYS = ["api_name", "index", "format", "find_by", "parent_column_index", "default_value"]
names = st.text(alphabet="ABCDEFGHIJ_", min_size=1, max_size=6)
mapping_plans = st.builds(
    MappingPlan,
    api_name=names,
    index=st.none() | st.integers(0, 199),
    format=st.none() | st.sampled_from(["dd.MM.yyyy", "yyyy-MM-dd"]),
    find_by=st.none() | st.sampled_from(["id", "email"]),
    parent_column_index=st.none() | st.integers(0, 9),
    default_value=st.none() | names,
)


@given(st.lists(mapping_plans, max_size=12), st.sampled_from(["v2", "v2.1", "v8"]))
def test_any_plan_gives_canonical_key_order(mappings: list[MappingPlan], version: str) -> None:
    resource = ResourcePlan("Leads", "1", tuple(mappings))
    body = build_body(JobPlan("insert", (resource,)), version)
    built = body["resource"][0]["field_mappings"]
    for entry in built:
        assert list(entry) == [key for key in MAPPING_KEYS if key in entry]
    indexes = [entry["index"] for entry in built if "index" in entry]
    assert indexes == sorted(indexes)
    first_constant = next((i for i, e in enumerate(built) if "index" not in e), len(built))
    assert all("index" not in entry for entry in built[first_constant:])
    shuffled = ResourcePlan("Leads", "1", tuple(reversed(mappings)))
    again = build_body(JobPlan("insert", (shuffled,)), version)
    assert json.dumps(again) == json.dumps(body)
