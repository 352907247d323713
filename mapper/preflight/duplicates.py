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
            _hashes(values)[rows], return_index=True, return_inverse=True
        )
        earlier = self.table.lookup(unique)
        found = np.where(earlier > 0, earlier, row_lines[first_index])[inverse]
        repeated[rows] = found < row_lines
        first_line[rows] = found
        new = earlier == 0
        self.table.insert(unique[new], row_lines[first_index][new])
        return repeated, first_line


# Values are hashed by a polynomial over their bytes, computed for a whole batch with a few
# numpy passes (prefix sums of byte * BASE**position, wrapping at 2**64) and then mixed.
# Such a hash is weak only on long crafted inputs (Thue-Morse strings of 2 KB and more), so
# values over LONG_VALUE bytes get Python's SipHash instead.
BASE = 0x9E3779B97F4A7C15 | 1
LONG_VALUE = 512
_powers: dict[str, np.ndarray] = {}


def _hashes(values: pa.Array) -> np.ndarray:
    """64-bit hashes of the values (never 0, which marks an empty slot)."""
    import numpy as np

    count = len(values)
    offsets = np.frombuffer(
        values.buffers()[1], dtype=np.int32, count=count + 1, offset=values.offset * 4
    ).astype(np.int64)
    data = values.buffers()[2]
    first, last = int(offsets[0]), int(offsets[-1])
    raw = np.frombuffer(data, dtype=np.uint8)[first:last] if data is not None else np.zeros(0)
    ups, downs = _power_tables(last - first)
    prefix = np.zeros(last - first + 1, dtype=np.uint64)
    # a byte counts as byte + 1, so that values differing only by NUL bytes differ
    np.cumsum((raw.astype(np.uint64) + np.uint64(1)) * ups[: last - first], out=prefix[1:])
    starts, ends = offsets[:-1] - first, offsets[1:] - first
    with np.errstate(over="ignore"):
        hashes = (prefix[ends] - prefix[starts]) * downs[starts]
        hashes = _mixed(hashes ^ (ends - starts).astype(np.uint64))
    long_rows = np.flatnonzero(ends - starts > LONG_VALUE)
    if len(long_rows):
        texts = values.take(long_rows).to_pylist()
        hashes[long_rows] = np.fromiter(map(hash, texts), dtype=np.int64).view(np.uint64)
    return np.maximum(hashes, np.uint64(1))


def _power_tables(size: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and BASE**-i modulo 2**64 for i < ``size`` (cached, grown by doubling)."""
    import numpy as np

    ups = _powers.get("up")
    if ups is None or len(ups) < size:
        length = max(size, 2 * len(ups) if ups is not None else 1 << 16)
        up = np.full(length, BASE, dtype=np.uint64)
        down = np.full(length, pow(BASE, -1, 1 << 64), dtype=np.uint64)
        up[0] = down[0] = 1
        with np.errstate(over="ignore"):
            np.multiply.accumulate(up, out=up)
            np.multiply.accumulate(down, out=down)
        # one assignment per table keeps a concurrent reader on a whole table
        _powers["down"], _powers["up"] = down, up
    return _powers["up"], _powers["down"]


def _mixed(hashes: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    import numpy as np

    with np.errstate(over="ignore"):
        hashes = (hashes ^ (hashes >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        hashes = (hashes ^ (hashes >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return hashes ^ (hashes >> np.uint64(31))
