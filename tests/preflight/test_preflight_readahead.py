"""The read-ahead thread: order kept, errors raised in the consumer, early stop clean."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from mapper.csvfile import ahead


def test_items_arrive_in_order() -> None:
    assert list(ahead(iter(range(100)))) == list(range(100))


def test_a_producer_error_is_raised_after_the_items_before_it() -> None:
    def failing() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad block")

    received = []
    with pytest.raises(ValueError, match="bad block"):
        for item in ahead(failing()):
            received.append(item)
    assert received == [1, 2]


def test_stopping_early_ends_the_worker_thread() -> None:
    before = threading.active_count()
    for item in ahead(iter(range(10_000))):
        if item == 3:
            break
    assert threading.active_count() == before


def _batch(first_line: int, values: list[str], width: int = 2, ragged: tuple = ()):
    import pyarrow as pa

    from mapper.csvfile import Batch

    columns = tuple(pa.array([f"{v}{i}" for v in values], pa.string()) for i in range(width))
    lines = pa.array(range(first_line, first_line + len(values)), pa.int64())
    return Batch(columns, lines, ragged)


def test_reader_batches_are_joined_in_runs_of_the_same_width() -> None:
    from mapper.csvfile import RaggedRow
    from mapper.preflight.reader import _joined

    odd = RaggedRow(line=5, fields=3, expected=2)
    left_over = RaggedRow(line=9, fields=1, expected=2)
    batches = [
        _batch(2, ["a", "b"]),
        _batch(6, ["c"], ragged=(odd,)),
        _batch(7, ["d", "e"]),
        _batch(9, [], width=0, ragged=(left_over,)),
    ]
    joined = list(_joined(iter(batches), 2))
    assert [len(b) for b in joined] == [3, 2, 0]
    first, second, last = joined
    assert [c.to_pylist() for c in first.columns] == [["a0", "b0", "c0"], ["a1", "b1", "c1"]]
    assert first.lines.tolist() == [2, 3, 6] and first.ragged == (odd,)
    assert second.lines.tolist() == [7, 8] and second.ragged == ()
    assert last.columns == () and last.ragged == (left_over,)
