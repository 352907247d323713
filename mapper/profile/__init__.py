"""Whole-file profile of a CSV: each column's kind, date pattern, counts and examples.

Every row is read (through `mapper.csvfile`), in batches, with memory bounded by the number
of columns: per column only counters, a capped set of distinct values and the date
candidates still standing. Per-cell work is vectorised (pyarrow.compute); Python looks only
at what is new: a batch's distinct values while a column has few, and the first values of
each new date shape. A date pattern is reported only when every non-empty value of the
column matches it; when patterns of different meaning all match, the column is ambiguous.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.csvfile import BLOCK_BYTES, Batch, ahead, read_batches, sniff
from mapper.frames import is_dataframe
from mapper.profile.columns import (
    DATE_RANK,
    EXAMPLES,
    ID_DIGITS,
    IMPLIES,
    KIND_TESTS,
    PHONE_DIGITS,
    ColumnTracker,
)

if TYPE_CHECKING:
    import pyarrow as pa
    from pandas import DataFrame

__all__ = [
    "BLOCK_BYTES", "DATE_RANK", "DISTINCT_CAP", "EXAMPLES", "GROUP_BATCHES", "ID_DIGITS",
    "IMPLIES", "KINDS", "KIND_TESTS", "MAX_RAGGED_WARNINGS", "PHONE_DIGITS", "WORKERS",
    "ColumnProfile", "Profile", "Progress", "profile",
]  # fmt: skip

KINDS = (
    "empty", "text", "integer", "decimal", "boolean", "date", "datetime",
    "email", "phone", "url", "id",
    "picklist",  # a DataFrame's categorical of strings only (`mapper.frames`)
)  # fmt: skip
DISTINCT_CAP = 10_000
MAX_RAGGED_WARNINGS = 10
GROUP_BATCHES = 8  # batches inferred together: fewer kernel calls, fewer repeated uniques
WORKERS = 2  # at most; columns are profiled in parallel; pyarrow kernels release the GIL

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ColumnProfile:
    """One column's profile. ``format`` is a Java pattern proven by every value, or None.

    ``ambiguous`` means patterns of different meaning all read every value; ``candidates``
    lists one pattern per meaning and ``note`` says which value would settle it (or, for
    mixed shapes, which shapes were seen). ``distinct`` stops counting at `DISTINCT_CAP`
    (``distinct_capped`` is then True). ``settled_by`` pairs a value with the reading of
    another meaning it rules out (``25.03.1980`` is not ``MM.dd.yyyy``).
    """

    index: int
    header: str | None
    kind: str
    format: str | None
    ambiguous: bool
    candidates: tuple[str, ...]
    non_empty: int
    distinct: int
    examples: tuple[str, ...]
    distinct_capped: bool = False
    note: str | None = None
    settled_by: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "header": self.header,
            "kind": self.kind,
            "format": self.format,
            "ambiguous": self.ambiguous,
            "candidates": list(self.candidates),
            "non_empty": self.non_empty,
            "distinct": self.distinct,
            "examples": list(self.examples),
        }


@dataclass(frozen=True)
class Profile:
    """A file's profile; ``header`` tells whether the file has a header row."""

    path: str
    encoding: str
    delimiter: str
    header: bool
    rows: int
    columns: tuple[ColumnProfile, ...]
    warnings: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of ``mapper profile --format json``."""
        return {
            "path": self.path,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "header": self.header,
            "rows": self.rows,
            "columns": [column.as_dict() for column in self.columns],
            "warnings": list(self.warnings),
        }


def profile(path: str | Path | DataFrame, *, progress: Progress | None = None) -> Profile:
    """Profile every row of the CSV at ``path`` (raises `mapper.csvfile.CsvError`), or of a
    pandas DataFrame (dtype-aware: `mapper.frames`).

    ``progress(done, total)`` is called after each group of batches, in (estimated) bytes.
    """
    if is_dataframe(path):
        from mapper.frames import profile_frame

        return profile_frame(path)
    info = sniff(path)
    trackers = [ColumnTracker(DISTINCT_CAP) for _ in info.header]
    rows, ragged = 0, []
    total = Path(path).stat().st_size
    # read ahead in a thread: pyarrow parses while this thread infers (both drop the GIL);
    # closing stops that thread at once if inference fails
    read = threading.Event()
    reading = ahead(read_batches(path, info, block_bytes=BLOCK_BYTES), GROUP_BATCHES + 2, read)
    reading_workers, last_workers = _inference_workers()
    with closing(reading) as batches, ThreadPoolExecutor(max_workers=last_workers) as pool:
        for group in _grouped(batches, GROUP_BATCHES):
            columns = _chunked_columns(group)
            if columns and len(columns[0]):
                workers = last_workers if read.is_set() else reading_workers
                _update(trackers, columns, pool if workers > 1 else None)
            rows += sum(batch.num_rows + len(batch.ragged) for batch in group)
            ragged.extend(row for batch in group for row in batch.ragged)
            if progress and group[-1].num_rows:
                progress(_bytes_done(group[-1], total), total)
    columns = tuple(
        _column_profile(tracker, index, name if info.has_header else None)
        for index, (tracker, name) in enumerate(zip(trackers, info.header, strict=True))
    )
    return Profile(
        path=str(path),
        encoding=info.encoding,
        delimiter=info.delimiter,
        header=info.has_header,
        rows=rows,
        columns=columns,
        warnings=(*info.warnings, *_ragged_warnings(ragged), *_column_warnings(columns)),
    )


def _inference_workers() -> tuple[int, int]:
    """Threads inferring while the reader thread parses, and once it is done. While it
    parses, one core is left to it (on two cores a second inference thread only takes turns
    with it: 1M rows took 0.61 s with one, 0.65 s with two, median of six); the batches
    queued when it is done are inferred on every core (up to `WORKERS`)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    return max(1, min(WORKERS, cores - 1)), max(1, min(WORKERS, cores))


