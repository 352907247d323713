"""The project's own local pre-commit hooks pass on the files they select."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

REPO = Path(__file__).parents[1]


def local_hooks() -> list[dict]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]


def selected_files(hook: dict) -> list[str]:
    tracked = [p.relative_to(REPO).as_posix() for p in REPO.rglob("*") if p.is_file()]
    exclude = hook.get("exclude")
    return sorted(
        path
        for path in tracked
        if re.search(hook["files"], path) and not (exclude and re.search(exclude, path))
    )


@pytest.mark.parametrize("hook", local_hooks(), ids=lambda hook: hook["id"])
def test_local_hook_passes_on_its_files(hook: dict) -> None:
    files = selected_files(hook)
    assert files, f"{hook['id']} selects no file"
    program, *args = shlex.split(hook["entry"])
    command = [shutil.which(program) or sys.executable, *args]
    if command[0] == sys.executable:
        command[1:1] = ["-m", "mapper"]
    result = subprocess.run([*command, *files], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
