"""`mapper split`: parts within the limits, records copied byte for byte, children with parents."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import main
from mapper.split import SplitError, split


def single(file_names: bool = False) -> dict:
    resource = {
        "type": "data",
        "module": {"api_name": "Leads"},
        "file_id": "1",
        "field_mappings": [{"api_name": "Last_Name", "index": 0}],
    }
    if file_names:
        resource["file_names"] = ["leads.csv"]
    return {"operation": "insert", "resource": [resource]}


def records_of(data: bytes, terminator: bytes) -> list[bytes]:
    return [r + terminator for r in data.split(terminator) if r]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_parts_repeat_the_header_and_keep_every_record_byte_for_byte(tmp_path: Path) -> None:
    # CRLF endings, a quoted field with a comma, one with a line break and quotes inside
    rows = [f'Name{i},"{i}, Inc","line\r\nbreak ""{i}"""' for i in range(10)]
    source = write(tmp_path / "leads.csv", "Last Name,Company,Note\r\n" + "\r\n".join(rows))
    chunks = split(single(), source, tmp_path / "out", max_rows=4)
    assert [c.rows for c in chunks] == [(4,), (4,), (2,)]
    header = b"Last Name,Company,Note\r\n"
    joined = b""
    for chunk in chunks:
        data = chunk.csv_paths[0].read_bytes()
        assert data.startswith(header)
        joined += data[len(header) :]
    assert joined == source.read_bytes()[len(header) :] + b"\r\n"


def test_encoding_and_bom_are_kept(tmp_path: Path) -> None:
    text = "Last Name;City\nMüller;Zürich\nGarçon;Besançon\nÅsa;Malmö\n"
    latin = write(tmp_path / "latin.csv", text, "cp1252")
    chunks = split(single(), latin, tmp_path / "a", max_rows=2)
    assert chunks[1].csv_paths[0].read_bytes() == "Last Name;City\nÅsa;Malmö\n".encode("cp1252")
    bom = write(tmp_path / "bom.csv", "\ufeff" + text)
    chunks = split(single(), bom, tmp_path / "b", max_rows=2)
    assert all(c.csv_paths[0].read_bytes().startswith(b"\xef\xbb\xbfLast Name") for c in chunks)


def test_each_part_has_a_zip_and_a_spec_naming_its_csv(tmp_path: Path) -> None:
    source = write(tmp_path / "leads.csv", "Last Name\n" + "".join(f"N{i}\n" for i in range(5)))
    chunks = split(single(file_names=True), source, tmp_path / "out", max_rows=3)
    assert [c.zip_path.name for c in chunks] == ["leads-part001.zip", "leads-part002.zip"]
    for chunk in chunks:
        spec = json.loads(chunk.spec_path.read_text(encoding="utf-8"))
        name = chunk.csv_paths[0].name
        assert spec["resource"][0]["file_names"] == [name]
        assert spec["resource"][0]["field_mappings"] == single()["resource"][0]["field_mappings"]
        with zipfile.ZipFile(chunk.zip_path) as archive:
            assert archive.namelist() == [name]
            assert archive.read(name) == chunk.csv_paths[0].read_bytes()


def test_splitting_twice_gives_identical_files(tmp_path: Path) -> None:
    source = write(tmp_path / "leads.csv", "Last Name\n" + "".join(f"N{i}\n" for i in range(9)))
    first = split(single(), source, tmp_path / "one", max_rows=4)
    second = split(single(), source, tmp_path / "two", max_rows=4)
    for a, b in zip(first, second, strict=True):
        assert a.zip_path.read_bytes() == b.zip_path.read_bytes()
        assert a.spec_path.read_bytes() == b.spec_path.read_bytes()


def test_stale_parts_of_an_earlier_split_are_removed(tmp_path: Path) -> None:
    source = write(tmp_path / "leads.csv", "Last Name\n" + "".join(f"N{i}\n" for i in range(9)))
    split(single(), source, tmp_path / "out", max_rows=2)
    split(single(), source, tmp_path / "out", max_rows=5)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"leads-part00{n}.{ext}" for n in (1, 2) for ext in ("csv", "json", "zip")
    ]


def test_a_part_whose_zip_is_too_big_is_halved(tmp_path: Path) -> None:
    rng = random.Random(3)
    rows = ["".join(rng.choice("abcdefghijklmnop") for _ in range(200)) for _ in range(40)]
    source = write(tmp_path / "leads.csv", "Last Name\n" + "\n".join(rows) + "\n")
    chunks = split(single(), source, tmp_path / "out", max_rows=40, max_zip_bytes=3_000)
    assert len(chunks) > 1
    assert all(c.zip_path.stat().st_size <= 3_000 for c in chunks)
    assert sum(c.rows[0] for c in chunks) == 40
    assert [c.number for c in chunks] == list(range(1, len(chunks) + 1))


PARENT_CHILD = {
    "operation": "insert",
    "resource": [
        {"type": "data", "module": {"api_name": "Leads"}, "file_id": "1",
         "file_names": ["leads.csv"],
         "field_mappings": [{"api_name": "Last_Name", "index": 1}]},
        {"type": "data", "module": {"api_name": "Secondary"}, "file_id": "1",
         "file_names": ["subform.csv"],
         "field_mappings": [{"api_name": "Secondary_Email", "index": 0},
                            {"api_name": "Parent_Id", "parent_column_index": 0, "index": 1}]},
    ],
}  # fmt: skip


