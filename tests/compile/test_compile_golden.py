"""Golden specs: each command in examples/README.md re-run and compared byte for byte.

Goldens are never rewritten here; a mismatch means the compiler's output changed and a
person has to review the new spec before re-running the command by hand.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from compile_helpers import EXAMPLES, REPO

from mapper.cli import main

README = EXAMPLES / "README.md"


def golden_commands() -> list[list[str]]:
    """The `mapper compile ... -o examples/X.inputData.json` lines of the README."""
    lines = README.read_text(encoding="utf-8").splitlines()
    return [
        shlex.split(line)[1:]
        for line in lines
        if line.startswith("mapper compile ") and "-o examples/" in line
    ]


def output_of(argv: list[str]) -> Path:
    return REPO / argv[argv.index("-o") + 1]


def with_output(argv: list[str], output: str) -> list[str]:
    position = argv.index("-o") + 1
    return [*argv[:position], output, *argv[position + 1 :]]


COMMANDS = golden_commands()


def test_readme_lists_every_golden() -> None:
    listed = {output_of(argv).name for argv in COMMANDS}
    present = {path.name for path in EXAMPLES.glob("*.inputData.json")}
    assert listed == present
    assert len(listed) >= 7


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: output_of(argv).name)
def test_golden_spec_is_reproduced(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    produced = tmp_path / "spec.json"
    result = CliRunner().invoke(main, with_output(argv, str(produced)))
    assert result.exit_code == 0, result.stderr
    assert produced.read_bytes() == output_of(argv).read_bytes()


def test_golden_through_a_real_process() -> None:
    argv = next(a for a in COMMANDS if output_of(a).name == "contacts_export.inputData.json")
    completed = subprocess.run(
        [sys.executable, "-m", "mapper", *with_output(argv, "-")],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    assert completed.stdout == output_of(argv).read_bytes()
