"""`check SPEC --csv CSV [--report OUT]` reads the CSV once, and finds what the passes it
replaced found: the profile (column facts for the rules), the pre-flight and the report.

Reads are counted where every file is opened (``io.open``, which ``Path.open`` calls): the
CSV's opens and the bytes read from it. The old result is computed with the library's
separate passes (`profile`, `preflight_for_check`, `write_report`), which remain.
"""

from __future__ import annotations

import builtins
import io
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.catalog import builtin_catalog
from mapper.check import check, check_document
from mapper.cli import main
from mapper.csvfile import CsvError, sniff
from mapper.preflight import preflight_for_check
from mapper.profile import profile
from mapper.rules import CsvFacts
from mapper.spec import SpecDocument

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "real"


class CountingRaw(io.RawIOBase):
    def __init__(self, real: io.BufferedReader, reads: dict) -> None:
        self.real, self.reads = real, reads

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        count = self.real.readinto(buffer)
        self.reads["bytes"] += count or 0
        return count

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.real.seek(offset, whence)

    def tell(self) -> int:
        return self.real.tell()

    def close(self) -> None:
        self.real.close()
        super().close()


@pytest.fixture
def count_reads(monkeypatch: pytest.MonkeyPatch):
    """``count_reads(path)`` -> a dict whose "opens" and "bytes" grow as ``path`` is read."""
    real_open = io.open
    watched: dict[str, dict] = {}

    def counting_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        reads = watched.get(str(Path(file).resolve())) if isinstance(file, str | Path) else None
        if reads is None:
            return real_open(file, mode, *args, **kwargs)
        reads["opens"] += 1
        if mode != "rb":
            reads["text_opens"] += 1
            return real_open(file, mode, *args, **kwargs)
        return io.BufferedReader(CountingRaw(real_open(file, "rb", buffering=0), reads))

    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(builtins, "open", counting_open)

    def watch(path: Path) -> dict:
        return watched.setdefault(str(path.resolve()), {"opens": 0, "bytes": 0, "text_opens": 0})

    return watch


# a lookup without find_by (Owner: the rules ask the column's kind), unique Email,
# dates, numbers: the families whose facts come from the pass
SPEC = {
    "operation": "insert",
    "resource": [{
        "type": "data", "module": {"api_name": "Leads"}, "file_id": "1",
        "field_mappings": [
            {"api_name": "Last_Name", "index": 0}, {"api_name": "Email", "index": 1},
            {"api_name": "Owner", "index": 2}, {"api_name": "Annual_Revenue", "index": 3},
            {"api_name": "Created_On__c", "index": 4, "format": "dd/MM/yyyy"},
        ],
    }],
}  # fmt: skip


def generated_csv(path: Path, rows: int, seed: int, tail: str = "") -> Path:
    """Rows with some bad values, some ragged records and a line break in a quoted value;
    ``tail`` is appended raw (latin-1 past an ASCII head, say)."""
    rng = random.Random(seed)
    lines = ["Last Name,Email,Owner,Annual Revenue,Created On"]
    for i in range(rows):
        owner = rng.choice(["ann@example.com", "4150868000000225013", "Ann Lee"])
        email = f"p{rng.randrange(rows)}@example.com" if i % 7 else "bad@"
        revenue = rng.choice(["1200", "12.5", "lots", ""])
        day = f"{rng.randint(1, 31):02d}/{rng.randint(1, 12):02d}/2024"
        name = '"Lee\nJr"' if i == 5 else f"Name {i}"
        line = f"{name},{email},{owner},{revenue},{day}"
        lines.append(line + ",extra" if i % 97 == 3 else line)
    path.write_bytes(("\n".join(lines) + "\n").encode() + tail.encode("latin-1"))
    return path


def old_findings(spec: dict, path: Path, report: Path | None = None) -> list:
    """What check --csv found with a pass each: profile, pre-flight, report."""
    document = SpecDocument(str(path.with_suffix(".json")), "", spec)
    try:
        facts = {0: CsvFacts.of(profile(path))}
    except CsvError:
        facts = {}
    found = check_document(document, catalog=None, csv=facts)
    return [*found, *preflight_for_check(spec, path, builtin_catalog(), report=report)]