def _update(
    trackers: list[ColumnTracker], columns: list[pa.ChunkedArray], pool: ThreadPoolExecutor | None
) -> None:
    """Each tracker sees its column: in this thread, or spread over ``pool``'s threads."""
    if pool is None:
        for tracker, column in zip(trackers, columns, strict=True):
            tracker.update(column)
    else:
        list(pool.map(ColumnTracker.update, trackers, columns))


def _bytes_done(batch: Batch, total: int) -> int:
    """Rough position in the file, from the lines read and the bytes the batch holds."""
    lines = int(batch.lines[-1].as_py())
    held = sum(column.nbytes for column in batch.columns) / max(batch.num_rows, 1)
    return min(total, max(1, int(lines * held)))


def _grouped(batches: Iterator[Batch], size: int) -> Iterator[list[Batch]]:
    """Runs of ``size`` batches; the first runs are of 1, 2, 4 ... so that inference starts
    as soon as the first batch is parsed instead of idling while ``size`` are."""
    group: list[Batch] = []
    wanted = 1
    for batch in batches:
        group.append(batch)
        if len(group) == wanted:
            yield group
            group, wanted = [], min(size, wanted * 2)
    if group:
        yield group


def _chunked_columns(group: list[Batch]) -> list[pa.ChunkedArray]:
    """One chunked array per column over the group's batches (no copy)."""
    import pyarrow as pa

    with_columns = [batch for batch in group if batch.columns]
    if not with_columns:
        return []
    width = len(with_columns[0].columns)
    return [pa.chunked_array([b.columns[i] for b in with_columns]) for i in range(width)]


def _ragged_warnings(ragged: list[Any]) -> list[str]:
    shown = [
        f"line {row.line}: {row.fields} field{'' if row.fields == 1 else 's'} where the header "
        f"has {row.expected}; "
        "row left out of the profile"
        for row in ragged[:MAX_RAGGED_WARNINGS]
    ]
    if len(ragged) > MAX_RAGGED_WARNINGS:
        shown.append(f"{len(ragged) - MAX_RAGGED_WARNINGS} more rows with a wrong field count")
    return shown


def _column_warnings(columns: tuple[ColumnProfile, ...]) -> list[str]:
    return [f"column {c.index} '{c.header or 'no header'}': {c.note}" for c in columns if c.note]


def _column_profile(tracker: ColumnTracker, index: int, header: str | None) -> ColumnProfile:
    tracker.merge_distinct()
    verdict = tracker.dates.verdict()
    kind = tracker.kind(verdict)
    is_date = kind in ("date", "datetime")
    return ColumnProfile(
        index=index,
        header=header,
        kind=kind,
        format=verdict.format if is_date else None,
        ambiguous=verdict.ambiguous if is_date else False,
        candidates=verdict.candidates if is_date else (),
        non_empty=tracker.non_empty,
        distinct=tracker.distinct_count,
        examples=tuple(tracker.examples),
        distinct_capped=tracker.capped,
        note=verdict.note if is_date else None,
        settled_by=verdict.settled_by if is_date else (),
    )
