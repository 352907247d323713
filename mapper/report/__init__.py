"""Formatters: pure functions from a `Report` to the text written on stdout.

`FORMATTERS` maps each ``--format`` name to its formatter; the CLI offers exactly its keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mapper.diagnostics import Diagnostic, Summary
from mapper.report import github, json_format, sarif, text


@dataclass(frozen=True)
class Report:
    """Everything one run found, over ``files`` files."""

    diagnostics: tuple[Diagnostic, ...]
    files: int

    @property
    def summary(self) -> Summary:
        return Summary.of(self.diagnostics, self.files)


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    # only the findings: no summary line
    quiet: bool = False


Formatter = Callable[[Report, RenderOptions], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
}
