"""compile -> check: a spec ``mapper compile`` wrote never fails ``mapper check --csv`` on
its own CSV for a reason compile could have seen (the spec or the file as a whole).

A row's value may still fail pre-flight: that is the row's finding, not the spec's.
``MAPPER_FUZZ_SCALE`` (set by scripts/fuzz.py) multiplies the example count.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from mapper.cli import main
from tests.fuzz.test_spec_mutations import fuzz

HEADERS = ["Last Name", "First Name", "Email", "Phone", "Date of Birth", "Account Name",
           "Mailing City", "Lead Source", "Description", "Contact Owner", "Mobile", "Title",
           "Secondary Email", "Email Opt Out", "Born", "Notes", "", "Last Name"]  # fmt: skip
VALUES = {
    "name": st.sampled_from(["Smith", "Ødegård", "O'Neil", "de la Cruz", "李", "Ann-Marie"]),
    "email": st.sampled_from(["a@b.co", "x.y+z@mail.example", "not-an-email", "@"]),
    "date": st.sampled_from(["03/04/2024", "31/12/1999", "2024-02-29", "12/31/1999", "1.2.2003"]),
    "number": st.sampled_from(["1", "42", "-3", "1.5", "1e3", "007", "4150868000005364001"]),
    "flag": st.sampled_from(["true", "false", "TRUE", "yes", "0"]),
    "odd": st.text(max_size=12),
    "empty": st.just(""),
}


@st.composite
def csv_text(draw: st.DrawFn) -> str:
    # mostly with the mandatory Last_Name filled, so most cases reach check
    mandatory = draw(st.booleans() | st.just(True))
    headers = ["Last Name", "Company"] if mandatory else []
    headers += draw(st.lists(st.sampled_from(HEADERS), max_size=5, min_size=0 if headers else 1))
    kinds = [draw(st.sampled_from(sorted(VALUES))) for _ in headers]
    if mandatory:
        kinds[:2] = ["name", "name"]
    rows = draw(st.integers(min_value=1, max_value=8))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    for _ in range(rows):
        cells = [
            draw(VALUES[kind] if i < 2 and mandatory else VALUES[kind] | VALUES["empty"])
            for i, kind in enumerate(kinds)
        ]
        writer.writerow(["".join(c for c in cell if c.isprintable()) for cell in cells])
    return out.getvalue()


def run(argv: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, argv)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        argv,
        result.output,
        result.exception,
    )
    return result.exit_code, result.output


@fuzz(80)
@given(text=csv_text(), module=st.sampled_from(["Contacts", "Leads"]))
def test_a_compiled_spec_passes_check_on_its_own_csv(text: str, module: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data, spec = Path(folder, "in.csv"), Path(folder, "spec.json")
        data.write_text(text, encoding="utf-8")
        code, output = run(["compile", str(data), "-m", module, "--file-id", "1", "-o", str(spec)])
        if not spec.exists():
            assert code != 0, output
            return
        code, output = run(["check", str(spec), "--csv", str(data), "--format", "json"])
    found = json.loads(output)["diagnostics"]
    # a row's value finding carries its row; anything else compile saw too
    seen_by_compile = [
        d for d in found if d["severity"] == "error" and (d["path"] != str(data) or not d["line"])
    ]
    assert not seen_by_compile, (text, seen_by_compile)
