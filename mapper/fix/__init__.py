"""`mapper fix`: a CSV rewritten into what Zoho's bulk write accepts, and nothing else.

Each mapped column gets the rule its field's type needs (`mapper.fix.model.RULES`): dates
into one listed pattern, numbers plain, booleans true/false, multi-select values joined
by ';', every mapped value trimmed, spreadsheet formulas reported. Unmapped columns and
untouched cells keep their text; a value no rule can fix stays as it was and is reported
with its line and column. Stages: `plan` (which rule per column, from the compile's
matching or a spec), `run` (decide conventions over whole columns, then rewrite and
write, streaming), `report` (the change report).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapper import lazy_names

if TYPE_CHECKING:
    from mapper.fix.model import ColumnChanges, ColumnRule, FixReport, Unfixable
    from mapper.fix.plan import FixError, FixOptions, FixPlan, plan_for_module, plan_for_spec
    from mapper.fix.run import fix_file

__all__ = [
    "ColumnChanges",
    "ColumnRule",
    "FixError",
    "FixOptions",
    "FixPlan",
    "FixReport",
    "Unfixable",
    "fix_file",
    "plan_for_module",
    "plan_for_spec",
]

_HOME = {
    "ColumnChanges": "model",
    "ColumnRule": "model",
    "FixReport": "model",
    "Unfixable": "model",
    "FixError": "plan",
    "FixOptions": "plan",
    "FixPlan": "plan",
    "plan_for_module": "plan",
    "plan_for_spec": "plan",
    "fix_file": "run",
}

__getattr__ = lazy_names(__name__, _HOME)
