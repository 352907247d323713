"""Each rule of `mapper fix` on its own, over small files: what it rewrites, what it
refuses, and that every other byte of the file stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from fix_helpers import EXAMPLES, fix_module, fix_spec, org_catalog, spec

from mapper.catalog import load_catalog
from mapper.fix import FixError, FixOptions


@pytest.fixture(scope="module")
def catalog():
    return org_catalog()


def write(tmp_path: Path, text: str, name: str = "in.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def fixed_lines(tmp_path: Path) -> list[str]:
    return (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()


def test_european_export_becomes_plain(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "Deal Name;Amount;Closing Date\nA;1.234,56;31.12.2024\nB; 980,00 ;01.02.2025\n",
    )
    report = fix_module(source, tmp_path / "out.csv", "Deals", load_catalog())
    assert fixed_lines(tmp_path) == [
        "Deal Name,Amount,Closing Date",
        "A,1234.56,12/31/2024",
        "B,980.00,02/01/2025",
    ]
    assert report.formats == {2: "MM/dd/yyyy"}
    amount = next(c for c in report.columns if c.rule.api_name == "Amount")
    assert amount.changed == 2 and amount.examples[0] == ("1.234,56", "1234.56")
    assert report.clean


def test_iso_style_for_dates(tmp_path: Path) -> None:
    source = write(tmp_path, "Deal Name,Closing Date\nA,31.12.2024\n")
    fix = FixOptions(date_style="iso")
    report = fix_module(source, tmp_path / "out.csv", "Deals", load_catalog(), fix)
    assert fixed_lines(tmp_path)[1] == "A,2024-12-31"
    assert report.formats == {1: "yyyy-MM-dd"}


def test_twelve_hour_clock_to_24(tmp_path: Path, catalog) -> None:
    source = write(
        tmp_path,
        "Last Name,Last Contacted\nA,3/14/2024 2:05 PM\nB,1/9/2024 12:00 AM\nC,1/9/2024 12:30 PM\n",
    )
    report = fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    assert fixed_lines(tmp_path)[1:] == [
        "A,03/14/2024 14:05:00",
        "B,01/09/2024 00:00:00",
        "C,01/09/2024 12:30:00",
    ]
    assert report.formats == {1: "MM/dd/yyyy HH:mm:ss"}


def test_ambiguous_dates_are_never_guessed(tmp_path: Path) -> None:
    text = "Deal Name,Closing Date\nA,03.04.2024\nB,05.06.2024\n"
    source = write(tmp_path, text)
    report = fix_module(source, tmp_path / "out.csv", "Deals", load_catalog())
    assert fixed_lines(tmp_path)[1:] == ["A,03.04.2024", "B,05.06.2024"]
    column = next(c for c in report.columns if c.rule.api_name == "Closing_Date")
    assert "--dayfirst" in (column.note or "")
    assert [(u.line, u.index) for u in report.unfixable] == [(2, 1), (3, 1)]
    decided = fix_module(
        source, tmp_path / "out.csv", "Deals", load_catalog(), date_order="dayfirst"
    )
    assert fixed_lines(tmp_path)[1:] == ["A,04/03/2024", "B,06/05/2024"]
    assert decided.clean


def test_date_format_option_reads_the_values(tmp_path: Path) -> None:
    source = write(tmp_path, "Deal Name,Closing Date\nA,2024/12/31\nB,31.12.2024\n")
    report = fix_module(
        source, tmp_path / "out.csv", "Deals", load_catalog(),
        date_formats=(("Closing Date", "yyyy/MM/dd"),),
    )  # fmt: skip
    assert fixed_lines(tmp_path)[1:] == ["A,12/31/2024", "B,31.12.2024"]
    assert [(u.line, u.value) for u in report.unfixable] == [(3, "31.12.2024")]


def test_invalid_calendar_dates_are_left(tmp_path: Path) -> None:
    source = write(tmp_path, "Deal Name,Closing Date\nA,31.12.2024\nB,30.02.2024\n")
    report = fix_module(
        source, tmp_path / "out.csv", "Deals", load_catalog(),
        date_formats=(("Closing Date", "dd.MM.yyyy"),),
    )  # fmt: skip
    assert fixed_lines(tmp_path)[2] == "B,30.02.2024"
    assert report.unfixable[0].reason == "not a date in dd.MM.yyyy"


def test_offsets_and_invented_times_are_refused(tmp_path: Path, catalog) -> None:
    source = write(tmp_path, "Last Name,Last Contacted\nA,2024-03-14T10:00:00+01:00\n")
    report = fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    assert fixed_lines(tmp_path)[1] == "A,2024-03-14T10:00:00+01:00"
    assert "UTC offset" in (report.unfixable[0].reason)
    source = write(tmp_path, "Last Name,Last Contacted\nA,2024-03-14\n")
    report = fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    assert "does not invent a time" in report.unfixable[0].reason


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1,234", "1,5"], None),  # a thousands group beside a decimal comma: mixed
        (["1,234.56", "1,5"], None),
        (["1,234", "2,000"], None),  # no value tells ',' apart
        (["1,234.56", "$2,000", "-3"], ["1234.56", "2000", "-3"]),
        (["1 234,5", "12", "0,125"], ["1234.5", "12", "0.125"]),
        (["12.5", "7"], ["12.5", "7"]),
    ],
)
def test_number_conventions_over_the_whole_column(
    tmp_path: Path, values: list[str], expected: list[str] | None
) -> None:
    rows = "".join(f'A,"{value}"\n' for value in values)
    source = write(tmp_path, "Deal Name,Amount\n" + rows)
    report = fix_module(source, tmp_path / "out.csv", "Deals", load_catalog())
    written = [line.split(",", 1)[1].strip('"') for line in fixed_lines(tmp_path)[1:]]
    if expected is None:
        assert written == values
        amount = next(c for c in report.columns if c.rule.api_name == "Amount")
        assert amount.note and "line" in amount.note
        assert {u.line for u in report.unfixable} == set(range(2, 2 + len(values)))
    else:
        assert written == expected
        assert report.clean


def test_whole_number_fields_refuse_decimals(tmp_path: Path) -> None:
    source = write(tmp_path, 'Deal Name,Probability\nA,"1.234"\nB,"12,5"\n')
    report = fix_module(source, tmp_path / "out.csv", "Deals", load_catalog())
    assert fixed_lines(tmp_path)[1:] == ["A,1234", 'B,"12,5"']
    assert "whole number" in report.unfixable[0].reason


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["yes", "NO", "Ja", "nein", "oui", "Non", "sí", "Y", "n", "1", "0", "TRUE", "False"],
         ["true", "false", "true", "false", "true", "false", "true", "true", "false", "true",
          "false", "true", "false"]),
        (["x", "", "X"], ["true", "false", "true"]),
    ],
)  # fmt: skip
def test_booleans(tmp_path: Path, catalog, words: list[str], expected: list[str]) -> None:
    rows = "".join(f"L{i},{word}\n" for i, word in enumerate(words))
    source = write(tmp_path, "Last Name,Newsletter\n" + rows)
    report = fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    assert [line.split(",")[1] for line in fixed_lines(tmp_path)[1:]] == expected
    assert report.clean


def test_blank_is_false_only_in_a_column_of_ticks(tmp_path: Path, catalog) -> None:
    source = write(tmp_path, "Last Name,Newsletter\nA,x\nB,\nC,no\nD,maybe\n")
    report = fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    assert [line.split(",")[1] for line in fixed_lines(tmp_path)[1:]] == ["x", "", "false", "maybe"]
    assert [u.value for u in report.unfixable] == ["x", "maybe"]


def test_multi_select_separators(tmp_path: Path, catalog) -> None:
    source = write(
        tmp_path, 'Last Name,Interests\nA,"Email, Phone"\nB,Webinars|Events\nC, Email ; Phone \n'
    )
    fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    assert fixed_lines(tmp_path)[1:] == ["A,Email;Phone", "B,Webinars;Events", "C,Email;Phone"]


def test_formulas_reported_or_neutralised(tmp_path: Path, catalog) -> None:
    source = write(tmp_path, "Last Name,Company\nA,=HYPERLINK(1)\nB,+49 30 1234\n")
    report = fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    assert fixed_lines(tmp_path)[1] == "A,=HYPERLINK(1)"
    assert [(u.line, u.index) for u in report.unfixable] == [(2, 2 - 1)]
    report = fix_module(
        source, tmp_path / "out.csv", "Leads", catalog, FixOptions(neutralise_formulas=True)
    )
    assert fixed_lines(tmp_path)[1:] == ["A,'=HYPERLINK(1)", "B,+49 30 1234"]
    assert report.clean


def test_unmapped_columns_and_untouched_cells_keep_their_text(tmp_path: Path, catalog) -> None:
    text = (
        "Last Name,Notes,Newsletter\r\n"
        '"Smith, Jr."," spaced ; 1.234,5 ",yes\r\n'
        'Lee,"two\r\nlines",no\r\n'
        'Müller,"say ""hi""",\r\n'
    )
    source = write(tmp_path, text, encoding="cp1252")
    fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    assert (tmp_path / "out.csv").read_bytes() == (
        "Last Name,Notes,Newsletter\r\n"
        '"Smith, Jr."," spaced ; 1.234,5 ",true\r\n'
        'Lee,"two\r\nlines",false\r\n'
        'Müller,"say ""hi""",\r\n'
    ).encode()


