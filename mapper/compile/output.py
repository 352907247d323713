"""Writing results: deterministic JSON text, and files replaced atomically.

A failed write leaves no partial file behind and an existing file as it was: the bytes go
to a temporary file in the target's directory (same file system), then ``os.replace``.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

# a fixed member timestamp keeps the zip byte-identical across runs (zip's epoch is 1980)
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def render_json(body: dict) -> str:
    """2-space indent, keys in insertion order, trailing newline, non-ASCII kept readable."""
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def write_atomic(target: Path, data: bytes) -> None:
    _replace_with(target, lambda handle: handle.write(data))


def write_zip_atomic(target: Path, members: Iterable[tuple[str, Path]]) -> None:
    """A zip holding each ``(name in zip, source file)``, written atomically."""
    members = list(members)

    def fill(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, source in members:
                info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, source.read_bytes())

    _replace_with(target, fill)


def _replace_with(target: Path, fill: Callable[[BinaryIO], object]) -> None:
    target = Path(target)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below before the rename
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(target, Path(handle.name))
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _keep_mode(target: Path, temporary: Path) -> None:
    """A new file gets the usual umask mode, a replaced one keeps its own (mkstemp is 0600)."""
    if target.exists():
        os.chmod(temporary, target.stat().st_mode & 0o7777)
        return
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
