"""The job ledger: one JSON file per submission, rewritten atomically after every step.

It is what makes a submission resumable and never sent twice: each part's step (uploaded,
its ``file_id``; created, its job id; the job's last status; the downloaded result) is on
disk before the next request goes out. It holds no secret: no token, no client secret,
no refresh token (only hosts, ids and paths). The folder is ``MAPPER_STATE_DIR`` or the
user's state folder (platformdirs); each submission also keeps its parts there.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from mapper.files import write_atomic

STATE_DIR_ENV = "MAPPER_STATE_DIR"
LEDGER_VERSION = 1

# A part's steps, in order. An upload only stores a file at Zoho (no record is written),
# so an upload whose answer was lost is sent again; a create whose answer was lost may
# have made a job, so it is never sent again without the user's word (LOST).
READY, UPLOADING, UPLOADED, CREATING, CREATED, DONE = (
    "ready",
    "uploading",
    "uploaded",
    "creating",
    "created",
    "done",
)
LOST = "lost"  # the create request's answer never came: a job may exist
STEPS = (READY, UPLOADING, UPLOADED, CREATING, CREATED, DONE, LOST)


class LedgerError(Exception):
    """A ledger that cannot be read or written; the message names the file."""


@dataclass(frozen=True)
class PartState:
    """One part of a submission: its files, the source lines of its rows, and its step."""

    number: int
    zip_path: str
    csv_names: tuple[str, ...]  # per resource, the CSV's name inside the zip
    modules: tuple[str, ...]  # per resource, the module it writes
    lines: tuple[tuple[tuple[int, int], ...], ...]  # per resource, runs of source lines
    step: str = READY
    file_id: str | None = None
    job_id: str | None = None
    job_status: str | None = None
    processed: int = 0
    total: int | None = None
    result_zip: str | None = None
    message: str | None = None  # the last failure, as the user saw it

    @property
    def rows(self) -> int:
        return sum(end - start + 1 for start, end in self.lines[0]) if self.lines else 0

    def source_lines(self, resource: int = 0) -> list[int]:
        return [line for start, end in self.lines[resource] for line in range(start, end + 1)]


@dataclass(frozen=True)
class Submission:
    """Everything needed to resume: inputs, where it goes, the parts and their steps."""

    id: str
    created: str
    content_hash: str
    sources: tuple[str, ...]  # the parent CSV, then each child CSV
    operation: str
    api_url: str
    api_version: str
    work_dir: str
    parts: tuple[PartState, ...]
    result_out: str | None = None
    failed_out: str | None = None
    prediction_file: str | None = None
    version: int = LEDGER_VERSION

    @property
    def job_ids(self) -> tuple[str, ...]:
        return tuple(part.job_id for part in self.parts if part.job_id)

    @property
    def finished(self) -> bool:
        return all(part.step == DONE for part in self.parts)

    def with_part(self, part: PartState) -> Submission:
        parts = tuple(part if p.number == part.number else p for p in self.parts)
        return replace(self, parts=parts)


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(STATE_DIR_ENV):
        return Path(env[STATE_DIR_ENV])
    import platformdirs  # lazily: only submit, status and jobs need it

    return Path(platformdirs.user_state_dir("mapper"))


def line_runs(lines: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """Consecutive lines as (first, last) runs: 25,000 rows are a handful of pairs."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][1] + 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])
    return tuple((first, last) for first, last in runs)


def content_hash(files: Sequence[Path], body: Mapping[str, Any], *where: str) -> str:
    """What makes two submissions the same: the CSVs' bytes, the body and the destination."""
    digest = hashlib.sha256()
    digest.update(json.dumps(body, sort_keys=True).encode())
    for text in where:
        digest.update(b"\0" + text.encode())
    for path in files:
        digest.update(b"\0file\0")
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


class Ledger:
    """The ledger folder: ``<state>/jobs/<id>.json`` and ``<state>/work/<id>/``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else state_dir()
        self.jobs = self.root / "jobs"

    def new_id(self, content: str) -> str:
        return time.strftime("%Y%m%d-%H%M%S") + f"-{content[:8]}-{os.urandom(2).hex()}"

    def work_dir(self, submission_id: str) -> Path:
        return self.root / "work" / submission_id

    def path(self, submission_id: str) -> Path:
        return self.jobs / f"{submission_id}.json"

    def save(self, submission: Submission) -> Submission:
        try:
            self.jobs.mkdir(parents=True, exist_ok=True)
            text = json.dumps(asdict(submission), indent=1)
            write_atomic(self.path(submission.id), text.encode())
        except OSError as error:
            raise LedgerError(
                f"cannot write the job ledger {self.path(submission.id)}: {error.strerror or error}"
            ) from error
        return submission

    def load(self, submission_id: str) -> Submission:
        path = self.path(submission_id)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return _submission(raw)
        except FileNotFoundError:
            raise LedgerError(f"no submission {submission_id} in {self.jobs}") from None
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise LedgerError(f"{path} is not a readable ledger entry: {error}") from error

    def all(self) -> Iterator[Submission]:
        """Every readable submission, newest first (an unreadable file is skipped)."""
        if not self.jobs.is_dir():
            return
        for path in sorted(self.jobs.glob("*.json"), reverse=True):
            try:
                yield self.load(path.stem)
            except LedgerError:
                continue

    def find(self, key: str) -> Submission:
        """A submission by its id (or a unique prefix) or by one of its job ids."""
        matches = [s for s in self.all() if s.id.startswith(key) or key in s.job_ids]
        if not matches:
            raise LedgerError(f"no submission or job {key} in the ledger {self.jobs}")
        if len(matches) > 1 and not any(s.id == key or key in s.job_ids for s in matches):
            raise LedgerError(f"{key} names {len(matches)} submissions: give more of the id")
        return matches[0]

    def same_input(self, content: str) -> Submission | None:
        return next((s for s in self.all() if s.content_hash == content), None)

    def latest_unfinished(self) -> Submission | None:
        return next((s for s in self.all() if not s.finished), None)


def _submission(raw: dict[str, Any]) -> Submission:
    if raw.get("version") != LEDGER_VERSION:
        raise ValueError(f"ledger version {raw.get('version')!r}, not {LEDGER_VERSION}")
    parts = tuple(_part(p) for p in raw.pop("parts"))
    for key in ("sources",):
        raw[key] = tuple(raw[key])
    return Submission(parts=parts, **raw)


def _part(raw: dict[str, Any]) -> PartState:
    if raw.get("step") not in STEPS:
        raise ValueError(f"unknown step {raw.get('step')!r}")
    raw["csv_names"] = tuple(raw["csv_names"])
    raw["modules"] = tuple(raw["modules"])
    raw["lines"] = tuple(tuple((int(a), int(b)) for a, b in runs) for runs in raw["lines"])
    return PartState(**raw)


__all__ = [
    "STATE_DIR_ENV",
    "STEPS",
    "Ledger",
    "LedgerError",
    "PartState",
    "Submission",
    "content_hash",
    "field",
    "line_runs",
    "state_dir",
]
