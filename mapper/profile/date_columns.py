"""Proving a column's date pattern over every value, batch after batch.

A `DateTracker` keeps the shapes its column's values have (with counts) and the candidate
patterns still standing; a pattern survives only while every value matches it. Per-value work
is one check per candidate: a few numpy passes over the values' bytes when the pattern is
fixed-width (`mapper.dates.layout`), else its regex as a pyarrow.compute kernel. Python looks
only at the first values of each new shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mapper.dates import has_time, meaning, pattern_regex
from mapper.dates.infer import (
    by_preference,
    candidate_patterns,
    loosened,
    pattern_shape,
    settle_hint,
    shape,
)
from mapper.dates.layout import FixedLayout

if TYPE_CHECKING:
    import pyarrow as pa


HEAD_VALUES = 256  # tried first: a regex that fails usually fails early
RULED_OUT = 4  # readings remembered with the value that ruled each out


def every_match(values: pa.Array, regex: str) -> bool:
    """Whether the RE2 ``regex`` matches every value; the head goes first, sparing a whole
    pass when a value there fails already."""
    import pyarrow.compute as pc

    if len(values) > 4 * HEAD_VALUES:
        head = values.slice(0, HEAD_VALUES)
        if not pc.all(pc.match_substring_regex(head, regex)).as_py():
            return False
    return bool(pc.all(pc.match_substring_regex(values, regex)).as_py())


@dataclass(frozen=True)
class DateVerdict:
    """A column's date kind and pattern (or candidates), as far as its values prove them."""

    kind: str | None = None
    format: str | None = None
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()
    note: str | None = None
    # (value, pattern it rules out) for readings of another meaning than ``format``
    settled_by: tuple[tuple[str, str], ...] = ()


class _Candidate:
    """A pattern still standing, and the looser spellings it may widen to (each with its
    regex, and its byte layout when the spelling is fixed-width)."""

    def __init__(self, pattern: str, rank: int) -> None:
        self.rank = rank
        self.variants = [
            (groups, text, pattern_regex(text), FixedLayout.of(text))
            for groups, text in loosened(pattern)
        ]
        self.shapes = [pattern_shape(text) for _, text, *_ in self.variants]
        self.current = 0

    @property
    def pattern(self) -> str:
        return self.variants[self.current][1]

    @property
    def shape(self) -> str | None:
        """The one shape of the values the pattern (as last spelt) reads (`pattern_shape`)."""
        return self.shapes[self.current]

    def holds(self, values: pa.Array) -> bool:
        """Whether every value matches, widening to a looser spelling when that is needed."""
        groups, _, regex, layout = self.variants[self.current]
        if _every_value_fits(values, regex, layout):
            return True
        for index in range(self.current + 1, len(self.variants)):
            wider, _, regex, layout = self.variants[index]
            if wider >= groups and _every_value_fits(values, regex, layout):
                self.current = index
                return True
        return False

    def first_misfit(self, values: pa.Array) -> str:
        """The first value this candidate (as last spelt) does not read."""
        import pyarrow.compute as pc

        regex = self.variants[self.current][2]
        misfits = pc.indices_nonzero(pc.invert(pc.match_substring_regex(values, regex)))
        return str(values[misfits[0].as_py()].as_py()) if len(misfits) else ""


def _every_value_fits(values: pa.Array, regex: str, layout: FixedLayout | None) -> bool:
    """The byte layout's verdict when it has one (a few numpy passes), else the regex's."""
    verdict = layout.check(values) if layout is not None else None
    return every_match(values, regex) if verdict is None else verdict


class _Shape:
    def __init__(self, regex: str, timed: bool) -> None:
        self.regex = regex
        self.timed = timed
        self.count = 0


