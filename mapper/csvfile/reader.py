"""Streaming a CSV file's rows through pyarrow as `Batch`es of string columns, with the physical
line each row starts on and the malformed records left out; `ahead` reads them in a thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from queue import Empty, Queue
from typing import TYPE_CHECKING, Any, TypeVar

from mapper.arrays import int64_array, int64_values
from mapper.csvfile.source import CsvStream, NotUtf8Error, open_bytes
from mapper.csvfile.types import Batch, CsvError, CsvInfo, RaggedRow

if TYPE_CHECKING:
    import pyarrow as pa

T = TypeVar("T")
# bytes of CSV per batch (~5,000 rows of a typical export). pyarrow's reader memory grows ~40x
# its block size: measured on 1,000,000 rows, 1 MiB with one batch read ahead peaks ~40 MB
# where 2 MiB batches save only ~5 % of the time
BLOCK_BYTES = 1 << 20
# the largest block a record too large for BLOCK_BYTES is read again with
MAX_BLOCK_BYTES = 64 << 20


def read_batches(
    path: str | Path,
    info: CsvInfo,
    *,
    block_bytes: int = BLOCK_BYTES,
    max_block_bytes: int = MAX_BLOCK_BYTES,
    stream: CsvStream | None = None,
    ragged_text: bool = False,
) -> Iterator[Batch]:
    """Stream every data row of the file as `Batch`es of string columns.

    Uses pyarrow's CSV reader single-threaded (measured as fast as threaded here, and it
    then numbers the records it skips); memory is bounded by ``block_bytes`` per batch. A
    record larger than a block is read again with blocks 4x as large, up to
    ``max_block_bytes``, skipping the records already yielded. Raises `CsvError`, with the
    line reached, for data it cannot decode or parse, or a record larger than that.

    ``stream`` is the file already opened (and sniffed) once; it is read to the end on the
    first attempt, and only a record larger than a block opens the file again. With
    ``ragged_text`` each `RaggedRow` keeps its record's text.
    """
    import pyarrow as pa

    done = 0  # the line of the last record yielded, 0 for none
    reread = False  # a retry reads the records already yielded again
    while True:
        counter = _LineCounter(info.columns, "\r" if info.line_terminator == "\r" else "\n")
        counter.keep_text = ragged_text
        source = stream if stream is not None else CsvStream(path)
        stream = None  # a second attempt reads the file afresh
        if _pyarrow_codec(info) == "utf-8":
            source.prove_utf8()
        try:
            for batch in _read_once(source, info, block_bytes, counter):
                batch = _after_line(batch, done) if reread else batch
                done = max(done, _last_line(batch))
                yield batch
            return
        except (pa.ArrowInvalid, UnicodeDecodeError) as error:
            _raise_if_not_utf8(path, info, source, block_bytes)
            if not _straddles(error) or block_bytes >= max_block_bytes:
                raise _read_error(path, info, error, counter, block_bytes) from error
            block_bytes = min(block_bytes * 4, max_block_bytes)
            reread = True
        finally:
            source.close()


def _read_once(
    source: CsvStream, info: CsvInfo, block_bytes: int, counter: _LineCounter
) -> Iterator[Batch]:
    invalid: list[Any] = []
    skip_header = info.has_header
    reader = _open_reader(source, info, block_bytes, invalid)
    for record_batch in reader:
        if source.utf8_failed_at is not None:  # this batch may end where the text was cut
            _drain(reader)
            _raise_if_not_utf8(info.path, info, source, block_bytes)
        taken = _taken(invalid, counter, record_batch)
        batch = counter.batch(record_batch.columns, taken, quoted=source.quoted)
        if skip_header:
            batch, skip_header = _without_header(batch)
        yield batch
    _raise_if_not_utf8(info.path, info, source, block_bytes)
    if invalid:
        batch = counter.batch([], _taken(invalid, counter, None))
        yield _without_header(batch)[0] if skip_header else batch


def _taken(invalid: list[Any], counter: _LineCounter, record_batch: Any) -> list[Any]:
    """The malformed records among ``record_batch``'s, taken off ``invalid``. pyarrow may
    parse the next block before it yields this batch, so later records can be there too;
    the first ``k`` belong here when each falls inside the batch's ``rows + k`` records."""
    if record_batch is None:
        taken, invalid[:] = list(invalid), []
        return taken
    end = counter.next_record + record_batch.num_rows  # one past the last record, none skipped
    k = 0
    while k < len(invalid) and invalid[k].number <= end + k:
        k += 1
    taken, invalid[:] = invalid[:k], invalid[k:]
    return taken