def parent_child_files(tmp_path: Path, parents: int = 7) -> tuple[Path, Path]:
    leads = "Key,Last Name\n" + "".join(f"K{i},Name{i}\n" for i in range(parents))
    # children in scrambled order, a varying number per parent
    children = [f"c{i}.{n}@x.com,K{i}\n" for i in range(parents) for n in range(i % 3 + 1)]
    random.Random(5).shuffle(children)
    return (
        write(tmp_path / "leads.csv", leads),
        write(tmp_path / "subform.csv", "Email,Parent\n" + "".join(children)),
    )


def test_children_go_into_the_part_of_their_parent(tmp_path: Path) -> None:
    leads, subform = parent_child_files(tmp_path)
    chunks = split(PARENT_CHILD, leads, tmp_path / "out", children=[subform], max_rows=3)
    seen_children = 0
    for chunk in chunks:
        parents = chunk.csv_paths[0].read_text().splitlines()[1:]
        children = chunk.csv_paths[1].read_text().splitlines()[1:]
        keys = {line.split(",")[0] for line in parents}
        assert {line.split(",")[1] for line in children} <= keys
        assert len(parents) <= 3 and len(children) <= 3
        seen_children += len(children)
        spec = json.loads(chunk.spec_path.read_text())
        assert [r["file_names"] for r in spec["resource"]] == [
            [p.name for p in chunk.csv_paths[:1]], [p.name for p in chunk.csv_paths[1:]]
        ]  # fmt: skip
        with zipfile.ZipFile(chunk.zip_path) as archive:
            assert archive.namelist() == [p.name for p in chunk.csv_paths]
    assert seen_children == len(subform.read_text().splitlines()) - 1


def test_child_rows_without_a_parent_are_refused(tmp_path: Path) -> None:
    leads, subform = parent_child_files(tmp_path)
    subform.write_text(subform.read_text() + "lost@x.com,K99\n")
    with pytest.raises(SplitError, match=r"1 rows of .* have no parent row"):
        split(PARENT_CHILD, leads, tmp_path / "out", children=[subform], max_rows=3)


def test_a_parent_with_more_children_than_a_part_holds_is_refused(tmp_path: Path) -> None:
    leads, subform = parent_child_files(tmp_path)
    with pytest.raises(SplitError, match="child rows"):
        split(PARENT_CHILD, leads, tmp_path / "out", children=[subform], max_rows=2)


def test_cli_splits_and_lists_the_parts(tmp_path: Path) -> None:
    leads, subform = parent_child_files(tmp_path)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(PARENT_CHILD))
    args = ["split", str(leads), "--spec", str(spec), "--out-dir", str(tmp_path / "out"),
            "--child", str(subform), "--max-rows", "4"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("part00") == 2 * len(result.stdout.splitlines())
    parts = len(result.stdout.splitlines())
    assert f"{parts} parts written" in result.stderr and "placeholder" in result.stderr


def test_part_specs_carry_a_file_id_placeholder_that_check_flags(tmp_path: Path) -> None:
    source = write(tmp_path / "leads.csv", "Last Name\nA\nB\nC\n")
    chunks = split(single(), source, tmp_path / "out", max_rows=2)
    spec = json.loads(chunks[1].spec_path.read_text())
    file_id = spec["resource"][0]["file_id"]
    assert file_id != single()["resource"][0]["file_id"]
    assert "leads-part002.zip" in file_id
    result = CliRunner().invoke(main, ["check", str(chunks[1].spec_path)])
    assert "BW103" in result.stdout and "leads-part002.zip" in result.stdout


def test_split_help_says_the_file_id_must_be_replaced() -> None:
    result = CliRunner().invoke(main, ["split", "--help"])
    assert "placeholder file_id" in result.stdout


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.csv", "no such file"),
        (lambda d: write(d / "x.csv", "Last Name\nA\n"), "--spec"),
    ],
)
def test_cli_bad_inputs_exit_2_with_a_message(tmp_path: Path, setup, message: str) -> None:
    csv_path = setup(tmp_path)
    spec = tmp_path / "spec.json"
    spec.write_text("{not json" if message == "--spec" else json.dumps(single()))
    result = CliRunner().invoke(
        main, ["split", str(csv_path), "--spec", str(spec), "--out-dir", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "mapper: error:" in result.output
    assert "Traceback" not in result.output


def test_cli_rejects_a_child_csv_the_spec_cannot_place(tmp_path: Path) -> None:
    leads = write(tmp_path / "leads.csv", "Last Name\nA\n")
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(single()))
    result = CliRunner().invoke(main, ["split", str(leads), "--spec", str(spec), "--out-dir",
                                       str(tmp_path / "o"), "--child", str(leads)])  # fmt: skip
    assert result.exit_code == 2
    assert "1 child CSV(s) were given" in result.output


def test_a_parent_child_spec_needs_its_child_csvs(tmp_path: Path) -> None:
    leads, _ = parent_child_files(tmp_path)
    with pytest.raises(SplitError, match="pass the CSV of every resource"):
        split(PARENT_CHILD, leads, tmp_path / "out")


def test_a_file_without_data_rows_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "leads.csv", "Last Name\n")
    with pytest.raises(SplitError, match="no data rows"):
        split(single(), source, tmp_path / "out")


def test_a_child_csv_named_otherwise_than_file_names_says_which_names(tmp_path: Path) -> None:
    leads, subform = parent_child_files(tmp_path)
    renamed = subform.rename(tmp_path / "c3.csv")
    with pytest.raises(SplitError) as raised:
        split(PARENT_CHILD, leads, tmp_path / "out", children=[renamed])
    message = str(raised.value)
    assert "subform.csv" in message and "c3.csv" in message
    assert "name them in file_names" not in message
