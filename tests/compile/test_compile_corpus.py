"""Every real export in the shared corpus compiles or is refused with a message, never crashes.

Reads ../shared/corpus/real in place; skipped when the corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from compile_helpers import REPO, options

from mapper.catalog import Catalog
from mapper.compile import CompileError, compile_spec, render_json

CORPUS = REPO / ".." / "shared" / "corpus" / "real"
FILES = sorted(CORPUS.rglob("*.csv")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not FILES, reason="the shared corpus is not next to the repository")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_real_export_compiles_or_is_refused_cleanly(path: Path, catalog: Catalog) -> None:
    try:
        result = compile_spec(path, options("Contacts", date_order="dayfirst"), catalog)
    except CompileError as error:
        assert error.message
        return
    if result.body is not None:
        assert render_json(result.body).endswith("}\n")
    mapped = {row.index for row in result.explain}
    left_out = {column.index for column in result.unmapped}
    assert not mapped & left_out
