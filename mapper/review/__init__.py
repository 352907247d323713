"""The review page: what an import will do, for the person who approves it.

``review_compilation`` (after `mapper.compile.compile_spec`) or ``review_spec`` (an existing
spec and its CSV) gather the profile, the mappings with their evidence, the findings and
the predicted result into a `Review`; ``render_html`` draws it as one self-contained page.
The package loads lazily: Jinja2 only when a page is drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapper import lazy_names

if TYPE_CHECKING:
    from mapper.review.build import review_compilation, review_spec
    from mapper.review.html import render_html
    from mapper.review.model import Review

__all__ = ["Review", "render_html", "review_compilation", "review_spec"]

_HOME = {
    "review_compilation": "build",
    "review_spec": "build",
    "render_html": "html",
    "Review": "model",
}

__getattr__ = lazy_names(__name__, _HOME)
