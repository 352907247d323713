"""What matching takes and gives: columns in, field matches and left-out columns out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from mapper.catalog.model import Field


class MatchError(ValueError):
    """An option (--map, --skip) that the file or the module cannot satisfy."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class ColumnLike(Protocol):
    """What matching needs from a profiled column."""

    @property
    def index(self) -> int: ...
    @property
    def header(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def examples(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class FieldMatch:
    """A column mapped to a field; `find_by` is set for lookups only."""

    index: int
    header: str
    field: Field
    confidence: float
    reason: str
    find_by: str | None = None
    find_by_reason: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A field a header could stand for, with the score and the evidence the matcher
    would give it."""

    field: str
    score: float
    reason: str


@dataclass(frozen=True)
class Unmatched:
    """A column left out: why, and the closest field when there is one; ``user_names``
    when it would feed a user lookup but holds neither ids nor emails."""

    index: int
    header: str
    reason: str
    best_guess: str | None = None
    confidence: float = 0.0
    user_names: bool = False


@dataclass(frozen=True)
class MatchResult:
    """Both lists in column order."""

    matches: tuple[FieldMatch, ...]
    unmatched: tuple[Unmatched, ...]
