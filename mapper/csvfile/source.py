"""Where the bytes of a CSV file come from: one opener for every read, and `CsvStream`, a
file opened once whose head the sniffer looks at and whose whole text the reader then
streams, with what must see every byte on the way (UTF-8 proof, a zip-size estimate).

`open_bytes` is the only place `mapper.csvfile` opens a file: tests count reads there.
"""

from __future__ import annotations

import codecs
import io
import zlib
from pathlib import Path
from typing import BinaryIO


def open_bytes(path: str | Path) -> BinaryIO:
    """The file opened for reading its bytes (every CSV read in `mapper.csvfile` starts here)."""
    return Path(path).open("rb")


class NotUtf8Error(Exception):
    """The text read so far proves the file is not UTF-8 after all (see `CsvStream`)."""


class CsvStream(io.RawIOBase):
    """A CSV file opened once: `head` is read first and kept, `readinto` serves it again
    and then the rest, so the reader streams the file without opening or reading it twice.

    With ``check_utf8`` (the sniffer presumed UTF-8 from an ASCII head instead of scanning
    the rest) each chunk is decoded on the way and `NotUtf8Error` raised at the first one
    that is not UTF-8. With `deflate_from_start`, the bytes are also deflated as a zip
    entry would be, until `stop_deflating`; `deflated_size` then tells the size.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._handle = open_bytes(self.path)
        self._head = b""
        self._served = 0  # bytes of the head already served again
        self.check_utf8 = False
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._compressor: zlib._Compress | None = None
        self._deflated = 0
        self._deflated_total: int | None = None

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes (read once; call before any `readinto`)."""
        if not self._head:
            self._head = self._handle.read(size)
        return self._head

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

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._served < len(self._head):
            piece = self._head[self._served : self._served + len(buffer)]
            self._served += len(piece)
        else:
            piece = self._handle.read(len(buffer))
        self._see(piece, final=not piece)
        buffer[: len(piece)] = piece
        return len(piece)

    def _see(self, piece: bytes, final: bool) -> None:
        if self.check_utf8 and (final or not piece.isascii()):
            try:
                self._decoder.decode(piece, final=final)
            except UnicodeDecodeError as error:
                raise NotUtf8Error(f"{self.path}: not UTF-8 past its first MB") from error
        if self._compressor is not None and piece:
            self._deflated += len(self._compressor.compress(piece))

    def close(self) -> None:
        self._handle.close()
        super().close()
