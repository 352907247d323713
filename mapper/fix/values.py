"""The per-type rewrites other than dates and numbers: booleans, multi-select picklists,
and spreadsheet formulas, each over a whole batch of one column."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# yes/no words of the exports fix meets (English, German, French, Spanish), 1/0, t/f
TRUE_WORDS = ("true", "yes", "y", "t", "1", "ja", "j", "oui", "sí", "si")
FALSE_WORDS = ("false", "no", "n", "f", "0", "nein", "non")
# a column of ticks: "x" marks true, an empty cell false
TICK = "x"
# the distinct values a boolean column is judged by; more means it is no yes/no column
BOOLEAN_DISTINCT_CAP = 64
NOT_A_BOOLEAN = "not a yes/no value fix knows"


def boolean_words(trimmed: pa.Array) -> set[str]:
    """The distinct non-empty values of a batch, lower-cased."""
    import pyarrow.compute as pc

    distinct = pc.unique(pc.utf8_lower(trimmed)).to_pylist()
    return {value for value in distinct if value}


def is_tick_column(words: set[str]) -> bool:
    return words == {TICK}


def rewrite_booleans(
    trimmed: pa.Array, empty: np.ndarray, ticks: bool
) -> tuple[pa.Array, dict[str, np.ndarray]]:
    """true/false for every known word; in a column of ticks, empty cells are false."""
    import pyarrow as pa
    import pyarrow.compute as pc

    words = (TICK, *TRUE_WORDS, *FALSE_WORDS) if ticks else (*TRUE_WORDS, *FALSE_WORDS)
    truths = ["true"] * (len(words) - len(FALSE_WORDS)) + ["false"] * len(FALSE_WORDS)
    found = pc.index_in(pc.utf8_lower(trimmed), value_set=pa.array(words))
    known = pc.is_valid(found).to_numpy(zero_copy_only=False)
    values = pa.array(truths).take(found)
    if ticks:
        values = pc.if_else(pa.array(empty), "false", values)
        known = known | empty
    values = pc.if_else(pa.array(known), values, trimmed)
    return values, {NOT_A_BOOLEAN: ~known & ~empty}


def rewrite_multi_select(trimmed: pa.Array, pick_list: tuple[str, ...]) -> pa.Array:
    """Values separated by ',' or '|' (when no ';' is there) joined by ';', each trimmed;
    a value that is itself on the pick list is left whole."""
    import pyarrow as pa
    import pyarrow.compute as pc

    semicolons = pc.match_substring(trimmed, ";")
    split = pc.if_else(
        semicolons,
        pc.split_pattern(trimmed, ";"),
        pc.split_pattern_regex(trimmed, "[,|]"),
    )
    parts = pc.utf8_trim_whitespace(pc.list_flatten(split))
    joined = pc.binary_join(pa.ListArray.from_arrays(split.offsets, parts), ";")
    # empty parts ("a,,b", a trailing ',') separate nothing
    joined = pc.replace_substring_regex(joined, ";;+", ";")
    joined = pc.replace_substring_regex(joined, "^;|;$", "")
    if pick_list:
        listed = pc.is_in(trimmed, value_set=pa.array(pick_list))
        joined = pc.if_else(listed, trimmed, joined)
    return joined


FORMULA_REASON = "starts like a spreadsheet formula (--neutralise-formulas prefixes an apostrophe)"


def formula_cells(values: pa.Array, pick_list: tuple[str, ...] = ()) -> np.ndarray:
    """The pre-flight's own test (BW615): a formula start that is not a phone number, nor
    a value of the field's pick list."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from mapper.preflight.checks import Column, FormulaCheck

    cells = FormulaCheck().failing(Column.of(values), np.zeros(0, dtype=np.int64))
    if pick_list and cells.any():
        listed = pc.is_in(values, value_set=pa.array(pick_list))
        cells &= ~pc.fill_null(listed, False).to_numpy(zero_copy_only=False)
    return cells


def neutralised(values: pa.Array, cells: np.ndarray) -> pa.Array:
    import pyarrow as pa
    import pyarrow.compute as pc

    quoted = pc.binary_join_element_wise("'", values, "")
    return pc.if_else(pa.array(cells), quoted, values)
