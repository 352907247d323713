"""Whole-file profile of a CSV: each column's kind, date pattern, counts and examples.

Every row is read (through `mapper.csvfile`), in batches, with memory bounded by the number
of columns: per column only counters, a capped set of distinct values and the date
candidates still standing. Per-cell work is vectorised (pyarrow.compute); Python looks only
at what is new: a batch's distinct values while a column has few, and the first values of
each new date shape. A date pattern is reported only when every non-empty value of the
column matches it; when patterns of different meaning all match, the column is ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper import dates
from mapper.csvfile import Batch, read_batches, sniff

if TYPE_CHECKING:
    import pyarrow as pa

KINDS = (
    "empty", "text", "integer", "decimal", "boolean", "date", "datetime",
    "email", "phone", "url", "id",
)  # fmt: skip
DISTINCT_CAP = 10_000
EXAMPLES = 3
MAX_RAGGED_WARNINGS = 10
BLOCK_BYTES = 1 << 20  # pyarrow's reader memory grows ~40x its block size; 1 MiB keeps it ~45 MB
GROUP_BATCHES = 8  # batches inferred together: fewer kernel calls, fewer repeated uniques
WORKERS = 2  # columns are profiled in parallel; pyarrow kernels release the GIL

# Kinds tested in this order, most specific first; a value of one implies the kinds listed
# in IMPLIES. Numbers are tested with cheap kernels, the others with a regex each.
KIND_TESTS: tuple[tuple[str, str | None], ...] = (
    ("boolean", r"^(?i:true|false|yes|no|y|n|t|f)$"),
    ("id", None),
    ("integer", None),
    ("decimal", r"^[+-]?(?:(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+)$"),
    ("email", r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$"),
    ("url", r"^(?i:https?://\S+|www\.\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?)$"),
    ("phone", r"^\+?\(?\d[\d\s().\-/]{5,23}\d(?:\s*(?i:x|ext\.?|#)\s*\d{1,6})?$"),
)
IMPLIES = {"id": ("integer", "decimal"), "integer": ("decimal",)}
DATE_RANK = 4  # date/datetime sit after decimal and before email in KIND_TESTS order
ID_DIGITS = (18, 19)  # Zoho record ids
PHONE_DIGITS = (7, 25)  # lengths of bare digit strings the phone regex accepts

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ColumnProfile:
    """One column's profile. ``format`` is a Java pattern proven by every value, or None.

    ``ambiguous`` means patterns of different meaning all read every value; ``candidates``
    lists one pattern per meaning and ``note`` says which value would settle it (or, for
    mixed shapes, which shapes were seen). ``distinct`` stops counting at `DISTINCT_CAP`
    (``distinct_capped`` is then True).
    """

    index: int
    header: str | None
    kind: str
    format: str | None
    ambiguous: bool
    candidates: tuple[str, ...]
    non_empty: int
    distinct: int
    examples: tuple[str, ...]
    distinct_capped: bool = False
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "header": self.header,
            "kind": self.kind,
            "format": self.format,
            "ambiguous": self.ambiguous,
            "candidates": list(self.candidates),
            "non_empty": self.non_empty,
            "distinct": self.distinct,
            "examples": list(self.examples),
        }


@dataclass(frozen=True)
class Profile:
    """A file's profile; ``header`` tells whether the file has a header row."""

    path: str
    encoding: str
    delimiter: str
    header: bool
    rows: int
    columns: tuple[ColumnProfile, ...]
    warnings: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of ``mapper profile --format json``."""
        return {
            "path": self.path,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "header": self.header,
            "rows": self.rows,
            "columns": [column.as_dict() for column in self.columns],
            "warnings": list(self.warnings),
        }


def profile(path: str | Path, *, progress: Progress | None = None) -> Profile:
    """Profile every row of the CSV at ``path`` (raises `mapper.csvfile.CsvError`).

    ``progress(done, total)`` is called after each group of batches, in (estimated) bytes.
    """
    info = sniff(path)
    states = [_ColumnState() for _ in info.header]
    rows, ragged = 0, []
    total = Path(path).stat().st_size
    batches = _prefetched(read_batches(path, info, block_bytes=BLOCK_BYTES), GROUP_BATCHES + 2)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for group in _grouped(batches, GROUP_BATCHES):
            columns = _chunked_columns(group)
            if columns and len(columns[0]):
                list(pool.map(_ColumnState.update, states, columns))
            rows += sum(batch.num_rows + len(batch.ragged) for batch in group)
            ragged.extend(row for batch in group for row in batch.ragged)
            if progress and group[-1].num_rows:
                progress(_bytes_done(group[-1], total), total)
    columns = tuple(
        state.result(index, name if info.has_header else None)
        for index, (state, name) in enumerate(zip(states, info.header, strict=True))
    )
    return Profile(
        path=str(path),
        encoding=info.encoding,
        delimiter=info.delimiter,
        header=info.has_header,
        rows=rows,
        columns=columns,
        warnings=(*info.warnings, *_ragged_warnings(ragged), *_column_warnings(columns)),
    )


def _bytes_done(batch: Batch, total: int) -> int:
    """Rough position in the file, from the lines read and the bytes the batch holds."""
    lines = int(batch.lines[-1].as_py())
    held = sum(column.nbytes for column in batch.columns) / max(batch.num_rows, 1)
    return min(total, max(1, int(lines * held)))


def _grouped(batches: Iterator[Batch], size: int) -> Iterator[list[Batch]]:
    group: list[Batch] = []
    for batch in batches:
        group.append(batch)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group


def _chunked_columns(group: list[Batch]) -> list[pa.ChunkedArray]:
    """One chunked array per column over the group's batches (no copy)."""
    import pyarrow as pa

    with_columns = [batch for batch in group if batch.columns]
    if not with_columns:
        return []
    width = len(with_columns[0].columns)
    return [pa.chunked_array([b.columns[i] for b in with_columns]) for i in range(width)]


