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


# why a column was left out (`Unmatched.cause`); each but SKIPPED is a compile finding
UNKNOWN = "unknown"  # no field reads like the header (or the header is empty)
BELOW_THRESHOLD = "below-threshold"  # the best field scored too low
DOUBTED = "doubted"  # a field matched, but the values or the likeness contradict it
NOT_A_TARGET = "not-a-target"  # the field is read-only, a subform, an image...
TAKEN = "taken"  # another column (or an option) feeds the field
USER_NAMES = "user-names"  # a user lookup's column of names: Zoho finds users by id/email
SKIPPED = "skipped"  # --skip


@dataclass(frozen=True)
class Unmatched:
    """A column left out: why (``reason`` in words, ``cause`` one of the constants
    above), and the closest field when there is one."""

    index: int
    header: str
    reason: str
    best_guess: str | None = None
    confidence: float = 0.0
    cause: str = UNKNOWN

    @property
    def user_names(self) -> bool:
        """It would feed a user lookup but holds neither ids nor emails."""
        return self.cause == USER_NAMES


@dataclass(frozen=True)
class MatchResult:
    """Both lists in column order."""

    matches: tuple[FieldMatch, ...]
    unmatched: tuple[Unmatched, ...]