def new_findings(spec: dict, path: Path, report: Path | None = None) -> list:
    document = SpecDocument(str(path.with_suffix(".json")), "", spec)
    return check(document, csv_path=path, report=report)


@pytest.mark.parametrize(
    ("rows", "tail"),
    [(40, ""), (3000, ""), (30_000, ""), (60_000, "Zoë,z@example.com,Ann Lee,1,01/01/2024\n")],
    ids=["small", "medium", "over-the-row-limit", "latin-1-after-an-ascii-head"],
)
def test_check_csv_reads_the_file_once(tmp_path: Path, count_reads, rows: int, tail: str) -> None:
    csv_path = generated_csv(tmp_path / "leads.csv", rows, seed=rows, tail=tail)
    spec = tmp_path / "leads.json"
    spec.write_text(json.dumps(SPEC))
    reads = count_reads(csv_path)
    out = tmp_path / "predicted.csv"
    args = ["check", str(spec), "--csv", str(csv_path), "--report", str(out), "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    if tail:  # the head said UTF-8, the end did not: read again as the whole file decides
        assert reads["opens"] > 1
        return
    assert reads == {"opens": 1, "bytes": csv_path.stat().st_size, "text_opens": 0}
    assert out.is_file()


@pytest.mark.parametrize("rows", [40, 3000, 30_000])
@pytest.mark.parametrize("tail", ["", "Zoë,z@example.com,Ann Lee,1,01/01/2024\n"])
def test_one_pass_finds_what_the_passes_found(tmp_path: Path, rows: int, tail: str) -> None:
    # past 1 MB of ASCII head only with 30,000 rows
    csv_path = generated_csv(tmp_path / "leads.csv", rows, seed=rows + 1, tail=tail)
    old_report, new_report = tmp_path / "old.csv", tmp_path / "new.csv"
    old = old_findings(SPEC, csv_path, old_report)
    assert new_findings(SPEC, csv_path, new_report) == old
    assert any(d.code == "BW504" and "holds" in d.message for d in old)
    assert new_report.read_bytes() == old_report.read_bytes()


def test_a_header_mapped_resource_and_a_body_without_resources(tmp_path: Path) -> None:
    csv_path = generated_csv(tmp_path / "leads.csv", 200, seed=3)
    auto = {"operation": "insert", "resource": [{"type": "data", "module": {"api_name": "Leads"},
                                                 "file_id": "1"}]}  # fmt: skip
    for spec in (auto, {"operation": "insert"}, {"resource": "x"}):
        assert new_findings(spec, csv_path) == old_findings(spec, csv_path)


def corpus_files() -> list[Path]:
    return sorted(CORPUS.rglob("*.csv")) if CORPUS.is_dir() else []


def corpus_spec(path: Path) -> dict:
    """Every column mapped in order, the first to Owner (a lookup without find_by)."""
    header = sniff(path).header
    mappings = [{"api_name": "Owner", "index": 0}] + [
        {"api_name": f"Column_{index}__c", "index": index} for index in range(1, len(header))
    ]
    return {"operation": "insert", "resource": [
        {"type": "data", "module": {"api_name": "Leads"}, "file_id": "1",
         "field_mappings": [*mappings, {"api_name": "Last_Name", "index": 0}]}]}  # fmt: skip


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_one_pass_on_the_corpus(tmp_path: Path, path: Path) -> None:
    try:
        spec = corpus_spec(path)
    except CsvError:
        spec = SPEC
    old_report, new_report = tmp_path / "old.csv", tmp_path / "new.csv"
    old = old_findings(spec, path, old_report)
    assert new_findings(spec, path, new_report) == old
    assert new_report.is_file() == old_report.is_file()
    if old_report.is_file():
        assert new_report.read_bytes() == old_report.read_bytes()


def test_the_corpus_is_found_or_skipped() -> None:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is absent")
    assert corpus_files()