def _prefetched(batches: Iterator[Batch], depth: int) -> Iterator[Batch]:
    """Read ahead in a thread: pyarrow parses while this thread infers (both drop the GIL)."""
    import queue
    import threading

    slots: queue.Queue[Any] = queue.Queue(maxsize=depth)
    done = object()

    def produce() -> None:
        try:
            for batch in batches:
                slots.put(batch)
        except BaseException as error:  # handed to the consumer, raised there
            slots.put(error)
        slots.put(done)

    threading.Thread(target=produce, daemon=True).start()
    while (item := slots.get()) is not done:
        if isinstance(item, BaseException):
            raise item
        yield item


def _ragged_warnings(ragged: list[Any]) -> list[str]:
    shown = [
        f"line {row.line}: {row.fields} fields where the header has {row.expected}; "
        "row left out of the profile"
        for row in ragged[:MAX_RAGGED_WARNINGS]
    ]
    if len(ragged) > MAX_RAGGED_WARNINGS:
        shown.append(f"{len(ragged) - MAX_RAGGED_WARNINGS} more rows with a wrong field count")
    return shown


def _column_warnings(columns: tuple[ColumnProfile, ...]) -> list[str]:
    return [
        f"column {c.index} '{c.header or 'no header'}': {c.note}" for c in columns if c.note
    ]


class _ColumnState:
    """Running facts about one column; `update` sees each batch once."""

    def __init__(self) -> None:
        self.non_empty = 0
        self.distinct: pa.Array | None = None
        self.pending: list[pa.Array] = []
        self.pending_size = 0
        self.capped = False
        self.examples: list[str] = []
        self.kinds = [name for name, _ in KIND_TESTS]
        self.dates = _DateState()

    def update(self, column: pa.StringArray) -> None:
        import pyarrow.compute as pc

        filled = pc.greater(pc.binary_length(column), 0)
        count = pc.sum(filled).as_py() or 0
        if not count:
            return
        values = column if count == len(column) else column.filter(filled)
        self.non_empty += count
        weights = None
        if not self.capped:
            counted = pc.value_counts(values)
            values, weights = counted.field("values"), counted.field("counts")
            self._count_distinct(values)
        if len(self.examples) < EXAMPLES:
            self._add_examples(values)
        if self.kinds:
            self._test_kinds(values)
        self.dates.update(values, weights)

    def _count_distinct(self, uniques: pa.Array) -> None:
        """Collect a batch's distinct values; merge once enough are pending (merging costs)."""
        self.pending.append(uniques)
        self.pending_size += len(uniques)
        if self.pending_size >= DISTINCT_CAP:
            self._merge_distinct()

    def _merge_distinct(self) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        if not self.pending:
            return
        known = [self.distinct] if self.distinct is not None else []
        self.distinct = pc.unique(pa.concat_arrays(known + self.pending))
        self.pending, self.pending_size = [], 0
        if len(self.distinct) >= DISTINCT_CAP:
            self.distinct, self.capped = None, True

    def _add_examples(self, values: pa.Array) -> None:
        for value in values.slice(0, 64).to_pylist():
            if value not in self.examples and len(self.examples) < EXAMPLES:
                self.examples.append(value)

    def _test_kinds(self, values: pa.Array) -> None:
        import pyarrow.compute as pc

        digits = pc.ascii_is_decimal(values)
        facts = _Facts(values, digits, bool(pc.all(digits).as_py()))
        implied: set[str] = set()
        for name, regex in KIND_TESTS:
            if name not in self.kinds or name in implied:
                continue
            if _holds(name, regex, facts):
                implied.update(IMPLIES.get(name, ()))
            else:
                self.kinds.remove(name)

    def result(self, index: int, header: str | None) -> ColumnProfile:
        self._merge_distinct()
        verdict = self.dates.verdict()
        kind = self._kind(verdict)
        is_date = kind in ("date", "datetime")
        return ColumnProfile(
            index=index,
            header=header,
            kind=kind,
            format=verdict.format if is_date else None,
            ambiguous=verdict.ambiguous if is_date else False,
            candidates=verdict.candidates if is_date else (),
            non_empty=self.non_empty,
            distinct=DISTINCT_CAP if self.capped else len(self.distinct or ()),
            examples=tuple(self.examples),
            distinct_capped=self.capped,
            note=verdict.note if is_date else None,
        )

    def _kind(self, verdict: _DateVerdict) -> str:
        """The most specific kind every value has: numbers, then dates, then the rest."""
        if not self.non_empty:
            return "empty"
        order = [name for name, _ in KIND_TESTS]
        before_dates = [k for k in self.kinds if order.index(k) < DATE_RANK]
        after_dates = [k for k in self.kinds if order.index(k) >= DATE_RANK]
        return (before_dates or [verdict.kind] * bool(verdict.kind) or after_dates or ["text"])[0]


