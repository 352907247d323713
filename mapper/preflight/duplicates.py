"""Which values of a column repeat an earlier row, in bounded memory.

Values are kept as 64-bit hashes with the line that first held them in a hash table of
numpy arrays (at most 64 bytes a distinct value with the table at a quarter to half
full: 32-64 MB for a million), looked up and filled a whole batch at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa


def _no_hashes(size: int) -> np.ndarray:
    import numpy as np

    return np.zeros(size, dtype=np.uint64)


def _no_lines(size: int) -> np.ndarray:
    import numpy as np

    return np.zeros(size, dtype=np.int32)


@dataclass
class HashTable:
    """Open addressing over numpy arrays: vectorised lookups and inserts, linear probing.

    Slot 0 of ``keys`` means empty, so the hash 0 is stored as 1 (a collision of two
    64-bit hashes is as unlikely either way). The table doubles at half full.
    """

    keys: np.ndarray = field(default_factory=lambda: _no_hashes(1 << 16))
    lines: np.ndarray = field(default_factory=lambda: _no_lines(1 << 16))  # int32: 2^31 lines
    count: int = 0

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Line stored for each key, 0 when absent."""
        import numpy as np

        found = np.zeros(len(keys), dtype=np.int64)
        pending = np.arange(len(keys))
        slots = self._slots(keys)
        while len(pending):
            stored = self.keys[slots]
            hit = stored == keys[pending]
            found[pending[hit]] = self.lines[slots[hit]]
            probe = ~hit & (stored != 0)
            pending, slots = pending[probe], (slots[probe] + 1) & (len(self.keys) - 1)
        return found

    def insert(self, keys: np.ndarray, lines: np.ndarray) -> None:
        """Add distinct keys that are absent."""

        if (self.count + len(keys)) * 2 > len(self.keys):
            self._grow(self.count + len(keys))
        self.count += len(keys)
        slots = self._slots(keys)
        while len(keys):
            free = self.keys[slots] == 0
            # several keys may aim at one free slot: the last write wins, the rest probe on
            self.keys[slots[free]] = keys[free]
            won = free & (self.keys[slots] == keys)
            self.lines[slots[won]] = lines[won]
            keys, lines, slots = keys[~won], lines[~won], (slots[~won] + 1) & (len(self.keys) - 1)

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        import numpy as np

        shift = np.uint64(64 - (len(self.keys).bit_length() - 1))
        return (keys >> shift).astype(np.int64)

    def _grow(self, needed: int) -> None:
        size = len(self.keys)
        while needed * 2 > size:
            size *= 2
        used = self.keys != 0
        keys, lines = self.keys[used], self.lines[used]
        # drop the old table before allocating the new one: the peak is one table less
        del used
        self.keys = self.lines = _no_hashes(0)
        self.keys, self.lines = _no_hashes(size), _no_lines(size)
        self.count = 0
        self.insert(keys, lines)


@dataclass
class SeenValues:
    table: HashTable = field(default_factory=HashTable)

    def repeats(
        self, values: pa.Array, present: np.ndarray, lines: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(mask of rows whose value came earlier, line of that earlier row per row)."""
        import numpy as np

        first_line = np.zeros(len(values), dtype=np.int64)
        repeated = np.zeros(len(values), dtype=bool)
        rows = np.flatnonzero(present)
        if not len(rows):
            return repeated, first_line
        row_lines = lines[rows]
        unique, first_index, inverse = np.unique(
            _hashes(values.take(rows)), return_index=True, return_inverse=True
        )
        earlier = self.table.lookup(unique)
        found = np.where(earlier > 0, earlier, row_lines[first_index])[inverse]
        repeated[rows] = found < row_lines
        first_line[rows] = found
        new = earlier == 0
        self.table.insert(unique[new], row_lines[first_index][new])
        return repeated, first_line


def _hashes(values: pa.Array) -> np.ndarray:
    """64-bit hashes of the values: Python's own string hash (SipHash, seeded once per
    process, which is all a single scan needs); no pandas import, no per-value Python
    code beyond the C-level ``map``."""
    import numpy as np

    hashes = np.fromiter(map(hash, values.to_pylist()), dtype=np.int64, count=len(values))
    return np.maximum(hashes.view(np.uint64), np.uint64(1))  # 0 marks an empty slot
