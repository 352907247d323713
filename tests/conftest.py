"""Helpers every test folder may use."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence

import pytest

ImportCheck = Callable[..., "subprocess.CompletedProcess[str]"]
# HTTP clients: only commands that talk to Zoho may load one (issue 9, item 8)
HTTP_LIBRARIES = ("httpx", "httpcore", "h11", "requests", "urllib3")


def _run_importing_nothing_heavy(
    code: str, forbidden: Sequence[str] = ("pandas", "pyarrow", *HTTP_LIBRARIES)
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (a CLI's exit 0 counts as success) and assert it
    ended without importing any ``forbidden`` module. Returns the run, for its output."""
    script = (
        "import sys\n"
        "try:\n"
        f"{textwrap.indent(textwrap.dedent(code), '    ')}\n"
        "except SystemExit as exit:\n"
        "    if exit.code:\n"
        "        raise\n"
        f"heavy = sorted(m for m in {tuple(forbidden)!r} if m in sys.modules)\n"
        "assert not heavy, f'imported {heavy}'\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr or f"exit {result.returncode}"
    return result


@pytest.fixture
def assert_imports_nothing_heavy() -> ImportCheck:
    """``assert_imports_nothing_heavy(code, forbidden=("pandas", "pyarrow", HTTP libraries))``:
    the modules the ``mapper check`` path, help and listings must never load (they cost
    seconds, and checking has no business on the network)."""
    return _run_importing_nothing_heavy
