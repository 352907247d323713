"""The CSV as the pre-flight reads it: ``mapper.csvfile``'s sniffing and batches, adapted.

Kept apart so that the checks see one small `Batch` type, with numpy line numbers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue
from typing import TypeVar

from mapper.csvfile import CsvError, CsvInfo, read_batches, sniff
from mapper.preflight.scan import Batch

CsvReadError = CsvError
__all__ = ["CsvError", "CsvReadError", "OpenedCsv", "ahead", "open_csv"]
T = TypeVar("T")
# bytes of CSV per batch (~5,000 rows of a typical export): measured on 1,000,000 rows, 1 MB
# with one batch read ahead keeps the peak ~40 MB under 2 MB batches for ~5 % more time
BLOCK_BYTES = 1 << 20


@dataclass(frozen=True)
class OpenedCsv:
    info: CsvInfo

    @property
    def header(self) -> tuple[str, ...]:
        return self.info.header

    @property
    def has_header(self) -> bool:
        return self.info.has_header

    @property
    def delimiter(self) -> str:
        return self.info.delimiter

    @property
    def encoding(self) -> str:
        return self.info.encoding

    def batches(self) -> Iterator[Batch]:
        """The file's batches, read one batch ahead in a thread.

        pyarrow's reader and compute kernels release the GIL, so parsing the next batch
        overlaps with checking this one (on two cores: the larger of the two times, not
        their sum); the queue holds at most ``AHEAD`` batches, so memory stays bounded.
        """
        for batch in ahead(read_batches(self.info.path, self.info, block_bytes=BLOCK_BYTES)):
            lines = batch.lines.to_numpy(zero_copy_only=False)
            yield Batch(batch.columns, lines, batch.ragged)


AHEAD = 1
_DONE = object()


def ahead(items: Iterator[T]) -> Iterator[T]:
    """``items`` produced by a worker thread; its exceptions are raised here, in order."""
    queue: Queue = Queue(maxsize=AHEAD)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                queue.put((item, None))
            queue.put((_DONE, None))
        except BaseException as error:  # handed to the consumer, raised there
            queue.put((_DONE, error))

    worker = threading.Thread(target=produce, name="csv-reader", daemon=True)
    worker.start()
    try:
        while True:
            item, error = queue.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a worker waiting on a full queue
            with suppress(Empty):
                queue.get(timeout=0.05)
        worker.join()


def open_csv(path: Path) -> OpenedCsv:
    """Sniff ``path``; raises `CsvReadError` (``csvfile.CsvError``) when it is no CSV."""
    return OpenedCsv(sniff(path))
