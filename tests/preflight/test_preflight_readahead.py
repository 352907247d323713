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
