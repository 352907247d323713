"""Helpers of the compile tests: the repository's examples and small CSV writers."""

from __future__ import annotations

from pathlib import Path

from mapper.compile import CompileOptions

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
FILE_ID = "4150868000005364001"


def write_csv(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def options(module: str = "Leads", **values: object) -> CompileOptions:
    return CompileOptions(module=module, file_id=FILE_ID, **values)
