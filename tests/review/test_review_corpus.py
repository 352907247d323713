"""Every real export in the shared corpus gets a page, or a clean refusal, never a crash.

Reads ../shared/corpus/real in place; skipped when the corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mapper.catalog import load_catalog
from mapper.compile import CompileError, CompileOptions, compile_spec
from mapper.review import render_html, review_compilation

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus" / "real"
FILES = sorted(CORPUS.rglob("*.csv")) if CORPUS.is_dir() else []
OPTIONS = CompileOptions(module="Contacts", date_order="dayfirst")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.skipif(not FILES, reason="the shared corpus is not next to the repository")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_real_export_gets_a_page_or_a_clean_refusal(path: Path, catalog) -> None:
    try:
        compilation = compile_spec(path, OPTIONS, catalog)
    except CompileError as error:
        assert error.message
        return
    review = review_compilation(compilation, OPTIONS, catalog)
    page = render_html(review)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    shown = {c.index for c in review.columns} | {c.index for c in review.unmapped}
    assert shown == set(range(len(review.header)))
