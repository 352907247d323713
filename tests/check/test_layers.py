"""The leaf modules and layering: which module may import which, and the shared helpers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mapper.pointer import child, pointer
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
        ("mapper.schema", {"mapper", "mapper.pointer", "mapper.suggest"}),
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
