"""Which values of a column repeat an earlier row, in bounded memory.

Values are kept as 64-bit hashes with the line that first held them in a hash table of
numpy arrays (at most 64 bytes a distinct value with the table at a quarter to half
full: 32-64 MB for a million), looked up and filled a whole batch at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
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


# the most slots `HashTable.reserve` allocates ahead (48 MB); beyond, the table grows as filled
MAX_RESERVED = 1 << 22
# keys left probing when the vectorised passes hand over to one probe at a time
FEW_KEYS = 32


@dataclass
class HashTable:
    """Open addressing over numpy arrays: vectorised lookups and inserts, linear probing.

    Slot 0 of ``keys`` means empty, so the hash 0 is stored as 1 (a collision of two
    64-bit hashes is as unlikely either way). The table doubles at half full.
    """

    keys: np.ndarray = field(default_factory=lambda: _no_hashes(1 << 16))
    lines: np.ndarray = field(default_factory=lambda: _no_lines(1 << 16))  # int32: 2^31 lines
    count: int = 0

    def reserve(self, count: int) -> None:
        """Size an empty table for ``count`` keys (at most MAX_RESERVED slots) at once:
        growing to it by doubling costs more than the keys' own inserts."""
        size = len(self.keys)
        while count * 2 > size and size < MAX_RESERVED:
            size *= 2
        if self.count == 0 and size > len(self.keys):
            self.keys, self.lines = _no_hashes(size), _no_lines(size)

    def first_lines(self, keys: np.ndarray, lines: np.ndarray) -> np.ndarray:
        """For each of the distinct ``keys``, the line stored with it; an absent key is
        stored with its ``lines`` entry, which is then its answer. One probe pass serves
        both the lookup and the insert."""
        import numpy as np

        if (self.count + len(keys)) * 2 > len(self.keys):
            self._grow(self.count + len(keys))
        found = np.asarray(lines, dtype=np.int64).copy()
        pending = np.arange(len(keys))
        slots = self._slots(keys)
        wrap = len(self.keys) - 1
        while len(pending) > FEW_KEYS:
            wanted = keys[pending]
            stored = self.keys[slots]
            hit = stored == wanted
            found[pending[hit]] = self.lines[slots[hit]]
            free = np.flatnonzero(stored == 0)
            # several keys may aim at one free slot: the last write wins, the rest probe on
            self.keys[slots[free]] = wanted[free]
            won = free[self.keys[slots[free]] == wanted[free]]
            self.lines[slots[won]] = found[pending[won]]
            self.count += len(won)
            going = ~hit
            going[won] = False
            pending, slots = pending[going], (slots[going] + 1) & wrap
        # the last keys of a long probe cost less one at a time than a numpy pass each
        for at, slot in zip(pending.tolist(), slots.tolist(), strict=True):
            found[at] = self._probe(int(keys[at]), slot, int(found[at]))
        return found

    def _probe(self, key: int, slot: int, line: int) -> int:
        wrap = len(self.keys) - 1
        while True:
            stored = int(self.keys[slot])
            if stored == key:
                return int(self.lines[slot])
            if stored == 0:
                self.keys[slot], self.lines[slot] = key, line
                self.count += 1
                return line
            slot = (slot + 1) & wrap

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
        self.first_lines(keys, lines)


@dataclass
class SeenValues:
    table: HashTable = field(default_factory=HashTable)

    def reserve(self, count: int) -> None:
        """Room for about ``count`` distinct values, allocated once."""
        self.table.reserve(count)

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
        unique, first_index, inverse = _distinct(_hashes(values)[rows])
        found = self.table.first_lines(unique, row_lines[first_index])[inverse]
        repeated[rows] = found < row_lines
        first_line[rows] = found
        return repeated, first_line