def test_ragged_records_are_copied_in_place(tmp_path: Path, catalog) -> None:
    source = write(tmp_path, "Last Name,Newsletter\nA,yes\nB,no,extra\nC\n\nD,Y\n")
    report = fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    # a blank line is a record of empty fields, as the reader (and the pre-flight) read it
    assert fixed_lines(tmp_path) == [
        "Last Name,Newsletter", "A,true", "B,no,extra", "C", ",", "D,true"
    ]  # fmt: skip
    assert report.rows == 5 and report.ragged == 2
    assert [u.line for u in report.unfixable] == [3, 4]


def test_semicolon_input_is_requoted_for_commas(tmp_path: Path) -> None:
    source = write(tmp_path, "Deal Name;Stage\nSmith, Jones & Co;Closed Won\n")
    fix_module(source, tmp_path / "out.csv", "Deals", load_catalog())
    assert fixed_lines(tmp_path)[1] == '"Smith, Jones & Co",Closed Won'


def test_spec_mode_uses_the_spec_mappings_and_format(tmp_path: Path, catalog) -> None:
    source = write(tmp_path, "a,b,c\nSmith,14.03.2024 14:05,ja\n")
    body = spec(
        "Leads",
        {"api_name": "Last_Name", "index": 0},
        {"api_name": "Last_Contacted__c", "index": 1, "format": "dd.MM.yyyy HH:mm"},
        {"api_name": "Newsletter__c", "index": 2},
    )
    report = fix_spec(source, tmp_path / "out.csv", body, catalog)
    assert fixed_lines(tmp_path)[1] == "Smith,03/14/2024 14:05:00,true"
    assert report.formats == {1: "MM/dd/yyyy HH:mm:ss"}


