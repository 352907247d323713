"""Diagnostics are plain values: every stage reports findings as `Diagnostic`s.

Every stable code (``BW`` + 3 digits) is described once by a `Code` and registered here
when the module defining it is imported; `mapper.codes` imports them all for ``mapper rules``.
This module is the leaf every stage imports: it imports no other part of mapper.
Formatters (``mapper.report``) turn diagnostics into text; nothing here prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum
from types import EllipsisType
from typing import TypeVar


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Diagnostic:
    """One finding, located in a spec file (JSON pointer + line/column) or a CSV (line/column).

    ``line`` and ``column`` are 1-based physical positions in ``path``; ``pointer`` is the
    RFC 6901 pointer into a spec body (``None`` for CSV findings).
    """

    code: str
    severity: Severity
    message: str
    path: str = "-"
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    zoho_code: str | None = None
    hint: str | None = None

    def at(self, path: str, line: int | None, column: int | None) -> Diagnostic:
        return replace(self, path=path, line=line, column=column)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.severity.rank, self.code)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "severity": self.severity.value,
            "code": self.code,
            "zoho_code": self.zoho_code,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int
    by_code: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic], files: int) -> Summary:
        diagnostics = list(diagnostics)
        by_severity = Counter(d.severity for d in diagnostics)
        return cls(
            files=files,
            errors=by_severity[Severity.ERROR],
            warnings=by_severity[Severity.WARNING],
            infos=by_severity[Severity.INFO],
            by_code=dict(sorted(Counter(d.code for d in diagnostics).items())),
        )

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "by_code": self.by_code,
        }


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=Diagnostic.sort_key)


@dataclass(frozen=True)
class Code:
    """A stable diagnostic code: what it means, and the defaults of its findings."""

    code: str
    name: str
    doc: str
    severity: Severity
    zoho_code: str | None = None
    family: str = ""
    # what to do about a finding, when the code alone says it
    hint: str | None = None

    def diagnostic(
        self,
        message: str,
        *,
        path: str = "-",
        line: int | None = None,
        column: int | None = None,
        pointer: str | None = None,
        hint: str | None = None,
        severity: Severity | None = None,
        zoho_code: str | EllipsisType | None = ...,
    ) -> Diagnostic:
        """A finding of this code; ``zoho_code`` overrides the code's own (None: none)."""
        return Diagnostic(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            path=path,
            line=line,
            column=column,
            pointer=pointer,
            zoho_code=self.zoho_code if zoho_code is ... else zoho_code,
            hint=self.hint if hint is None else hint,
        )


CodeT = TypeVar("CodeT", bound=Code)

_REGISTRY: dict[str, Code] = {}


def register(code: CodeT) -> CodeT:
    """Add ``code`` to the codes ``registered()`` lists; a code string may be used once."""
    if code.code in _REGISTRY:
        raise ValueError(f"code {code.code} registered twice")
    _REGISTRY[code.code] = code
    return code


def registered() -> list[Code]:
    """Every code registered so far (by the modules imported so far), sorted by code."""
    return sorted(_REGISTRY.values(), key=lambda known: known.code)