def _distinct(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(hashes, return_index=True, return_inverse=True)``, from one unstable
    sort: each distinct hash's first position is the least of its group's."""
    import numpy as np

    order = np.argsort(hashes)
    ordered = hashes[order]
    new_group = np.ones(len(hashes), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=new_group[1:])
    starts = np.flatnonzero(new_group)
    inverse = np.empty(len(hashes), dtype=np.int64)
    inverse[order] = np.cumsum(new_group) - 1
    return ordered[starts], np.minimum.reduceat(order, starts), inverse


# Values are hashed a whole batch at a time, eight bytes at once: each value's bytes are read
# as 64-bit words (the last one zero-padded), each word is mixed with a key for its place in
# the value, and a value's hash is the mixed sum of its words and its length. Values over
# LONG_VALUE bytes (rare, and where a crafted input could best aim at collisions) get
# Python's SipHash instead.
LONG_VALUE = 512
WORD = 8


def _hashes(values: pa.Array) -> np.ndarray:
    """64-bit hashes of the values (never 0, which marks an empty slot)."""
    import numpy as np

    count = len(values)
    offsets = np.frombuffer(
        values.buffers()[1], dtype=np.int32, count=count + 1, offset=values.offset * 4
    ).astype(np.int64)
    lengths = np.diff(offsets)
    long_rows = np.flatnonzero(lengths > LONG_VALUE)
    words = (np.where(lengths > LONG_VALUE, 0, lengths) + WORD - 1) // WORD
    ends = np.cumsum(words)
    place = np.arange(int(ends[-1]) if count else 0) - np.repeat(ends - words, words)
    owner = np.repeat(np.arange(count), words)
    with np.errstate(over="ignore"):
        mixed = _mixed(_words(values, offsets, owner, place) ^ _word_keys()[place])
        sums = np.zeros(len(mixed) + 1, dtype=np.uint64)
        np.cumsum(mixed, out=sums[1:])
        hashes = sums[ends] - sums[ends - words]
        hashes = _mixed(hashes ^ (lengths.astype(np.uint64) * np.uint64(0xD6E8FEB86659FD93)))
    if len(long_rows):
        texts = values.take(long_rows).to_pylist()
        hashes[long_rows] = np.fromiter(map(hash, texts), dtype=np.int64).view(np.uint64)
    return np.maximum(hashes, np.uint64(1))


def _words(
    values: pa.Array, offsets: np.ndarray, owner: np.ndarray, place: np.ndarray
) -> np.ndarray:
    """Word ``place[i]`` of value ``owner[i]``: its next 8 bytes, little-endian, the bytes
    past the value's end zeroed."""
    import numpy as np

    first, last = int(offsets[0]), int(offsets[-1])
    data = values.buffers()[2]
    # the value bytes and a word of zeros, so that every 8-byte read stays inside
    padded = np.zeros(last - first + WORD, dtype=np.uint8)
    if data is not None:
        padded[: last - first] = np.frombuffer(data, dtype=np.uint8)[first:last]
    # a word starting at every byte (overlapping reads, no copy)
    at_byte = np.ndarray((last - first + 1,), dtype="<u8", buffer=padded, strides=(1,))
    starts = offsets[:-1][owner] - first + WORD * place
    left = offsets[1:][owner] - first - starts  # bytes of the value from there on (>= 1)
    kept = np.uint64(64) - np.uint64(8) * np.minimum(left, WORD).astype(np.uint64)
    return at_byte[starts] & (np.uint64(0xFFFFFFFFFFFFFFFF) >> kept)


@cache
def _word_keys() -> np.ndarray:
    """A key for each place a word can have in a value of at most LONG_VALUE bytes."""
    import numpy as np

    with np.errstate(over="ignore"):
        places = np.arange(1, LONG_VALUE // WORD + 1, dtype=np.uint64)
        return _mixed(places * np.uint64(0x9E3779B97F4A7C15))


def _mixed(hashes: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    import numpy as np

    with np.errstate(over="ignore"):
        hashes = (hashes ^ (hashes >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        hashes = (hashes ^ (hashes >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return hashes ^ (hashes >> np.uint64(31))
