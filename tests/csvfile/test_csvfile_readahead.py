"""`ahead`: a consumer that stops early stops the reading thread and closes what it read."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from mapper.csvfile import ahead


class Source:
    """An iterator that records how far it was read and whether it was closed."""

    def __init__(self, count: int) -> None:
        self.produced = 0
        self.closed = False
        self.items = self._items(count)

    def _items(self, count: int) -> Iterator[int]:
        try:
            for item in range(count):
                self.produced += 1
                yield item
        finally:
            self.closed = True


def reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "csv-reader"]


def test_a_break_stops_the_thread_and_closes_the_source() -> None:
    source = Source(10_000)
    for item in ahead(source.items, depth=2):
        if item == 3:
            break
    assert reader_threads() == []
    assert source.closed
    # the worker ran at most the queue's depth (and the item in its hands) ahead
    assert source.produced <= 4 + 2 + 2


def test_an_exception_in_the_consumer_stops_the_thread() -> None:
    source = Source(10_000)
    reading = ahead(source.items)
    with pytest.raises(KeyError):
        for _ in reading:
            raise KeyError("consumer failed")
    reading.close()  # what `with closing(...)` does; the traceback keeps the frame alive
    assert reader_threads() == []
    assert source.closed


def test_a_source_read_to_the_end_is_closed_and_the_thread_ends() -> None:
    source = Source(5)
    assert list(ahead(source.items, depth=3)) == [0, 1, 2, 3, 4]
    assert source.closed
    assert reader_threads() == []
