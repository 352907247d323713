"""The page as text: self-contained, escaped, capped; and the commands that write it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from review_helpers import EXAMPLES, write_leads

from mapper.cli import main

CONTACTS_ARGS = [
    str(EXAMPLES / "contacts_export.csv"),
    "--module", "Contacts", "--operation", "upsert", "--find-by", "Email",
    "--file-id", "4150868000005364002",
]  # fmt: skip
MAX_PAGE_BYTES = 2 * 1024 * 1024


def _review(*args: str) -> object:
    return CliRunner().invoke(main, ["review", *args])


def test_the_page_loads_nothing_and_runs_no_script(tmp_path) -> None:
    out = tmp_path / "review.html"
    result = _review(*CONTACTS_ARGS, "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert not re.search(r"<script|<link[^>]+stylesheet|@import|url\(|https?://", page, re.I)


def test_hostile_text_is_escaped_everywhere(tmp_path) -> None:
    csv_path = write_leads(tmp_path / "leads.csv", 30)
    out = tmp_path / "review.html"
    result = _review(str(csv_path), "-m", "Leads", "-o", str(out))
    assert result.exit_code == 1  # rows fail: the page shows errors
    page = out.read_text(encoding="utf-8")
    assert page.count("<style>") == 1 and page.count("</style>") == 1
    assert "<script" not in page and "<img" not in page and "<h1 id=injected" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_a_25000_row_file_makes_a_page_under_2_mb(tmp_path) -> None:
    csv_path = write_leads(tmp_path / "leads.csv", 25_000)
    out = tmp_path / "review.html"
    _review(str(csv_path), "-m", "Leads", "-o", str(out))
    size = out.stat().st_size
    assert size < MAX_PAGE_BYTES, size
    page = out.read_text(encoding="utf-8")
    # the cap says so: the rows not shown are counted on the page
    assert re.search(r"[\d,]+ more with INVALID_DATA are not", page)


def test_compile_writes_the_review_beside_the_spec(tmp_path) -> None:
    spec, page = tmp_path / "contacts.json", tmp_path / "review.html"
    result = CliRunner().invoke(
        main, ["compile", *CONTACTS_ARGS, "-o", str(spec), "--review", str(page)]
    )
    assert result.exit_code == 0, result.output
    assert spec.read_text(encoding="utf-8") in page.read_text(encoding="utf-8").replace(
        "&#34;", '"'
    )


def test_compile_writes_the_review_even_when_no_spec_can_be_built(tmp_path) -> None:
    csv_path = tmp_path / "contacts.csv"
    csv_path.write_text("Last Name,Date of Birth\nDoe,03/04/1980\n")
    page = tmp_path / "review.html"
    result = CliRunner().invoke(
        main,
        ["compile", str(csv_path), "-m", "Contacts", "--file-id", "1", "--review", str(page)],
    )
    assert result.exit_code == 1
    assert "the job spec cannot be built" in page.read_text(encoding="utf-8")


def test_review_of_an_existing_spec(tmp_path) -> None:
    out = tmp_path / "review.html"
    result = _review(
        str(EXAMPLES / "contacts_export.csv"),
        "--spec", str(EXAMPLES / "contacts_export.inputData.json"),
        "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "set in the spec" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/r.html"], "--module is required"),
        (["-m", "Contacts", "-o", "{csv}"], "refusing to overwrite"),
        (["--spec", "{tmp}/missing.json", "-o", "{tmp}/r.html"], "no such file"),
        (["-m", "Nope", "-o", "{tmp}/r.html"], "unknown module"),
        (["--spec", "{csv}", "--map", "A=B", "-o", "{tmp}/r.html"], "--map would change"),
        (["--spec", "{csv}", "-m", "Leads", "-o", "{tmp}/r.html"], "--module would change"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(tmp_path, args, message) -> None:
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("Last Name\nDoe\n")
    filled = [a.format(tmp=tmp_path, csv=csv_path) for a in args]
    result = _review(str(csv_path), *filled)
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "r.html").exists()
    assert csv_path.read_text() == "Last Name\nDoe\n"


def test_the_command_runs_as_a_process(tmp_path) -> None:
    out = tmp_path / "review.html"
    run = subprocess.run(
        [sys.executable, "-m", "mapper", "review", *CONTACTS_ARGS, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert f"review written to {out}" in run.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_check_loads_no_template_engine(assert_imports_nothing_heavy) -> None:
    spec = EXAMPLES / "contacts_export.inputData.json"
    assert_imports_nothing_heavy(
        f"from mapper.cli import main\nmain(['check', {str(spec)!r}])",
        forbidden=("jinja2", "markupsafe", "mapper.review"),
    )


def test_without_a_file_id_the_page_says_so_once_instead_of_failing(tmp_path) -> None:
    out = tmp_path / "review.html"
    args = [a for a in CONTACTS_ARGS if a not in ("--file-id", "4150868000005364002")]
    result = _review(*args, "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "No --file-id was given" in page and "BW103" not in page
    assert "Ready to upload" in page


def test_findings_located_in_the_spec_are_listed_with_the_job(tmp_path) -> None:
    spec = tmp_path / "contacts.json"
    text = (EXAMPLES / "contacts_export.inputData.json").read_text(encoding="utf-8")
    spec.write_text(text.replace("4150868000005364002", "{{file_id}}"), encoding="utf-8")
    out = tmp_path / "review.html"
    result = _review(str(EXAMPLES / "contacts_export.csv"), "--spec", str(spec), "-o", str(out))
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    findings = page.split('id="findings"', 1)[1].split("</section>", 1)[0]
    assert "BW103" in findings and "Not ready" in page


def test_a_parent_child_job_gets_a_section_per_child_csv(tmp_path) -> None:
    out = tmp_path / "review.html"
    result = _review(
        str(EXAMPLES / "parent_leads.csv"), "--module", "Leads",
        "--child", f"{EXAMPLES / 'lead_interests.csv'}:Lead_Interests:Lead Ref",
        "--fields", str(EXAMPLES / "crm" / "fields"), "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    child = page.split('id="child-1"', 1)[1]
    assert "Lead_Interests" in child and 'id="mapping-1"' in child and 'id="chart-1"' in child