def _drain(reader: Any) -> None:
    """Let ``reader`` reach the end its stream now serves, so that no Arrow thread is still
    reading from Python when the error ends the process (that can abort it at exit)."""
    import pyarrow as pa

    with suppress(pa.ArrowInvalid):
        for _ in reader:
            pass


def _raise_if_not_utf8(path: str | Path, info: CsvInfo, source: CsvStream, window: int) -> None:
    """Raise once ``source`` has met bytes that are not UTF-8 (in a piece of at most
    ``window`` bytes): `NotUtf8Error` when only the file's ASCII head made it UTF-8 (the
    caller reads it again as `sniff` then decides), else a `CsvError` naming the line."""
    failed_at = source.utf8_failed_at
    if failed_at is None:
        return
    if source.presumed_utf8:
        raise NotUtf8Error(f"{path}: not UTF-8 past its first MB")
    line, found = _locate_non_utf8(Path(path), failed_at, window, info.line_terminator)
    raise CsvError(
        f"{path}: cannot read the file as utf-8 CSV: line {line} holds {found!r}, "
        "which is not UTF-8 text"
    )


def _locate_non_utf8(path: Path, start: int, window: int, terminator: str) -> tuple[int, bytes]:
    """The line of the first byte that is not UTF-8 in the ``window`` bytes from ``start``
    (which begins a character), and the bytes there."""
    newline = b"\r" if terminator == "\r" else b"\n"
    lines, left = 1, start
    with open_bytes(path) as handle:
        while left > 0 and (chunk := handle.read(min(left, BLOCK_BYTES))):
            lines, left = lines + chunk.count(newline), left - len(chunk)
        text = handle.read(window)
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as error:
        return lines + text.count(newline, 0, error.start), text[error.start : error.end]
    return lines, b""


def _straddles(error: Exception) -> bool:
    """pyarrow's error for a record that does not fit in one block."""
    return "straddl" in str(error)


def _read_error(
    path: str | Path, info: CsvInfo, error: Exception, counter: _LineCounter, block_bytes: int
) -> CsvError:
    read = counter.next_line - 1
    if _straddles(error):
        line = _record_larger_than(Path(path), info, counter.next_line, block_bytes)
        where = f"line {line} holds" if line else f"a record after line {read} holds"
        return CsvError(
            f"{path}: {where} more than {_size(block_bytes)} of text in one record, "
            "more than can be read; check that its quotes are closed"
        )
    lines = "line 1 was" if read == 1 else f"lines 1-{read} were"
    read_text = f" ({lines} read)" if read >= 1 else ""
    return CsvError(f"{path}: cannot read the file as {info.encoding} CSV{read_text}: {error}")


def _size(size: int) -> str:
    return f"{size / 2**20:g} MB" if size >= 2**20 else f"{size / 2**10:g} KB"


def _record_larger_than(path: Path, info: CsvInfo, from_line: int, size: int) -> int | None:
    """The line of the first record from ``from_line`` on that is over ``size`` bytes as
    UTF-8 (what pyarrow's blocks hold: it transcodes other encodings first)."""
    from mapper.csvfile.records import raw_records

    try:
        for line, text in raw_records(path, info):
            if line >= from_line and len(text) > size // 4 and len(text.encode()) > size:
                return line
    except CsvError:
        return None
    return None


def _after_line(batch: Batch, line: int) -> Batch:
    """The records of ``batch`` that start after ``line`` (lines only grow in a batch)."""
    import numpy as np

    first = int(np.searchsorted(int64_values(batch.lines), line, "right"))
    ragged = tuple(r for r in batch.ragged if r.line > line)
    columns = tuple(c.slice(first) for c in batch.columns)
    return Batch(columns, batch.lines.slice(first), ragged)


def _last_line(batch: Batch) -> int:
    last_row = batch.lines[-1].as_py() if batch.num_rows else 0
    return max([last_row, *(r.line for r in batch.ragged)])


