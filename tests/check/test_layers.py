"""The leaf modules and layering: which module may import which, and the shared helpers."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from mapper.pointer import child, pointer
from mapper.rules import FAMILIES
from mapper.suggest import closest, did_you_mean


def loaded_after(module: str) -> set[str]:
    """The project modules a fresh interpreter holds after importing ``module``."""
    code = (
        f"import sys, {module}; print(' '.join(m for m in sys.modules if m.startswith('mapper')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("mapper.diagnostics", {"mapper"}),
        ("mapper.pointer", {"mapper"}),
        ("mapper.suggest", {"mapper"}),
        ("mapper.catalog", {"mapper", "mapper.suggest"}),
        ("mapper.schema_predicate", {"mapper"}),
        (
            "mapper.schema",
            {"mapper", "mapper.pointer", "mapper.suggest", "mapper.schema_predicate"},
        ),
    ],
)
def test_lower_layers_import_no_higher_one(module: str, allowed: set[str]) -> None:
    loaded = loaded_after(module) - {module}
    assert {m for m in loaded if not m.startswith(f"{module}.")} <= allowed


def test_pointers_escape_tilde_and_slash() -> None:
    assert pointer() == ""
    assert pointer("resource", 0, "a/b~c") == "/resource/0/a~1b~0c"
    assert child(pointer("resource", 0), "x/y") == "/resource/0/x~1y"


def test_closest_prefers_the_same_name_in_another_case() -> None:
    assert closest("last_name", ["Last_Name", "First_Name"]) == "Last_Name"
    assert closest("Compnay", ["Company", "Email"]) == "Company"
    assert closest("zzz", ["Company", "Email"]) is None
    assert did_you_mean("Company") == "did you mean 'Company'?"
    assert did_you_mean(None) is None


PACKAGE = Path(__file__).parents[2] / "mapper"


def module_file(module: str) -> Path | None:
    relative = Path(*module.split(".")[1:])
    for candidate in (PACKAGE / relative / "__init__.py", PACKAGE / f"{relative}.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_by(module: str) -> set[str]:
    """Every mapper module ``module`` imports at run time, at the top or inside a function:
    a static read, so lazy imports count too; ``if TYPE_CHECKING:`` blocks do not."""
    found: set[str] = set()
    todo: list[ast.AST] = [ast.parse(module_file(module).read_text(encoding="utf-8"))]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        todo.extend(ast.iter_child_nodes(node))
    return {name for name in found if name.startswith("mapper.") and module_file(name)}


def reachable_from(*roots: str, skip: set[tuple[str, str]] = frozenset()) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        parent = module.rpartition(".")[0]
        imports = {name for name in imported_by(module) if (module, name) not in skip}
        todo.extend(imports | ({parent} if parent != "mapper" else set()))
    return seen


def upward(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[1] in ("match", "compile")}


# ``all_rules`` imports the families by name
RULES = ("mapper.rules", *(f"mapper.rules.{family}" for family in FAMILIES))


def test_rules_never_depend_on_matching_or_compiling() -> None:
    reached = reachable_from(*RULES)
    assert "mapper.catalog.find_by" in reached
    assert not upward(reached), f"the rules reach {sorted(upward(reached))}"


# edges left on the check path, each for a reason (the walk sees modules, not functions)
KNOWN_EDGES = {
    # pre-flight asks the matcher how strongly a header reads as the mapped field
    ("mapper.preflight.structure", "mapper.match.columns"),
    # profile asks mapper.frames only is_dataframe; its write_upload_csv takes a Compilation
    ("mapper.frames", "mapper.compile"),
}


def test_checking_never_depends_on_compiling() -> None:
    reached = reachable_from("mapper.check", *RULES, skip=KNOWN_EDGES)
    assert {"mapper.preflight", "mapper.frames", "mapper.catalog.find_by"} <= reached
    assert not upward(reached), f"the checker reaches {sorted(upward(reached))}"
    assert upward(reachable_from("mapper.check", *RULES)), "a known edge is gone: drop it"


def test_the_code_registry_imports_no_stage() -> None:
    assert imported_by("mapper.diagnostics") == set()
    assert "mapper.diagnostics" not in reachable_from("mapper.diagnostics") - {"mapper.diagnostics"}


def test_the_walk_sees_lazy_imports() -> None:
    # mapper.codes imports the compiler's codes; review imports the matcher inside functions
    assert "mapper.compile.codes" in reachable_from("mapper.codes")
    assert "mapper.match" in imported_by("mapper.review.build")
