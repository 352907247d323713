"""The `mapper-check` pre-commit hook: its entry, run the way pre-commit runs it."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# PyYAML comes with pre-commit itself; the lead may add it to the test extras
yaml = pytest.importorskip("yaml")

REPO = Path(__file__).parents[2]
EXAMPLES = sorted((REPO / "examples" / "specs").glob("*.json"))


@pytest.fixture(scope="module")
def hook() -> dict:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [found] = [h for h in hooks if h["id"] == "mapper-check"]
    return found


def hook_command(hook: dict) -> list[str]:
    """The entry as pre-commit runs it; the console script, else this interpreter's module."""
    program, *args = shlex.split(hook["entry"])
    assert program == "mapper"
    executable = shutil.which(program)
    return [executable, *args] if executable else [sys.executable, "-m", "mapper", *args]


def test_hook_is_a_python_hook_on_json(hook: dict) -> None:
    assert hook["language"] == "python"
    assert hook["types"] == ["json"]


@pytest.mark.parametrize(
    ("path", "selected"),
    [
        ("examples/specs/leads-insert.bulk-write.json", True),
        ("crm/inputData.json", True),
        ("jobs/contacts_bulk_write.json", True),
        ("package.json", False),
        ("crm/fields/Leads.json", False),
        ("notes/bulk-write.json.bak", False),
    ],
)
def test_files_pattern(hook: dict, path: str, selected: bool) -> None:
    assert bool(re.search(hook["files"], path)) is selected


def test_hook_passes_on_the_example_specs(hook: dict) -> None:
    assert EXAMPLES
    for spec in EXAMPLES:
        assert re.search(hook["files"], spec.relative_to(REPO).as_posix())
    result = subprocess.run(
        [*hook_command(hook), *map(str, EXAMPLES)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hook_fails_on_a_broken_spec(hook: dict, tmp_path: Path) -> None:
    spec = tmp_path / "inputData.json"
    spec.write_text('{"operation": "insert", "callBack": {}}', encoding="utf-8")
    result = subprocess.run(
        [*hook_command(hook), str(spec)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "BW004" in result.stdout
