"""Every code the tool can report, for ``mapper rules`` and SARIF output.

Above every stage: it imports each module that registers codes, so the registry itself
(`mapper.diagnostics`) stays a leaf and no stage imports another to list codes.
"""

from __future__ import annotations

# each of these registers its codes when imported
import mapper.check
import mapper.compile.codes
import mapper.preflight.codes
import mapper.spec  # noqa: F401
from mapper.diagnostics import Code, registered
from mapper.rules import all_rules


def known_codes() -> list[Code]:
    """Every code the tool can report (reading, rules, pre-flight, compile), by code."""
    all_rules()
    return registered()
