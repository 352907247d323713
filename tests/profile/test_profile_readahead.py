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


@pytest.mark.parametrize(
    ("cores", "workers"), [({0}, (1, 1)), ({0, 1}, (1, 2)), ({0, 1, 2, 3}, (2, 2))]
)
def test_one_core_is_left_to_the_reader_and_the_profile_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: set[int], workers: tuple[int, int]
) -> None:
    monkeypatch.setattr(profile_module, "BLOCK_BYTES", 4096)
    path = tmp_path / "leads.csv"
    rows = "".join(f"Name {i},{i % 28 + 1:02d}/03/2024,{i}.5,+1 555 {i:07d}\n" for i in range(3000))
    path.write_text("Name,Seen,Score,Phone\n" + rows, encoding="utf-8")
    expected = profile(path)
    monkeypatch.setattr(profile_module.os, "sched_getaffinity", lambda pid: cores, raising=False)
    assert profile_module._inference_workers() == workers
    assert profile(path) == expected
