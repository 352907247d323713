"""What `mapper fix` decides and reports, as plain values: no I/O, nothing heavy imported."""

from __future__ import annotations

from dataclasses import dataclass, field

# the rules, by the name the report and the hints use
DATES = "dates"
NUMBERS = "numbers"
BOOLEANS = "booleans"
MULTI_SELECT = "multi-select"
TRIM = "trim"
FORMULAS = "formulas"
RULES = (DATES, NUMBERS, BOOLEANS, MULTI_SELECT, TRIM, FORMULAS)

# how fixed dates are written: Zoho's documented defaults, or ISO for date fields
DATE_STYLES = ("zoho", "iso")


@dataclass(frozen=True)
class ColumnRule:
    """What fix does to one mapped column.

    ``rule`` names the rewrite for the field's type (`TRIM` alone for a type with none);
    ``source`` is the date pattern the values are read in and ``target`` the one they are
    written in (and the mapping's ``format``). ``refusal`` says why the column's values
    are left as they are (an undecided date order, two-digit years...), with ``hint``.
    """

    index: int
    header: str
    api_name: str
    data_type: str
    rule: str
    source: str | None = None
    target: str | None = None
    refusal: str | None = None
    hint: str | None = None
    # the field's pick list, so that a listed value holding ',' is not split
    pick_list: tuple[str, ...] = ()
    # digits allowed before the point, and whether the field takes whole numbers only
    max_digits: int | None = None
    whole: bool = False
    # a text-like field whose values a spreadsheet could run as a formula (as BW615 reads)
    formula_prone: bool = False


@dataclass(frozen=True)
class Unfixable:
    """A cell fix left as it was: ``line`` is its physical line in the input (as `mapper
    check --csv` counts), ``index`` its 0-based column (None for a whole record)."""

    line: int
    index: int | None
    header: str
    value: str
    reason: str


@dataclass
class ColumnChanges:
    """What one column's rule changed: a count and the first distinct examples."""

    rule: ColumnRule
    changed: int = 0
    unfixable: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)
    # a column-wide finding (mixed number conventions, undecided dates), with hint
    note: str | None = None
    # how the whole column was read (a number convention), for the report
    detail: str | None = None


@dataclass(frozen=True)
class FixReport:
    """The outcome of one fix: per mapped column its changes, every cell left unfixed
    (up to ``UNFIXABLE_KEPT``; ``unfixable_total`` counts them all), and the ``format``
    each rewritten date column now needs in the spec, by column index."""

    input: str
    output: str
    rows: int
    columns: tuple[ColumnChanges, ...]
    unfixable: tuple[Unfixable, ...]
    unfixable_total: int
    formats: dict[int, str]
    ragged: int = 0

    @property
    def changed(self) -> int:
        return sum(column.changed for column in self.columns)

    @property
    def clean(self) -> bool:
        return self.unfixable_total == 0


# unfixable cells kept in memory for the report; beyond, only counted
UNFIXABLE_KEPT = 100_000
EXAMPLES = 3
