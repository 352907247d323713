"""Where the bytes of a CSV file come from: one opener for every read, and `CsvStream`, a
file opened once whose head the sniffer looks at and whose whole text the reader then
streams, with what must see every byte on the way (UTF-8 proof, a zip-size estimate).

`open_bytes` is the only place `mapper.csvfile` opens a file: tests count reads there.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import BinaryIO


def open_bytes(path: str | Path) -> BinaryIO:
    """The file opened for reading its bytes (every CSV read in `mapper.csvfile` starts here)."""
    return Path(path).open("rb")


class NotUtf8Error(Exception):
    """The text read so far proves the file is not UTF-8 after all (see `CsvStream`)."""


class Utf8Proof:
    """Proves a stream of bytes UTF-8, piece after piece, as it goes by; a character split
    between two pieces is carried to the next. ``failed_at`` is the byte offset of the first
    piece holding bytes that are not UTF-8 (it starts a character; the reader finds the byte).

    pyarrow's reader proves each value alone (``check_utf8``), ~0.45 ns per byte; one pass over
    the raw bytes is ~0.16 ns, and it suffices: CSV splits values only at ASCII bytes, which
    never sit inside a UTF-8 character.
    """

    def __init__(self) -> None:
        self.offset = 0  # bytes proven so far
        self.failed_at: int | None = None
        self._carry = b""

    def feed(self, piece: bytes, final: bool = False) -> bool:
        """Whether every byte so far is UTF-8; after the first False, always False."""
        if self.failed_at is not None:
            return False
        data = self._carry + piece if self._carry else piece
        end = len(data) if final else _complete_prefix(data)
        if not (data.isascii() or _valid_utf8(memoryview(data)[:end])):
            self.failed_at = self.offset
            return False
        self.offset += end
        self._carry = data[end:]
        return True


def _complete_prefix(data: bytes) -> int:
    """The length of ``data`` without a character its last bytes begin but do not finish."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return len(data)
        if byte >= 0xC0:  # a lead byte: 110xxxxx starts 2 bytes, 1110xxxx 3, 11110xxx 4
            length = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(data) if back >= length else len(data) - back
    return len(data)


def _valid_utf8(data: memoryview) -> bool:
    import pyarrow as pa

    offsets = pa.py_buffer(struct.pack("<qq", 0, len(data)))
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


class CsvStream(io.RawIOBase):
    """A CSV file opened once: `head` is read first and kept, `read` serves it again
    and then the rest, so the reader streams the file without opening or reading it twice.

    After `prove_utf8` every byte is proven UTF-8 on the way (`Utf8Proof`); at the first
    piece that is not, the stream ends there, so the reader never parses text that is not
    UTF-8, and the reader's consumer raises (``utf8_failed_at``): nothing is raised inside
    pyarrow's read. ``presumed_utf8`` tells that the sniffer took an ASCII head for UTF-8
    without scanning the rest. With `deflate_from_start`, the bytes are also deflated as a
    zip entry would be, until `stop_deflating`; `deflated_size` then tells the size.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._handle = open_bytes(self.path)
        self._head = b""
        self._served = 0  # bytes of the head already served again
        self.presumed_utf8 = False
        self.quoted = False  # whether a quote byte has been read (every codec's '"' holds one)
        self._proof: Utf8Proof | None = None
        self._compressor: zlib._Compress | None = None
        self._deflated = 0
        self._deflated_total: int | None = None

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes (read once; call before any `readinto`)."""
        if not self._head:
            self._head = self._handle.read(size)
        return self._head

    def prove_utf8(self) -> None:
        self._proof = Utf8Proof()

    @property
    def utf8_failed_at(self) -> int | None:
        """Byte offset of the first piece that is not UTF-8, once one has been read."""
        return self._proof.failed_at if self._proof is not None else None

    def deflate_from_start(self, level: int = 6) -> None:
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)

    def stop_deflating(self) -> None:
        self._compressor = None

    def deflated_size(self) -> int | None:
        """Bytes of the whole file deflated; None unless deflated from start to end."""
        if self._deflated_total is None and self._compressor is not None:
            self._deflated_total = self._deflated + len(self._compressor.flush())
            self._compressor = None
        return self._deflated_total

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        """The next ``size`` bytes (all the rest when negative); pyarrow reads through this,
        which hands the file's own bytes on without copying them into a buffer."""
        if self._served < len(self._head):
            end = len(self._head) if size < 0 else self._served + size
            piece = self._head[self._served : end]
            self._served += len(piece)
        else:
            piece = self._handle.read(size)
        if self._proof is not None and not self._proof.feed(piece, final=not piece):
            return b""  # end of text: the consumer raises (`utf8_failed_at`)
        self.quoted = self.quoted or b'"' in piece
        if self._compressor is not None and piece:
            self._deflated += len(self._compressor.compress(piece))
        return piece

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        piece = self.read(len(buffer))
        buffer[: len(piece)] = piece
        return len(piece)

    def close(self) -> None:
        self._handle.close()
        super().close()