def _open_reader(source: CsvStream, info: CsvInfo, block_bytes: int, invalid: list[Any]) -> Any:
    """pyarrow's streaming reader: all columns strings, malformed records appended to
    ``invalid`` (and skipped), blank lines kept as rows so that records match lines."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    def skip_invalid(row: Any) -> str:
        invalid.append(row)
        return "skip"

    names = [f"c{i}" for i in range(info.columns)]
    return pacsv.open_csv(
        source,
        memory_pool=_reader_pool(),
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
            check_utf8=False,  # the source proves the raw bytes instead (`Utf8Proof`)
        ),
    )


def _reader_pool() -> Any:
    """pyarrow's jemalloc pool where the build has one, else the default. The reader's blocks
    and columns are most of what a read allocates; from the default (mimalloc) pool they cost
    0.3-0.4 s of kernel time per 200 MB when another large process has just freed its memory
    (huge-page faults; 0.1 s from jemalloc), as when a benchmark alternates with DuckDB."""
    import pyarrow as pa

    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:
        return None


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


def _without_header(batch: Batch) -> tuple[Batch, bool]:
    """The batch without the header record, and whether it is still to come. The header is
    the first record: a row, or a ragged record when it is narrower than the rows it was
    widened to (then the first row is data and stays)."""
    first_row = batch.lines[0].as_py() if batch.num_rows else None
    if batch.ragged and (first_row is None or batch.ragged[0].line < first_row):
        return Batch(batch.columns, batch.lines, batch.ragged[1:]), False
    if first_row is None:
        return batch, True
    columns = tuple(c.slice(1) for c in batch.columns)
    return Batch(columns, batch.lines.slice(1), batch.ragged), False


class _LineCounter:
    """Carries record numbers and physical lines from one batch to the next."""

    def __init__(self, expected: int, newline: str) -> None:
        self.expected = expected
        self.newline = newline
        self.next_record = 1  # pyarrow numbers records from 1, the header included
        self.next_line = 1
        self.keep_text = False

    def batch(self, columns: list[pa.Array], invalid: list[Any], quoted: bool = True) -> Batch:
        """The batch with each row's line; ``quoted`` False when no quote has been read yet
        (a field holds a line break only inside quotes: no value needs searching)."""
        import numpy as np

        rows = len(columns[0]) if columns else 0
        breaks = self._breaks(columns, rows) if quoted else None
        if not invalid:  # the usual batch: each row starts a line after the last one's
            heights = np.ones(rows, dtype=np.int64) if breaks is None else breaks + 1
            starts = self.next_line + np.cumsum(heights) - heights
            self.next_record += rows
            self.next_line += int(heights.sum())
            return Batch(tuple(columns), int64_array(starts), ())
        skipped = np.array([row.number for row in invalid], dtype=np.int64)
        records = np.arange(self.next_record, self.next_record + rows + len(skipped))
        is_row = ~np.isin(records, skipped)
        heights = np.ones(len(records), dtype=np.int64)
        heights[is_row] += 0 if breaks is None else breaks
        heights[~is_row] += np.array([r.text.count(self.newline) for r in invalid], dtype=np.int64)
        starts = self.next_line + np.cumsum(heights) - heights
        self.next_record += len(records)
        self.next_line += int(heights.sum())
        ragged = tuple(
            RaggedRow(int(line), row.actual_columns, self.expected, self._text(row))
            for line, row in zip(starts[~is_row], invalid, strict=True)
        )
        return Batch(tuple(columns), int64_array(starts[is_row]), ragged)

    def _text(self, row: Any) -> str:
        return (row.text or "") if self.keep_text else ""

    def _breaks(self, columns: list[pa.Array], rows: int) -> Any:
        """Line breaks inside each row's fields, found in the raw value buffers; None when
        no field has one."""
        import numpy as np

        total = None
        code = ord(self.newline)
        for column in columns:
            values = column.buffers()[2]
            if values is None:
                continue
            found = np.frombuffer(values, dtype=np.uint8) == code
            if not found.any():
                continue
            hits = np.flatnonzero(found)
            ends = np.frombuffer(column.buffers()[1], dtype=np.int32)[column.offset + 1 :][:rows]
            counts = np.bincount(np.searchsorted(ends, hits, side="right"), minlength=rows)
            total = counts[:rows] if total is None else total + counts[:rows]
        return total


_DONE = object()


def ahead(
    items: Iterator[T], depth: int = 1, produced: threading.Event | None = None
) -> Iterator[T]:
    """``items`` produced by a worker thread, at most ``depth`` ahead of the consumer.

    pyarrow's reader and compute kernels release the GIL, so the next batch is parsed while
    this one is used. The producer's exceptions are raised here, in order. When the consumer
    stops early (break, exception, close), the worker stops too and closes ``items``, so no
    thread is left blocked holding the file open. ``produced`` is set once the worker has
    finished (the rest is queued), so the consumer may use the core it leaves.
    """
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()
    worker = threading.Thread(
        target=_produce, args=(items, queue, stop, produced), name="csv-reader", daemon=True
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


def _produce(
    items: Iterator[T], queue: Queue, stop: threading.Event, produced: threading.Event | None
) -> None:
    try:
        for item in items:
            if stop.is_set():
                return
            queue.put((item, None))
        if produced is not None:
            produced.set()
        queue.put((_DONE, None))
    except BaseException as error:  # handed to the consumer, raised there
        queue.put((_DONE, error))
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()
        if produced is not None:
            produced.set()
