"""The README's promises: two set-up commands that work, and a library snippet that runs."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def code_blocks(section: str, language: str) -> list[str]:
    body = README.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", body, flags=re.S)


def test_set_up_holds_exactly_two_commands() -> None:
    commands = [block.strip() for block in code_blocks("Set up", "sh")]
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert commands[0].startswith("pip install -e . && mapper ")
    assert " examples/" in commands[0]
    assert commands[1] == "pip install -e '.[test]' && python -m pytest"


def test_the_main_set_up_command_runs_on_its_example() -> None:
    main_job = code_blocks("Set up", "sh")[0].split(" && ", 1)[1]
    program, *args = shlex.split(main_job)
    assert program == "mapper"
    result = subprocess.run(
        [sys.executable, "-m", "mapper", *args], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["resource"][0]["field_mappings"]


def test_the_library_snippet_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    [snippet] = code_blocks("Library API", "python")
    monkeypatch.chdir(REPO)
    exec(compile(snippet, "README.md", "exec"), {})
