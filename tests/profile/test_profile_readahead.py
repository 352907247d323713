"""`profile` reads ahead in a thread; a failure while profiling must not leave it running."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import mapper.profile as profile_module
from mapper.profile import profile


def test_a_failing_progress_callback_leaves_no_reading_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # many small batches: the reader is far from done when the consumer gives up
    monkeypatch.setattr(profile_module, "BLOCK_BYTES", 1024)
    path = tmp_path / "leads.csv"
    rows = "".join(f"Name {i},name{i}@example.com,{i}\n" for i in range(20_000))
    path.write_text("Name,Email,Score\n" + rows, encoding="utf-8")
    before = set(threading.enumerate())

    def interrupted(done: int, total: int) -> None:
        raise RuntimeError("stopped by the user")

    with pytest.raises(RuntimeError, match="stopped by the user"):
        profile(path, progress=interrupted)
    assert set(threading.enumerate()) - before == set()