@dataclass(frozen=True)
class _Facts:
    """A batch of non-empty values and which of them are all ASCII digits."""

    values: pa.Array
    digits: pa.Array
    all_digits: bool


def _holds(kind: str, regex: str | None, facts: _Facts) -> bool:
    """Whether every value is of ``kind``; digit-only batches skip the regexes."""
    import pyarrow.compute as pc

    values = facts.values
    if facts.all_digits and kind not in ("id", "integer"):
        if kind == "phone":  # what the phone regex accepts of bare digits
            lengths = pc.min_max(pc.binary_length(values)).as_py()
            return PHONE_DIGITS[0] <= lengths["min"] and lengths["max"] <= PHONE_DIGITS[1]
        return kind == "decimal" and _integers(values, facts.digits)
    if regex is not None:
        return bool(pc.all(pc.match_substring_regex(values, regex)).as_py())
    if kind == "id":
        lengths = pc.min_max(pc.binary_length(values)).as_py()
        return bool(
            facts.all_digits
            and ID_DIGITS[0] <= lengths["min"]
            and lengths["max"] <= ID_DIGITS[1]
            and not pc.any(pc.starts_with(values, "0")).as_py()
        )
    return _integers(values, facts.digits)


def _integers(values: pa.Array, digits: pa.Array) -> bool:
    """Digits with an optional sign, and no leading zero (a code like 01234 is text)."""
    import pyarrow.compute as pc

    zero_led = pc.and_(pc.starts_with(values, "0"), pc.greater(pc.binary_length(values), 1))
    if pc.any(zero_led).as_py():
        return False
    if pc.all(digits).as_py():
        return True
    rest = values.filter(pc.invert(digits))
    signed = pc.or_(pc.starts_with(rest, "-"), pc.starts_with(rest, "+"))
    unsigned = pc.utf8_slice_codeunits(rest, 1)
    return (
        bool(pc.all(pc.and_(signed, pc.ascii_is_decimal(unsigned))).as_py())
        and not (
            pc.any(
                pc.and_(pc.starts_with(unsigned, "0"), pc.greater(pc.binary_length(unsigned), 1))
            )
        ).as_py()
    )


@dataclass(frozen=True)
class _DateVerdict:
    kind: str | None = None
    format: str | None = None
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()
    note: str | None = None


class _Candidate:
    """A pattern still standing, and the looser spellings it may widen to."""

    def __init__(self, pattern: str, rank: int) -> None:
        self.rank = rank
        self.variants = [(groups, text, dates.pattern_regex(text)) for groups, text in
                         dates.loosened(pattern)]  # fmt: skip
        self.current = 0

    @property
    def pattern(self) -> str:
        return self.variants[self.current][1]

    def holds(self, values: pa.Array) -> bool:
        """Whether every value matches, widening to a looser spelling when that is needed."""
        import pyarrow.compute as pc

        groups, _, regex = self.variants[self.current]
        if pc.all(pc.match_substring_regex(values, regex)).as_py():
            return True
        for index in range(self.current + 1, len(self.variants)):
            wider, _, regex = self.variants[index]
            if wider >= groups and pc.all(pc.match_substring_regex(values, regex)).as_py():
                self.current = index
                return True
        return False


