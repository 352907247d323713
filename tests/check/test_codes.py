"""The code registry: every code the tool can emit is registered once and listed."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper import diagnostics
from mapper.cli import main
from mapper.codes import known_codes
from mapper.diagnostics import Code, Severity, register, registered
from mapper.rules import FAMILIES, Rule, all_rules

CASES = Path(__file__).parents[1] / "cases"
CODE_MODULES = (
    "mapper.spec",
    "mapper.check",
    "mapper.preflight.codes",
    "mapper.compile.codes",
    *(f"mapper.rules.{family}" for family in FAMILIES),
)


def module_constants() -> list[tuple[str, Code]]:
    found = []
    for name in CODE_MODULES:
        module = importlib.import_module(name)
        found += [(f"{name}.{attr}", v) for attr, v in vars(module).items() if isinstance(v, Code)]
    return found


def test_every_code_constant_is_the_registered_one() -> None:
    by_code = {code.code: code for code in known_codes()}
    constants = module_constants()
    assert {code.code for _, code in constants} == set(by_code)
    for where, code in constants:
        assert by_code.get(code.code) is code, where


def test_every_case_folder_code_is_registered() -> None:
    folders = {path.name for path in CASES.glob("BW*") if path.is_dir()}
    assert folders
    assert folders <= {code.code for code in known_codes()}


def test_known_codes_are_sorted_and_cover_every_family() -> None:
    codes = known_codes()
    assert [c.code for c in codes] == sorted(c.code for c in codes)
    families = {c.family for c in codes}
    assert {"input", "preflight", "compile", *FAMILIES} <= families
    assert set(all_rules()) == {c for c in codes if isinstance(c, Rule)}


def test_mapper_rules_lists_and_explains_the_compile_codes() -> None:
    listing = CliRunner().invoke(main, ["rules"]).stdout
    rows = {line.split()[0]: line for line in listing.splitlines()}
    assert "ambiguous-date-column" in rows["BW801"]
    assert set(rows) == {code.code for code in known_codes()}
    explained = CliRunner().invoke(main, ["rules", "bw805"])
    assert explained.exit_code == 0
    assert "mixed-encodings" in explained.stdout and "compile" in explained.stdout


def test_a_code_is_registered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diagnostics, "_REGISTRY", {})
    second = Code("BW990", "second", "Second.", Severity.INFO)
    first = Code("BW989", "first", "First.", Severity.INFO)
    assert register(second) is second and register(first) is first
    assert registered() == [first, second]
    with pytest.raises(ValueError, match="BW990"):
        register(Code("BW990", "again", "Again.", Severity.ERROR))


def test_a_diagnostic_takes_the_code_defaults_unless_overridden() -> None:
    code = Code("BW991", "sample", "Sample.", Severity.ERROR, "INVALID_DATA", hint="do this")
    plain = code.diagnostic("bad", path="a.csv", line=3, column=2)
    assert (plain.code, plain.severity, plain.path, plain.line, plain.column) == (
        "BW991",
        Severity.ERROR,
        "a.csv",
        3,
        2,
    )
    assert (plain.zoho_code, plain.hint, plain.pointer) == ("INVALID_DATA", "do this", None)
    other = code.diagnostic("bad", hint="other", severity=Severity.WARNING, zoho_code=None)
    assert (other.hint, other.severity, other.zoho_code, other.path) == (
        "other",
        Severity.WARNING,
        None,
        "-",
    )


def test_a_rule_diagnostic_keeps_its_zoho_code_when_given_none() -> None:
    rule = next(r for r in all_rules() if r.zoho_code is not None)
    found = rule.diag("/operation", "message", zoho_code=None)
    assert (found.code, found.pointer, found.zoho_code) == (rule.code, "/operation", rule.zoho_code)
    assert found.hint is None and found.line is None


@pytest.mark.parametrize("args", [["rules"], ["rules", "BW801"]])
def test_mapper_rules_does_not_import_pandas_or_pyarrow(
    args: list[str], assert_imports_nothing_heavy
) -> None:
    result = assert_imports_nothing_heavy(f"from mapper.cli import main\nmain({args!r})\n")
    assert "BW801" in result.stdout


def test_the_compile_codes_load_without_the_compile_pipeline(
    assert_imports_nothing_heavy,
) -> None:
    result = assert_imports_nothing_heavy(
        "import mapper.compile.codes\n"
        "print(sorted(m for m in sys.modules if m.startswith('mapper.')))\n"
    )
    assert (
        result.stdout.strip() == "['mapper.compile', 'mapper.compile.codes', 'mapper.diagnostics']"
    )
