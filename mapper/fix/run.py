"""Fixing a CSV file: one pass to decide each number and boolean column's convention over
the whole column, one pass to rewrite and write, batch by batch (memory bounded by a
batch, whatever the file's size). Every row is written in its place: a malformed record
is copied as it is, and reported."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.arrays import bool_array
from mapper.fix import dates as date_rules
from mapper.fix.model import (
    BOOLEANS,
    DATES,
    EXAMPLES,
    MULTI_SELECT,
    NUMBERS,
    TRIM,
    UNFIXABLE_KEPT,
    ColumnChanges,
    ColumnRule,
    FixReport,
    Unfixable,
)
from mapper.fix.numbers import US, NumberEvidence, NumberRewrite, rewrite_numbers
from mapper.fix.plan import FixError, FixOptions, FixPlan
from mapper.fix.values import (
    BOOLEAN_DISTINCT_CAP,
    FORMULA_REASON,
    boolean_words,
    formula_cells,
    is_tick_column,
    neutralised,
    rewrite_booleans,
    rewrite_multi_select,
)
from mapper.fix.writer import batch_bytes, record_text

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from mapper.csvfile import Batch, CsvInfo

Progress = Callable[[int], None]
WORKERS = 2  # columns rewritten in parallel
# what trimming a text takes off its ends: the white space of `str.strip` but line breaks
HORIZONTAL_SPACE = (
    " \t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)


def fix_file(
    csv_path: str | Path,
    output: str | Path,
    plan: FixPlan,
    options: FixOptions | None = None,
    *,
    progress: Progress | None = None,
) -> FixReport:
    """Write ``csv_path`` fixed by ``plan`` to ``output`` (atomically) and say what changed.

    Raises `FixError` when the output would be the input, or the file cannot be read.
    """
    from mapper.csvfile import CsvError, sniff
    from mapper.files import atomic_file

    source, target = Path(csv_path), Path(output)
    refuse_same_file(source, target)
    try:
        info = sniff(source)
    except CsvError as error:
        raise FixError(str(error)) from None
    if not info.has_header:
        raise FixError(
            f"{source}: the first row looks like data, not a header",
            "Zoho reads row 1 as the header: add a row naming each column",
        )
    try:
        rules = decide(source, info, plan.rules)
        state = _State(source, info, rules, options or FixOptions())
        with atomic_file(target) as handle:
            state.write_all(handle, progress)
    except CsvError as error:
        raise FixError(str(error)) from None
    except OSError as error:
        raise FixError(f"cannot write {target}: {error.strerror or error}") from None
    return state.report(str(target))


def refuse_same_file(source: Path, target: Path) -> None:
    same = target.resolve() == source.resolve()
    if not same and target.exists() and source.exists():
        same = target.samefile(source)
    if same:
        raise FixError(
            f"{target} is the input CSV; fix never overwrites its input",
            "write the fixed file elsewhere with -o FIXED.csv",
        )


@dataclass(frozen=True)
class DecidedRule:
    """A column's rule with what the whole column decided: its number convention, its
    boolean vocabulary, or the reason it is left as it is."""

    rule: ColumnRule
    numbers: NumberRewrite | None = None
    ticks: bool = False
    date: date_rules.DateRewrite | None = None


def decide(path: Path, info: CsvInfo, rules: dict[int, ColumnRule]) -> dict[int, DecidedRule]:
    """Read the number and boolean columns once, whole, to decide their conventions."""
    from mapper.csvfile import read_batches

    usable = {i: r for i, r in rules.items() if i < info.columns}
    evidence = {
        i: NumberEvidence(percent=r.data_type == "percent")
        for i, r in usable.items()
        if r.rule == NUMBERS
    }
    words: dict[int, set[str] | None] = {i: set() for i, r in usable.items() if r.rule == BOOLEANS}
    if evidence or words:
        for batch in read_batches(path, info):
            _gather(batch, evidence, words)
    return {i: _decided(rule, evidence.get(i), words.get(i)) for i, rule in usable.items()}


def _gather(
    batch: Batch, evidence: dict[int, NumberEvidence], words: dict[int, set[str] | None]
) -> None:
    import pyarrow.compute as pc

    for index, found in evidence.items():
        found.add(pc.utf8_trim_whitespace(batch.columns[index]), batch.lines)
    for index, seen in words.items():
        if seen is not None:
            seen |= boolean_words(pc.utf8_trim_whitespace(batch.columns[index]))
            words[index] = seen if len(seen) <= BOOLEAN_DISTINCT_CAP else None


def _decided(
    rule: ColumnRule, evidence: NumberEvidence | None, words: set[str] | None
) -> DecidedRule:
    from mapper.preflight import shapes

    if rule.rule == NUMBERS and evidence is not None:
        convention, refusal = evidence.decide()
        digits = rule.max_digits or 16
        shape = shapes.integer_shape(digits) if rule.whole else shapes.decimal_shape(digits)
        what = "a whole number" if rule.whole else "a number"
        what += f" of at most {digits} digits before the point"
        numbers = NumberRewrite(convention, rule.data_type == "percent", shape.re2, what, refusal)
        return DecidedRule(replace(rule, refusal=refusal), numbers=numbers)
    if rule.rule == BOOLEANS:
        return DecidedRule(rule, ticks=words is not None and is_tick_column(words))
    if rule.rule == DATES and rule.refusal is None and rule.target != rule.source:
        assert rule.source is not None  # a date rule with a target has a source
        rewrite = date_rules.plan_rewrite(rule.source, rule.data_type, _style(rule.target))
        return DecidedRule(rule, date=rewrite)
    return DecidedRule(rule)


def _style(target: str | None) -> str:
    return "iso" if target == date_rules.ISO_DATE else "zoho"


@dataclass
class _State:
    """What one write pass accumulates: per column its changes, the cells left unfixed."""

    path: Path
    info: CsvInfo
    rules: dict[int, DecidedRule]
    options: FixOptions
    rows: int = 0
    ragged: int = 0
    unfixable: list[Unfixable] = field(default_factory=list)
    unfixable_total: int = 0
    changes: dict[int, ColumnChanges] = field(default_factory=dict)
    _records: Iterator[tuple[int, str]] | None = None
    _pool: ThreadPoolExecutor | None = None

    def __post_init__(self) -> None:
        self.changes = {
            i: ColumnChanges(d.rule, note=d.rule.refusal, detail=_detail(d))
            for i, d in self.rules.items()
        }
        self.terminator = "\r\n" if self.info.line_terminator == "\r\n" else "\n"

    def write_all(self, handle: io.BufferedWriter, progress: Progress | None) -> None:
        from mapper.csvfile import ahead, read_batches

        header = self._record(1)
        handle.write(record_text(header, self.terminator).encode("utf-8"))
        reading = ahead(read_batches(self.path, self.info), 1)
        with closing(reading) as batches, ThreadPoolExecutor(max_workers=WORKERS) as pool:
            self._pool = pool
            for batch in batches:
                handle.write(self._batch(batch))
                if progress is not None:
                    progress(self.rows)

    def _batch(self, batch: Batch) -> bytes | memoryview:
        columns = list(batch.columns)
        indexes = list(self.rules)
        # the columns are rewritten on two threads (pyarrow's kernels release the GIL);
        # what they changed is counted here, in column order, so the report is the same
        assert self._pool is not None  # set by write_all
        done = self._pool.map(lambda i: self._column(self.rules[i], columns[i]), indexes)
        for index, (values, reasons) in zip(indexes, done, strict=True):
            self._count(index, columns[index], values, reasons, batch.lines)
            columns[index] = values
        self.rows += batch.num_rows + len(batch.ragged)
        if not batch.ragged:
            return batch_bytes(columns, self.terminator) if batch.num_rows else b""
        return self._with_ragged(batch, columns)

    def _with_ragged(self, batch: Batch, columns: list[pa.Array]) -> bytes:
        """The rows and, each at its line, the malformed records copied as they are."""
        import numpy as np

        lines = batch.lines.to_numpy(zero_copy_only=False)
        parts, start = [], 0
        for ragged in sorted(batch.ragged, key=lambda r: r.line):
            stop = int(np.searchsorted(lines, ragged.line))
            if stop > start:
                parts.append(self._rows(columns, start, stop))
            fields = self._record(ragged.line)
            parts.append(record_text(fields, self.terminator).encode("utf-8"))
            self.ragged += 1
            self._unfixable(
                ragged.line, None, "", self.info.delimiter.join(fields),
                f"a record of {ragged.fields} fields where the header has {ragged.expected}: "
                "copied as it is",
            )  # fmt: skip
            start = stop
        if start < len(lines):
            parts.append(self._rows(columns, start, len(lines)))
        return b"".join(parts)

    def _rows(self, columns: list[pa.Array], start: int, stop: int) -> bytes:
        sliced = [column.slice(start, stop - start) for column in columns]
        return bytes(batch_bytes(sliced, self.terminator))

    def _record(self, line: int) -> list[str]:
        """The fields of the record starting at ``line``, read from the raw text."""
        from mapper.csvfile import raw_records

        if self._records is None or line == 1:
            self._records = raw_records(self.path, self.info)
        for start, text in self._records:
            if start == line:
                text = text.rstrip("\r\n")
                if not text:
                    return []
                return next(csv.reader(io.StringIO(text), delimiter=self.info.delimiter), [])
        raise FixError(f"{self.path}: the record on line {line} could not be read again")

    def _column(
        self, decided: DecidedRule, raw: pa.Array
    ) -> tuple[pa.Array, dict[str, np.ndarray]]:
        import numpy as np
        import pyarrow.compute as pc

        from mapper.preflight.checks import byte_lengths

        rule = decided.rule
        trimmed = pc.utf8_trim_whitespace(raw)
        empty = byte_lengths(trimmed) == 0
        if rule.rule == TRIM:
            # spaces only: a line break at a text's end stays, so every record keeps its lines
            trimmed = pc.utf8_trim(raw, HORIZONTAL_SPACE)
        values, reasons = rewritten(decided, trimmed, empty)
        failing = np.zeros(len(raw), dtype=bool)
        for mask in reasons.values():
            failing |= mask
        if rule.formula_prone:
            cells = formula_cells(trimmed, rule.pick_list) & ~failing
            if self.options.neutralise_formulas:
                values = neutralised(values, cells)
            else:
                reasons[FORMULA_REASON] = cells
                failing |= cells
        if failing.any():
            values = pc.if_else(bool_array(failing), raw, values)
        return values, reasons

    def _count(
        self, index: int, raw: pa.Array, values: pa.Array, reasons: dict, lines: pa.Array
    ) -> None:
        import numpy as np
        import pyarrow.compute as pc

        changes = self.changes[index]
        changed = pc.not_equal(raw, values).to_numpy(zero_copy_only=False)
        changes.changed += int(changed.sum())
        if len(changes.examples) < EXAMPLES and changed.any():
            for row in np.flatnonzero(changed)[:64]:
                pair = (raw[int(row)].as_py(), values[int(row)].as_py())
                if pair not in changes.examples:
                    changes.examples.append(pair)
                if len(changes.examples) == EXAMPLES:
                    break
        header = changes.rule.header
        for reason, mask in reasons.items():
            rows = np.flatnonzero(mask)
            changes.unfixable += len(rows)
            for row in rows[: max(0, UNFIXABLE_KEPT - len(self.unfixable))]:
                line, value = int(lines[int(row)].as_py()), raw[int(row)].as_py()
                self.unfixable.append(Unfixable(line, index, header, value, reason))
            self.unfixable_total += len(rows)

    def _unfixable(
        self, line: int, index: int | None, header: str, value: str, reason: str
    ) -> None:
        if len(self.unfixable) < UNFIXABLE_KEPT:
            self.unfixable.append(Unfixable(line, index, header, value, reason))
        self.unfixable_total += 1

    def report(self, output: str) -> FixReport:
        formats = {i: d.rule.target for i, d in self.rules.items() if d.rule.target is not None}
        return FixReport(
            input=str(self.path),
            output=output,
            rows=self.rows,
            columns=tuple(self.changes[i] for i in sorted(self.changes)),
            unfixable=tuple(sorted(self.unfixable, key=lambda u: (u.line, u.index or -1))),
            unfixable_total=self.unfixable_total,
            formats=formats,
            ragged=self.ragged,
        )


def _detail(decided: DecidedRule) -> str | None:
    numbers = decided.numbers
    if numbers is None or numbers.convention is None:
        return "empty cells false in a column of ticks" if decided.ticks else None
    return "'.' decimal point" if numbers.convention == US else "',' decimal comma"


def rewritten(
    decided: DecidedRule, trimmed: pa.Array, empty: np.ndarray
) -> tuple[pa.Array, dict[str, np.ndarray]]:
    """A column's values under its rule, and the failing cells by reason."""
    rule = decided.rule
    if rule.refusal is not None and rule.rule != NUMBERS:
        return trimmed, {rule.refusal: ~empty}
    if decided.numbers is not None:
        return rewrite_numbers(decided.numbers, trimmed, empty)
    if decided.date is not None:
        done = date_rules.rewrite(decided.date, trimmed, empty)
        return done.values, done.reasons
    if rule.rule == DATES and rule.source is not None:
        return _kept_dates(rule.source, trimmed, empty)
    if rule.rule == BOOLEANS:
        return rewrite_booleans(trimmed, empty, decided.ticks)
    if rule.rule == MULTI_SELECT:
        return rewrite_multi_select(trimmed, rule.pick_list), {}
    return trimmed, {}


def _kept_dates(
    pattern: str, trimmed: pa.Array, empty: np.ndarray
) -> tuple[pa.Array, dict[str, np.ndarray]]:
    """Dates kept in their listed pattern: only the values that do not fit it fail."""
    import pyarrow.compute as pc

    from mapper.dates import pattern_body

    body = pattern_body(pattern)
    if body is None:
        return trimmed, {}
    fits = pc.fill_null(pc.match_substring_regex(trimmed, f"^(?:{body})$"), False)
    return trimmed, {f"not a date in {pattern}": ~fits.to_numpy(zero_copy_only=False) & ~empty}