class DateTracker:
    """Date facts of a column: its value shapes with counts, and the candidates left."""

    MAX_SHAPES = 24

    def __init__(self) -> None:
        self.failed = False
        self.shapes: dict[str, _Shape] = {}
        self.candidates: list[_Candidate] | None = None
        # (pattern, value that ruled it out), in the order they fell
        self.ruled_out: list[tuple[str, str]] = []

    def update(self, values: pa.Array, weights: pa.Array | None) -> None:
        if self.failed or self._settled_by_one_shape(values, weights):
            return
        rest = self._count_shapes(values, weights)
        while rest is not None:
            if not self._learn_shapes(rest[0]):
                self.failed = True
                return
            rest = self._count_shapes(*rest)
        self._keep_holding(values)

    def _keep_holding(self, values: pa.Array) -> None:
        """Drop the candidates a value fails, remembering that value (cheap: it happens
        once per candidate at most)."""
        kept = []
        for candidate in self.candidates or ():
            if candidate.holds(values):
                kept.append(candidate)
            elif len(self.ruled_out) < RULED_OUT:
                self.ruled_out.append((candidate.pattern, candidate.first_misfit(values)))
        self.candidates = kept

    def screen(self, first: str) -> None:
        """Fail at once when the column's first value is no date (as `update` would)."""
        if not self.shapes and not candidate_patterns(first):
            self.failed = True

    def _settled_by_one_shape(self, values: pa.Array, weights: pa.Array | None) -> bool:
        """One pass instead of two in the usual case: a single shape so far, and a candidate
        that reads only that shape reads every value, so they all have it."""
        import pyarrow.compute as pc

        if len(self.shapes) != 1 or not self.candidates:
            return False
        ((display, known),) = self.shapes.items()
        if all(c.shape != display for c in self.candidates):
            return False
        self._keep_holding(values)
        if all(c.shape != display for c in self.candidates):
            return False
        known.count += len(values) if weights is None else pc.sum(weights).as_py()
        return True

    def _count_shapes(self, values: pa.Array, weights: pa.Array | None) -> Any:
        """Add each known shape's count; the values no known shape matches, or None."""
        import pyarrow.compute as pc

        for known in sorted(self.shapes.values(), key=lambda s: -s.count):
            hits = pc.match_substring_regex(values, known.regex)
            matched = pc.sum(hits if weights is None else weights.filter(hits)).as_py() or 0
            known.count += matched
            if pc.all(hits).as_py():
                return None
            if matched:
                misses = pc.invert(hits)
                values = values.filter(misses)
                weights = None if weights is None else weights.filter(misses)
        return values, weights

    def _learn_shapes(self, values: pa.Array) -> bool:
        """Register the shapes of new values; False when one is no date at all."""
        learnt = False
        for value in values.slice(0, 64).to_pylist():
            display, regex = shape(value)
            if display in self.shapes:
                continue
            patterns = candidate_patterns(value)
            if not patterns or len(self.shapes) >= self.MAX_SHAPES:
                return False
            self.shapes[display] = _Shape(regex, has_time(patterns[0]))
            learnt = True
            if self.candidates is None:
                self.candidates = [_Candidate(p, rank) for rank, p in enumerate(patterns)]
        return learnt

    def verdict(self) -> DateVerdict:
        if self.failed or not self.shapes:
            return DateVerdict()
        alive = self.candidates or []
        if not alive:
            kind = "datetime" if any(s.timed for s in self.shapes.values()) else "date"
            return DateVerdict(kind=kind, note=self._mixed_note())
        kind = "datetime" if has_time(alive[0].pattern) else "date"
        per_meaning: dict[tuple[str, ...], list[str]] = {}
        for candidate in sorted(alive, key=lambda c: c.rank):
            per_meaning.setdefault(meaning(candidate.pattern), []).append(candidate.pattern)
        best = tuple(by_preference(patterns)[0] for patterns in per_meaning.values())
        if len(best) == 1:
            settled = self._settled_by(best[0])
            return DateVerdict(kind=kind, format=best[0], candidates=best, settled_by=settled)
        hint = settle_hint(list(best))
        note = f"ambiguous: every value fits {' and '.join(best)}; {hint} would settle it"
        return DateVerdict(kind=kind, ambiguous=True, candidates=best, note=note)

    def _settled_by(self, chosen: str) -> tuple[tuple[str, str], ...]:
        """The values that ruled out each reading of another meaning, one per meaning."""
        found: dict[tuple[str, ...], tuple[str, str]] = {}
        for pattern, value in self.ruled_out:
            read = meaning(pattern)
            if value and read != meaning(chosen):
                found.setdefault(read, (value, pattern))
        return tuple(found.values())

    def _mixed_note(self) -> str:
        counted = sorted(self.shapes.items(), key=lambda item: -item[1].count)
        listed = ", ".join(f"'{display}' x{known.count}" for display, known in counted)
        return (
            "no single date pattern reads every value (mixed shapes, or dates that do not "
            f"exist); shapes: {listed}"
        )
