"""Writing files so that a reader never sees half of one: atomic replacement and stable zips.

The bytes go to a temporary file beside the target (same file system), are flushed to disk,
then renamed over it: a failed write leaves no partial file and an existing target as it
was. A symbolic link keeps pointing where it did (its destination is replaced), and a
device or pipe such as /dev/null is written to directly. A new file gets the mode of any
file the user creates (0666 less the umask, 0644 usually); a replaced file keeps its own.
Nothing here imports the rest of `mapper`.
"""

from __future__ import annotations

import os
import secrets
import shutil
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

# a fixed member timestamp keeps a zip byte-identical across runs (zip's epoch is 1980)
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
COPY_BYTES = 1 << 20
# zlib's own default (what a level of None gives) and Info-ZIP zip's: the same bytes as ever
DEFAULT_ZIP_LEVEL = 6


@contextmanager
def atomic_file(
    target: Path, mode: str = "wb", *, permissions: int | None = None, **open_args: object
) -> Iterator[IO]:
    """A file opened for writing that appears at ``target`` only once it is closed whole.

    ``mode`` and ``open_args`` are those of `open` (e.g. ``"w", encoding="utf-8"``); the
    target's folder must exist. An exception inside the block leaves ``target`` untouched.
    ``permissions`` (e.g. 0o600 for a secret) holds from the file's creation on and
    replaces a replaced file's own.
    """
    target = Path(target)
    if target.exists() and not target.is_file():
        # a device or pipe (/dev/stdout, a FIFO): there is nothing to replace, write through
        with open(target, mode, **open_args) as handle:
            yield handle
        return
    # a link stays a link: its destination is what gets replaced
    target = target.resolve() if target.is_symlink() else target
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # O_EXCL: never write through someone else's file; 0o666: the umask applies, as for open()
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, permissions or 0o666)
    try:
        with os.fdopen(descriptor, mode, **open_args) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if permissions is None:
            replace_keeping_mode(temporary, target)
        else:
            os.chmod(temporary, permissions)  # the umask may have taken bits away
            os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def replace_keeping_mode(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target``; a target that exists keeps its permission bits."""
    if target.exists():
        os.chmod(source, target.stat().st_mode & 0o7777)
    os.replace(source, target)


def write_atomic(target: Path, data: bytes) -> None:
    with atomic_file(target) as handle:
        handle.write(data)


def write_zip_atomic(
    target: Path, members: Iterable[tuple[str, Path]], level: int = DEFAULT_ZIP_LEVEL
) -> None:
    """A deflated zip holding each ``(name in zip, source file)``, written atomically.

    Each source is streamed (memory stays bounded whatever its size); the members carry a
    fixed timestamp and mode, so the same files give the same zip bytes. ``level`` is
    deflate's, 0 (stored in deflate blocks) to 9 (smallest, slowest).
    """
    if not 0 <= level <= 9:
        raise ValueError(f"zip level {level} is not 0 to 9")
    with atomic_file(target) as handle, zipfile.ZipFile(handle, "w") as archive:
        for name, source in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            _set_level(info, level)
            info.external_attr = 0o644 << 16
            with source.open("rb") as data:
                info.file_size = os.fstat(data.fileno()).st_size  # zip64 headers when needed
                with archive.open(info, "w") as entry:
                    shutil.copyfileobj(data, entry, COPY_BYTES)


def _set_level(info: zipfile.ZipInfo, level: int) -> None:
    """A member's deflate level; ``ZipFile.open(info, "w")`` reads it from the ZipInfo,
    named ``compress_level`` from Python 3.13 and ``_compresslevel`` before."""
    if hasattr(info, "compress_level"):
        info.compress_level = level
    else:
        info._compresslevel = level  # type: ignore[attr-defined]
