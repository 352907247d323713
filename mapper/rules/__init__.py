"""Rules over a parsed spec body: a registry of `Rule`s, one module per family.

A rule is a function ``(ctx: RuleContext) -> Iterable[Diagnostic]`` registered with
``@rule(...)``. Rules report a JSON pointer; ``mapper.check`` turns pointers into
line:column positions, so rules never deal with text positions.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from mapper.diagnostics import Code, Diagnostic, Severity, register, registered
from mapper.jsonvalues import list_at
from mapper.pointer import pointer
from mapper.zoho import DEFAULT_API_VERSION

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.profile import Profile

T = TypeVar("T")

FAMILIES = ("structure", "callback", "mappings", "parent_child", "catalog", "lookups")


@dataclass(frozen=True)
class CsvFacts:
    """What rules may know about the CSV a resource reads (from ``--csv``)."""

    path: str
    header: tuple[str, ...]
    # per column: a profile kind ("id", "email", "text", ...), "" when unknown
    kinds: tuple[str, ...] = ()

    @classmethod
    def of(cls, profile: Profile) -> CsvFacts:
        return cls(
            path=profile.path,
            header=tuple(column.header or "" for column in profile.columns),
            kinds=tuple(column.kind for column in profile.columns),
        )

    def kind_at(self, index: int) -> str:
        return self.kinds[index] if 0 <= index < len(self.kinds) else ""


@dataclass(frozen=True)
class RuleContext:
    body: Any
    api_version: str = DEFAULT_API_VERSION
    catalog: Catalog | None = None
    # CSV facts per resource index; a single --csv applies to resource 0
    csv: dict[int, CsvFacts] = field(default_factory=dict)
    # what several rules derive from the body (targets, mapped fields), derived once
    memo: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    def remember(self, key: Hashable, derive: Callable[[], T]) -> T:
        """``derive()``, computed on the first call for ``key`` only (the body never changes
        while rules run)."""
        if key not in self.memo:
            self.memo[key] = derive()
        return self.memo[key]

    def resources(self) -> Iterator[tuple[int, dict]]:
        for i, resource in enumerate(list_at(self.body, "resource") or ()):
            if isinstance(resource, dict):
                yield i, resource

    def mappings(self, resource: dict) -> Iterator[tuple[int, dict]]:
        for j, mapping in enumerate(list_at(resource, "field_mappings") or ()):
            if isinstance(mapping, dict):
                yield j, mapping

    def all_mappings(self) -> tuple[tuple[str, dict], ...]:
        """Every mapping of every resource, with its pointer."""
        return self.remember("all_mappings", lambda: tuple(self._all_mappings()))

    def _all_mappings(self) -> Iterator[tuple[str, dict]]:
        for i, resource in self.resources():
            for j, mapping in self.mappings(resource):
                yield pointer("resource", i, "field_mappings", j), mapping


@dataclass(frozen=True)
class Rule(Code):
    """A code reported by a check over the spec body; ``fn`` is that check."""

    fn: Callable[[Rule, RuleContext], Iterable[Diagnostic]] = field(kw_only=True)

    def run(self, ctx: RuleContext) -> list[Diagnostic]:
        return list(self.fn(self, ctx))

    def diag(
        self,
        pointer: str,
        message: str,
        *,
        hint: str | None = None,
        severity: Severity | None = None,
        zoho_code: str | None = None,
    ) -> Diagnostic:
        """A finding at ``pointer``; ``zoho_code`` None keeps the rule's own."""
        return self.diagnostic(
            message,
            pointer=pointer,
            hint=hint,
            severity=severity,
            zoho_code=zoho_code or self.zoho_code,
        )


def rule(
    code: str,
    name: str,
    doc: str,
    severity: Severity = Severity.ERROR,
    zoho_code: str | None = None,
) -> Callable[[Callable[[Rule, RuleContext], Iterable[Diagnostic]]], Rule]:
    """Register a rule; the decorated function receives the `Rule` itself and the context."""

    def register_rule(fn: Callable[[Rule, RuleContext], Iterable[Diagnostic]]) -> Rule:
        family = fn.__module__.rsplit(".", 1)[-1]
        return register(Rule(code, name, doc, severity, zoho_code, family, fn=fn))

    return register_rule


def all_rules() -> list[Rule]:
    for family in FAMILIES:
        importlib.import_module(f"mapper.rules.{family}")
    return [known for known in registered() if isinstance(known, Rule)]
