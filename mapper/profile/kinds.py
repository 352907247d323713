"""The profile's kind of a few columns, fed the batches of another reader's pass over the file.

`mapper check SPEC --csv CSV` reads the CSV once: the pre-flight's batches also feed this,
for the columns whose kind a rule asks about (a lookup's values: ids, emails or names).
Batches are grouped as `profile` groups them, so each kind is the one `profile` reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from mapper.profile import DISTINCT_CAP, GROUP_BATCHES
from mapper.profile.columns import ColumnTracker

if TYPE_CHECKING:
    import pyarrow as pa


class ColumnKinds:
    """Kinds of the columns at ``indexes``: `add` every batch's columns, then `kinds`."""

    def __init__(self, indexes: Iterable[int]) -> None:
        self._trackers = {index: ColumnTracker(DISTINCT_CAP) for index in sorted(set(indexes))}
        self._pending: list[Sequence[pa.Array]] = []

    @property
    def wanted(self) -> bool:
        return bool(self._trackers)

    def add(self, columns: Sequence[pa.Array]) -> None:
        if not self._trackers or not columns:
            return
        self._pending.append(columns)
        if len(self._pending) == GROUP_BATCHES:
            self._flush()

    def kinds(self) -> dict[int, str]:
        """Each column's kind ("empty" for a column the file does not have)."""
        self._flush()
        found = {}
        for index, tracker in self._trackers.items():
            tracker.merge_distinct()
            found[index] = tracker.kind(tracker.dates.verdict())
        return found

    def _flush(self) -> None:
        import pyarrow as pa

        pending, self._pending = self._pending, []
        for index, tracker in self._trackers.items():
            chunks = [columns[index] for columns in pending if index < len(columns)]
            column = pa.chunked_array(chunks, type=pa.string()) if chunks else None
            if column is not None and len(column):
                tracker.update(column)
