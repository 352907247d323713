"""mapper.files: what an atomic write does to links, devices and pipes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from mapper.files import write_atomic


def test_a_symlink_stays_a_link_and_its_destination_is_written(tmp_path: Path) -> None:
    destination = tmp_path / "real.json"
    destination.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(destination)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert destination.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomic(pipe, b"body")
    reader.join(timeout=10)
    assert received == [b"body"]
    assert pipe.is_fifo()


def test_dev_null_stays_a_device() -> None:
    null = Path(os.devnull)
    write_atomic(null, b"discarded")
    assert null.is_char_device()
