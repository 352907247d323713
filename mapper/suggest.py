"""Did-you-mean suggestions for a misspelt name (field, module, key, code, config key).

A leaf module: it imports nothing of the project, so every stage may use it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``name`` most likely meant: equal ignoring case, else the most similar.

    None when nothing is similar enough (difflib's ratio below 0.6).
    """
    by_fold = {c.casefold(): c for c in reversed(list(candidates))}
    folded = name.casefold()
    if folded in by_fold:
        return by_fold[folded]
    matches = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return by_fold[matches[0]] if matches else None


def did_you_mean(guess: str | None) -> str | None:
    """The hint offering ``guess``, when there is one."""
    return f"did you mean '{guess}'?" if guess else None
