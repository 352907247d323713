"""Streaming a CSV file's rows through pyarrow as `Batch`es of string columns, with the physical
line each row starts on and the malformed records left out; `ahead` reads them in a thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from queue import Empty, Queue
from typing import TYPE_CHECKING, Any, TypeVar

from mapper.csvfile.types import Batch, CsvError, CsvInfo, RaggedRow

if TYPE_CHECKING:
    import pyarrow as pa

T = TypeVar("T")
# bytes of CSV per batch (~5,000 rows of a typical export). pyarrow's reader memory grows ~40x
# its block size: measured on 1,000,000 rows, 1 MiB with one batch read ahead peaks ~40 MB
# where 2 MiB batches save only ~5 % of the time
BLOCK_BYTES = 1 << 20


def read_batches(
    path: str | Path, info: CsvInfo, *, block_bytes: int = BLOCK_BYTES
) -> Iterator[Batch]:
    """Stream every data row of the file as `Batch`es of string columns.

    Uses pyarrow's CSV reader single-threaded (measured as fast as threaded here, and it
    then numbers the records it skips); memory is bounded by ``block_bytes`` per batch.
    Raises `CsvError`, with the line reached, for data it cannot decode or parse.
    """
    import pyarrow as pa

    invalid: list[Any] = []
    counter = _LineCounter(info.columns, "\r" if info.line_terminator == "\r" else "\n")
    skip_header = info.has_header
    try:
        for record_batch in _open_reader(path, info, block_bytes, invalid):
            batch = counter.batch(record_batch.columns, invalid)
            invalid.clear()
            if skip_header:
                batch, skip_header = _without_first_row(batch), False
            yield batch
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        read = f" (lines 1-{counter.next_line - 1} were read)" if counter.next_line > 1 else ""
        message = f"{path}: cannot read the file as {info.encoding} CSV{read}: {error}"
        raise CsvError(message) from error
    if invalid:
        yield counter.batch([], invalid)


def _open_reader(path: str | Path, info: CsvInfo, block_bytes: int, invalid: list[Any]) -> Any:
    """pyarrow's streaming reader: all columns strings, malformed records appended to
    ``invalid`` (and skipped), blank lines kept as rows so that records match lines."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    def skip_invalid(row: Any) -> str:
        invalid.append(row)
        return "skip"

    names = [f"c{i}" for i in range(info.columns)]
    return pacsv.open_csv(
        str(path),
        read_options=pacsv.ReadOptions(
            use_threads=False,
            block_size=block_bytes,
            column_names=names,
            encoding=_pyarrow_codec(info),
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=info.delimiter,
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=skip_invalid,
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def text_codec(info: CsvInfo) -> str:
    """The Python codec for the file's text: with a BOM, "utf-16" or "utf-8-sig", which drop
    the BOM when reading and write it again at the top of a new file."""
    if info.bom and info.encoding.startswith("utf-16"):
        return "utf-16"  # the BOM gives the byte order
    return "utf-8-sig" if info.bom else info.encoding


def _pyarrow_codec(info: CsvInfo) -> str:
    codec = text_codec(info)
    # pyarrow skips a UTF-8 BOM itself; only "utf-8" skips its Python transcoding step
    return "utf-8" if codec == "utf-8-sig" else codec


def _without_first_row(batch: Batch) -> Batch:
    return Batch(tuple(c.slice(1) for c in batch.columns), batch.lines.slice(1), batch.ragged)


class _LineCounter:
    """Carries record numbers and physical lines from one batch to the next."""

    def __init__(self, expected: int, newline: str) -> None:
        self.expected = expected
        self.newline = newline
        self.next_record = 1  # pyarrow numbers records from 1, the header included
        self.next_line = 1

    def batch(self, columns: list[pa.Array], invalid: list[Any]) -> Batch:
        import numpy as np
        import pyarrow as pa

        rows = len(columns[0]) if columns else 0
        skipped = np.array([row.number for row in invalid], dtype=np.int64)
        records = np.arange(self.next_record, self.next_record + rows + len(skipped))
        is_row = ~np.isin(records, skipped)
        heights = np.ones(len(records), dtype=np.int64)
        heights[is_row] += self._breaks(columns, rows)
        heights[~is_row] += np.array([r.text.count(self.newline) for r in invalid], dtype=np.int64)
        starts = self.next_line + np.cumsum(heights) - heights
        self.next_record += len(records)
        self.next_line += int(heights.sum())
        ragged = tuple(
            RaggedRow(int(line), row.actual_columns, self.expected)
            for line, row in zip(starts[~is_row], invalid, strict=True)
        )
        return Batch(tuple(columns), pa.array(starts[is_row], pa.int64()), ragged)

    def _breaks(self, columns: list[pa.Array], rows: int) -> Any:
        """Line breaks inside each row's fields, found in the raw value buffers."""
        import numpy as np

        total = np.zeros(rows, dtype=np.int64)
        code = ord(self.newline)
        for column in columns:
            _, offsets, values = column.buffers()
            if values is None:
                continue
            hits = np.flatnonzero(np.frombuffer(values, dtype=np.uint8) == code)
            if len(hits):
                ends = np.frombuffer(offsets, dtype=np.int32)[column.offset + 1 :][:rows]
                total += np.bincount(np.searchsorted(ends, hits, side="right"), minlength=rows)[
                    :rows
                ]
        return total


_DONE = object()


def ahead(items: Iterator[T], depth: int = 1) -> Iterator[T]:
    """``items`` produced by a worker thread, at most ``depth`` ahead of the consumer.

    pyarrow's reader and compute kernels release the GIL, so the next batch is parsed while
    this one is used. The producer's exceptions are raised here, in order. When the consumer
    stops early (break, exception, close), the worker stops too and closes ``items``, so no
    thread is left blocked holding the file open.
    """
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()
    worker = threading.Thread(
        target=_produce, args=(items, queue, stop), name="csv-reader", daemon=True
    )
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


def _produce(items: Iterator[T], queue: Queue, stop: threading.Event) -> None:
    try:
        for item in items:
            if stop.is_set():
                return
            queue.put((item, None))
        queue.put((_DONE, None))
    except BaseException as error:  # handed to the consumer, raised there
        queue.put((_DONE, error))
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()
