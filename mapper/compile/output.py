"""The compiled spec as text: deterministic JSON (files are written by `mapper.files`)."""

from __future__ import annotations

import json


def render_json(body: dict) -> str:
    """2-space indent, keys in insertion order, trailing newline, non-ASCII kept readable."""
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