def test_the_input_is_never_the_output(tmp_path: Path, catalog) -> None:
    source = write(tmp_path, "Last Name\nA\n")
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    hard = tmp_path / "hard.csv"
    hard.hardlink_to(source)
    for target in (source, link, hard, tmp_path / "." / "in.csv"):
        with pytest.raises(FixError, match="never overwrites"):
            fix_module(source, target, "Leads", catalog)
    assert source.read_text() == "Last Name\nA\n"


def test_output_is_atomic_and_deterministic(tmp_path: Path, catalog) -> None:
    source = EXAMPLES / "leads_us.csv"
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    fix_module(source, first, "Leads", catalog)
    fix_module(source, second, "Leads", catalog)
    assert first.read_bytes() == second.read_bytes()
    with pytest.raises(FixError, match="cannot write"):
        fix_module(source, tmp_path / "missing" / "out.csv", "Leads", catalog)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.csv", "two.csv"]


def test_scientific_notation_is_written_out(tmp_path: Path) -> None:
    source = write(tmp_path, "Deal Name,Amount\nA,6.0E7\nB,1.5e-2\nC,12.5\n")
    report = fix_module(source, tmp_path / "out.csv", "Deals", load_catalog())
    assert fixed_lines(tmp_path)[1:] == ["A,60000000", "B,0.015", "C,12.5"]
    assert report.clean


def test_pick_list_values_are_no_formulas(tmp_path: Path, catalog) -> None:
    source = write(tmp_path, "Last Name,Lead Source\nA,-None-\nB,-Other-\n")
    report = fix_module(source, tmp_path / "out.csv", "Leads", catalog)
    assert [(u.line, u.value) for u in report.unfixable] == [(3, "-Other-")]


def test_spec_mode_reads_a_date_without_format_in_its_profiled_pattern(
    tmp_path: Path, catalog
) -> None:
    source = write(tmp_path, 'a,b,c\nSmith,31.12.2024,"1.234,5"\nLee,01.02.2025,7\n')
    body = spec(
        "Deals",
        {"api_name": "Deal_Name", "index": 0},
        {"api_name": "Closing_Date", "index": 1},
        {"api_name": "Amount", "index": 2, "format": "#,##0.00"},
        {"api_name": "Stage", "index": 7},  # past the last column: nothing to fix
    )
    report = fix_spec(source, tmp_path / "out.csv", body, load_catalog())
    assert fixed_lines(tmp_path)[1:] == ["Smith,12/31/2024,1234.5", "Lee,02/01/2025,7"]
    from mapper.fix.spec import fixed_spec

    mappings = fixed_spec(body, report)["resource"][0]["field_mappings"]
    assert mappings[1]["format"] == "MM/dd/yyyy" and "format" not in mappings[2]