class _Shape:
    def __init__(self, regex: str, timed: bool) -> None:
        self.regex = regex
        self.timed = timed
        self.count = 0


class _DateState:
    """Date facts of a column: its value shapes with counts, and the candidates left."""

    MAX_SHAPES = 24

    def __init__(self) -> None:
        self.failed = False
        self.shapes: dict[str, _Shape] = {}
        self.candidates: list[_Candidate] | None = None

    def update(self, values: pa.Array, weights: pa.Array | None) -> None:
        if self.failed or self._settled_by_one_shape(values, weights):
            return
        rest = self._count_shapes(values, weights)
        while rest is not None:
            if not self._learn_shapes(rest[0]):
                self.failed = True
                return
            rest = self._count_shapes(*rest)
        self.candidates = [c for c in self.candidates or () if c.holds(values)]

    def _settled_by_one_shape(self, values: pa.Array, weights: pa.Array | None) -> bool:
        """One pass instead of two in the usual case: a single shape so far, and a candidate
        that reads only that shape reads every value, so they all have it."""
        import pyarrow.compute as pc

        if len(self.shapes) != 1 or not self.candidates:
            return False
        ((display, known),) = self.shapes.items()
        if all(dates.pattern_shape(c.pattern) != display for c in self.candidates):
            return False
        self.candidates = [c for c in self.candidates if c.holds(values)]
        if all(dates.pattern_shape(c.pattern) != display for c in self.candidates):
            return False
        known.count += len(values) if weights is None else pc.sum(weights).as_py()
        return True

    def _count_shapes(self, values: pa.Array, weights: pa.Array | None) -> Any:
        """Add each known shape's count; the values no known shape matches, or None."""
        import pyarrow.compute as pc

        for known in sorted(self.shapes.values(), key=lambda s: -s.count):
            hits = pc.match_substring_regex(values, known.regex)
            matched = pc.sum(hits if weights is None else weights.filter(hits)).as_py() or 0
            known.count += matched
            if pc.all(hits).as_py():
                return None
            if matched:
                misses = pc.invert(hits)
                values = values.filter(misses)
                weights = None if weights is None else weights.filter(misses)
        return values, weights

    def _learn_shapes(self, values: pa.Array) -> bool:
        """Register the shapes of new values; False when one is no date at all."""
        learnt = False
        for value in values.slice(0, 64).to_pylist():
            display, regex = dates.shape(value)
            if display in self.shapes:
                continue
            patterns = dates.candidate_patterns(value)
            if not patterns or len(self.shapes) >= self.MAX_SHAPES:
                return False
            self.shapes[display] = _Shape(regex, dates.has_time(patterns[0]))
            learnt = True
            if self.candidates is None:
                self.candidates = [_Candidate(p, rank) for rank, p in enumerate(patterns)]
        return learnt

    def verdict(self) -> _DateVerdict:
        if self.failed or not self.shapes:
            return _DateVerdict()
        alive = self.candidates or []
        if not alive:
            kind = "datetime" if any(s.timed for s in self.shapes.values()) else "date"
            return _DateVerdict(kind=kind, note=self._mixed_note())
        kind = "datetime" if dates.has_time(alive[0].pattern) else "date"
        per_meaning: dict[tuple[str, ...], list[str]] = {}
        for candidate in sorted(alive, key=lambda c: c.rank):
            per_meaning.setdefault(dates.meaning(candidate.pattern), []).append(candidate.pattern)
        best = tuple(dates.by_preference(patterns)[0] for patterns in per_meaning.values())
        if len(best) == 1:
            return _DateVerdict(kind=kind, format=best[0], candidates=best)
        hint = dates.settle_hint(list(best))
        note = f"ambiguous: every value fits {' and '.join(best)}; {hint} would settle it"
        return _DateVerdict(kind=kind, ambiguous=True, candidates=best, note=note)

    def _mixed_note(self) -> str:
        counted = sorted(self.shapes.items(), key=lambda item: -item[1].count)
        listed = ", ".join(f"'{display}' x{known.count}" for display, known in counted)
        return (
            "no single date pattern reads every value (mixed shapes, or dates that do not "
            f"exist); shapes: {listed}"
        )
