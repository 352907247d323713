"""Reading Zoho's result files and joining them to the source (mapper.submit.results)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from mapper.submit.results import (
    NO_RESULT,
    PartResult,
    Prediction,
    ResultError,
    RowError,
    explain,
    parse_errors,
    read_part,
    summary_lines,
    write_failed_csv,
    write_outputs,
    write_result_csv,
)

SOURCE = (
    "Last_Name,Company,Email,Note\n"
    "Smith,Acme,smith@example.com,first\n"
    ',Beta,nobody@example.com,"two\nlines"\n'
    "Lee,Gamma,not-an-email,third\n"
    "Khan,Delta,khan@example.com,fourth\n"
)
# where each record starts: the second record spans lines 3 and 4
LINES = [2, 3, 5, 6]


def _source(tmp_path: Path, text: str = SOURCE, name: str = "leads.csv", **kw) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(kw.get("encoding", "utf-8")))
    return path


def _result_csv(rows: list[list[str]], header=("Last_Name", "Company", "Email")) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*header, "STATUS", "RECORD_ID", "ERRORS"])
    writer.writerows(rows)
    return out.getvalue()


def _zip(tmp_path: Path, members: dict[str, str], name: str = "result.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return path


ROWS = [
    ["Smith", "Acme", "smith@example.com", "ADDED", "5001", ""],
    ["", "Beta", "nobody@example.com", "SKIPPED", "", "MANDATORY_NOT_FOUND-Last_Name"],
    ["Lee", "Gamma", "not-an-email", "SKIPPED", "", "INVALID_DATA-Email"],
    ["Khan", "Delta", "khan@example.com", "ADDED", "5002", ""],
]


@pytest.fixture
def whole(tmp_path: Path) -> tuple[Path, PartResult]:
    source = _source(tmp_path)
    result = _zip(tmp_path, {"Leads-leads.csv": _result_csv(ROWS)})
    return source, PartResult(result, LINES, module="Leads", csv_name="leads.csv")


def test_errors_cell_reads_several_codes_and_their_columns():
    assert parse_errors("MANDATORY_NOT_FOUND-Company,Last_Name:DUPLICATE_DATA-Email") == (
        RowError("MANDATORY_NOT_FOUND", "Company"),
        RowError("MANDATORY_NOT_FOUND", "Last_Name"),
        RowError("DUPLICATE_DATA", "Email"),
    )
    assert parse_errors("invalid_data-Email; LIMIT_EXCEEDED") == (
        RowError("INVALID_DATA", "Email"),
        RowError("LIMIT_EXCEEDED", ""),
    )
    assert parse_errors("") == ()
    assert parse_errors("Record locked by approval") == (RowError("Record locked by approval", ""),)


def test_read_part_keys_rows_by_source_line(whole):
    _, part = whole
    outcomes = read_part(part)
    assert [(o.line, o.status, o.record_id) for o in outcomes] == [
        (2, "ADDED", "5001"),
        (3, "SKIPPED", ""),
        (5, "SKIPPED", ""),
        (6, "ADDED", "5002"),
    ]
    assert outcomes[1].errors == (RowError("MANDATORY_NOT_FOUND", "Last_Name"),)
    assert outcomes[2].raw_errors == "INVALID_DATA-Email"


@pytest.mark.parametrize(
    ("header", "words", "expected"),
    [
        (("STATUS", "RECORD_ID", "ERRORS"), ("Added", "Skipped", "updated"), None),
        (("status", "record_id", "errors"), ("added", "SKIPPED", "Updated"), None),
        (("Status", "ID", "Errors"), ("ADDED", "skipped", "UPDATED"), None),
        (("STATUS ", "Record Id", "Error"), ("Record Added", "Unprocessed", "UPDATED"), "U"),
        # unnamed: the last three columns by position
        (("a", "b", "c"), ("added", "skipped", "updated"), None),
    ],
)
def test_status_words_and_column_names_in_any_spelling(tmp_path, header, words, expected):
    text = "First,Company,Email,{},{},{}\r\n".format(*header)
    text += "".join(f"x{i},c,e,{w},{i},\r\n" for i, w in enumerate(words))
    path = tmp_path / "r.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    outcomes = read_part(PartResult(path, [2, 3, 4]))
    wanted = ["ADDED", "UNPROCESSED" if expected else "SKIPPED", "UPDATED"]
    assert [o.status for o in outcomes] == wanted
    assert [o.record_id for o in outcomes] == ["0", "1", "2"]


def test_an_echoed_id_column_is_not_taken_for_record_id(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,Company,STATUS,RECORD_ID,ERRORS\n77,Acme,UPDATED,77,\n")
    (outcome,) = read_part(PartResult(path, [2]))
    assert (outcome.status, outcome.record_id) == ("UPDATED", "77")


def test_row_count_mismatch_names_the_file_and_counts(whole):
    _, part = whole
    short = PartResult(part.result_file, LINES[:3], "Leads", "leads.csv")
    with pytest.raises(ResultError, match=r"has 4 result rows but the part sent 3"):
        read_part(short)
    long = PartResult(part.result_file, [*LINES, 7], "Leads", "leads.csv")
    with pytest.raises(ResultError, match=r"result\.zip \(leads\.csv\) has 4 result rows .* 5"):
        read_part(long)


def test_the_zip_member_is_picked_by_module_and_csv_name(tmp_path):
    result = _zip(
        tmp_path,
        {
            "Contacts-part001.csv": _result_csv([["a", "b", "c", "ADDED", "1", ""]]),
            "Leads-part001.csv": _result_csv([["a", "b", "c", "SKIPPED", "", "INVALID_DATA-x"]]),
        },
    )
    (leads,) = read_part(PartResult(result, [2], module="Leads", csv_name="part001.csv"))
    assert leads.status == "SKIPPED"
    with pytest.raises(ResultError, match="cannot tell which CSV"):
        read_part(PartResult(result, [2], csv_name="part001.csv"))


def test_unreadable_result_is_a_result_error(tmp_path):
    with pytest.raises(ResultError, match="cannot read"):
        read_part(PartResult(tmp_path / "missing.zip", [2]))
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ResultError, match="empty"):
        read_part(PartResult(empty, []))


def test_explain_counts_statuses_and_error_codes(whole):
    source, part = whole
    explanation = explain(source, [part])
    assert [row.line for row in explanation.rows] == LINES
    assert explanation.status_counts == {"ADDED": 2, "SKIPPED": 2}
    assert explanation.error_counts == {"MANDATORY_NOT_FOUND": 1, "INVALID_DATA": 1}
    assert not explanation.all_succeeded and explanation.failed == 2
    assert explanation.echo_mismatches == ()


def test_parts_out_of_order_merge_back_in_source_order(tmp_path):
    source = _source(tmp_path)
    second = _zip(tmp_path, {"Leads-p2.csv": _result_csv(ROWS[2:])}, "r2.zip")
    first = _zip(tmp_path, {"Leads-p1.csv": _result_csv(ROWS[:2])}, "r1.zip")
    explanation = explain(source, [PartResult(second, LINES[2:]), PartResult(first, LINES[:2])])
    assert [(r.line, r.status) for r in explanation.rows] == [
        (2, "ADDED"),
        (3, "SKIPPED"),
        (5, "SKIPPED"),
        (6, "ADDED"),
    ]


def test_a_record_no_part_answered_is_reported_without_a_result(tmp_path):
    source = _source(tmp_path)
    first = _zip(tmp_path, {"Leads-p1.csv": _result_csv(ROWS[:2])})
    explanation = explain(source, [PartResult(first, LINES[:2])])
    assert [(r.line, r.status) for r in explanation.rows][2:] == [(5, NO_RESULT), (6, NO_RESULT)]
    assert explanation.status_counts[NO_RESULT] == 2 and not explanation.all_succeeded
    assert "2 without a result" in summary_lines(explanation)[0]


def test_a_line_answered_twice_or_where_no_record_starts_is_refused(tmp_path):
    source = _source(tmp_path)
    one = _zip(tmp_path, {"L-a.csv": _result_csv(ROWS[:1])}, "a.zip")
    again = _zip(tmp_path, {"L-b.csv": _result_csv(ROWS[:1])}, "b.zip")
    with pytest.raises(ResultError, match="source line 2 is answered twice"):
        explain(source, [PartResult(one, [2]), PartResult(again, [2])])
    with pytest.raises(ResultError, match="line 4, where no record"):
        explain(source, [PartResult(one, [4])])
    with pytest.raises(ResultError, match="line 9, where no record"):
        explain(source, [PartResult(one, [9])])


def test_rows_out_of_line_with_the_source_are_refused(tmp_path):
    source = _source(tmp_path)
    shifted = _zip(tmp_path, {"Leads-leads.csv": _result_csv(ROWS[1:] + ROWS[:1])})
    with pytest.raises(ResultError, match="do not line up"):
        explain(source, [PartResult(shifted, LINES)])


def test_one_reformatted_echo_is_only_noted(tmp_path):
    source = _source(tmp_path)
    rows = [list(r) for r in ROWS]
    rows[3][2] = "KHAN@example.com "  # case and spaces are not a difference
    rows[0][1] = "ACME Inc"
    result = _zip(tmp_path, {"Leads-leads.csv": _result_csv(rows)})
    explanation = explain(source, [PartResult(result, LINES)])
    assert [(m.line, m.column) for m in explanation.echo_mismatches] == [(2, "Company")]
    assert "differ from the source (first: line 2, Company)" in summary_lines(explanation)[-1]


def test_bom_crlf_source_and_cp1252_failed_rows_are_kept_byte_for_byte(tmp_path):
    text = SOURCE.replace("\n", "\r\n").replace("Gamma", "Gämma")
    source = tmp_path / "win.csv"
    source.write_bytes(text.encode("cp1252"))
    rows = [list(r) for r in ROWS]
    rows[2][1] = "Gämma"
    result = _zip(tmp_path, {"Leads-win.csv": _result_csv(rows)})
    explanation = explain(source, [PartResult(result, LINES)])
    failed = write_failed_csv(explanation, tmp_path / "failed.csv")
    lines = text.encode("cp1252").split(b"\r\n")
    expected = b"\r\n".join([lines[0], lines[2], lines[3], lines[4]]) + b"\r\n"
    assert failed.read_bytes() == expected


def test_failed_out_keeps_a_bom_and_the_embedded_newline(tmp_path, whole):
    source = _source(tmp_path, "\ufeff" + SOURCE, name="bom.csv")
    _, part = whole
    failed = write_failed_csv(explain(source, [part]), tmp_path / "failed.csv")
    assert (
        failed.read_bytes()
        == (
            "\ufeffLast_Name,Company,Email,Note\n"
            ',Beta,nobody@example.com,"two\nlines"\n'
            "Lee,Gamma,not-an-email,third\n"
        ).encode()
    )


def test_result_out_has_line_status_id_errors_then_the_source_columns(tmp_path, whole):
    source, part = whole
    out = write_result_csv(explain(source, [part]), tmp_path / "result.csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == [
        "SOURCE_LINE",
        "STATUS",
        "RECORD_ID",
        "ERRORS",
        *SOURCE.split("\n")[0].split(","),
    ]
    assert rows[1] == ["2", "ADDED", "5001", "", "Smith", "Acme", "smith@example.com", "first"]
    assert rows[2][:4] == ["3", "SKIPPED", "", "MANDATORY_NOT_FOUND-Last_Name"]
    assert rows[2][-1] == "two\nlines"
    assert len(rows) == 5


def test_both_outputs_from_one_call_and_nothing_half_written(tmp_path, whole):
    source, part = whole
    explanation = explain(source, [part])
    result, failed = write_outputs(explanation, tmp_path / "r.csv", tmp_path / "f.csv")
    assert result.read_text().count("\n") == 6  # header, 4 rows, one embedded line end
    assert failed.read_text().startswith("Last_Name,")
    source.write_text("Last_Name\n" + '"never closed\n')
    with pytest.raises(ResultError):
        write_outputs(explanation, tmp_path / "r2.csv")
    assert not (tmp_path / "r2.csv").exists()


def test_predicted_vs_actual(whole):
    source, part = whole
    # mapper predicted line 3 (right) and line 6 (wrong: Zoho added it); missed line 5
    prediction = Prediction({3: ("MISSING_MANDATORY",), 6: ("BAD_EMAIL",)}, complete=True)
    explanation = explain(source, [part], prediction)
    assert explanation.agreed_failing == 1
    assert explanation.agreed_passing == 1
    assert [row.line for row in explanation.missed] == [5]
    assert explanation.overcautious == (6,)
    text = "\n".join(summary_lines(explanation))
    assert "1 of 2 failed rows predicted" in text
    assert "missed 1 failing rows: line 5 (INVALID_DATA)" in text
    assert "1 rows to fail that Zoho accepted: line 6" in text
    assert "capped" not in text
    capped = explain(source, [part], Prediction({}, complete=False))
    assert "capped" in "\n".join(summary_lines(capped))


def test_unprocessed_and_unanswered_rows_are_not_judged(tmp_path):
    source = _source(tmp_path)
    rows = [list(r) for r in ROWS[:2]]
    rows[1][3:] = ["UNPROCESSED", "", ""]
    result = _zip(tmp_path, {"Leads-leads.csv": _result_csv(rows)})
    explanation = explain(source, [PartResult(result, LINES[:2])], Prediction({}, True))
    assert (explanation.agreed_passing, explanation.missed, explanation.overcautious) == (1, (), ())
    assert explanation.status_counts == {"ADDED": 1, "UNPROCESSED": 1, NO_RESULT: 2}


def test_summary_lists_statuses_in_a_stable_order(whole):
    source, part = whole
    lines = summary_lines(explain(source, [part]))
    assert lines[0] == "leads.csv: 4 rows: 2 added, 2 skipped"
    assert lines[1] == "  rows per Zoho error: MANDATORY_NOT_FOUND 1, INVALID_DATA 1"


def test_all_succeeded(tmp_path):
    source = _source(tmp_path, "Last_Name\nA\nB\n")
    result = _zip(
        tmp_path, {"L-x.csv": "Last_Name,STATUS,RECORD_ID,ERRORS\nA,ADDED,1,\nB,UPDATED,2,\n"}
    )
    assert explain(source, [PartResult(result, [2, 3])]).all_succeeded
