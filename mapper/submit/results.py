"""Zoho's result file, explained: each result row joined to the source record it answers.

A job's result ZIP holds one CSV per resource: the first three mapped columns of the
uploaded CSV, then STATUS, RECORD_ID and ERRORS, one row per uploaded row in upload order
(docs/zoho-api.md, "Result file"). So row k of a part's result answers row k of that part's
CSV, whose source line the submitter knows (`PartResult.source_lines`). `explain` merges the
parts back into source order while reading the source once; every data record of the
source comes back exactly once, ``NO_RESULT`` when no part answered it (a job that failed,
a part not sent). Reading is tolerant of what Zoho's pages leave open: column names in any
case (and by position when unnamed), status words in any case, several error separators,
a BOM, CRLF line ends.
"""

from __future__ import annotations

import csv
import heapq
import io
import itertools
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from mapper.csvfile import CsvError, CsvInfo, raw_records, sniff, text_codec
from mapper.files import atomic_file
from mapper.zoho import RESULT_COLUMNS, ROW_DONE_STATUSES, normalise_row_status, result_column

# a source record no part's result answered
NO_RESULT = "NO_RESULT"
# statuses that say nothing about the data, so they are left out of predicted-vs-actual
UNJUDGED_STATUSES = ("UNPROCESSED", NO_RESULT)
RESULT_OUT_COLUMNS = ("SOURCE_LINE", "STATUS", "RECORD_ID", "ERRORS")
# errors are joined by ":" (Zoho's pages); ";", "|" and line ends are read the same way
_ERROR_SEPARATOR = re.compile(r"[:;|\r\n]+")
_ERROR = re.compile(r"\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:-(.*))?\s*$", re.DOTALL)
# a part whose echoed values differ from the source on more than this share of its rows
# is out of line with it, not merely reformatted by Zoho
MISALIGNED_SHARE = 0.5


class ResultError(Exception):
    """A result that cannot be read or joined; the message names the file and the rows."""


@dataclass(frozen=True, slots=True)
class RowError:
    code: str  # Zoho's code, e.g. "MANDATORY_NOT_FOUND"
    column: str  # the header/API name Zoho named, "" when none


@dataclass(frozen=True, slots=True)
class RowOutcome:
    line: int  # source line where the record starts (header is line 1)
    status: str  # "ADDED" | "UPDATED" | "SKIPPED" | "UNPROCESSED" | NO_RESULT | other
    record_id: str
    errors: tuple[RowError, ...]
    raw_errors: str  # the ERRORS cell as Zoho wrote it

    @property
    def succeeded(self) -> bool:
        return self.status in ROW_DONE_STATUSES


@dataclass(frozen=True)
class PartResult:
    """One job's result for one resource of one part."""

    result_file: Path  # the downloaded result ZIP, or a CSV already extracted
    source_lines: Sequence[int]  # source line of each data row of the part CSV, in order
    module: str = ""  # to pick the right CSV when the ZIP holds several
    csv_name: str = ""  # the part CSV's name inside the uploaded zip


@dataclass(frozen=True)
class Prediction:
    failing: Mapping[int, tuple[str, ...]]  # source line -> mapper codes predicted to fail it
    complete: bool  # False when pre-flight capped its findings


@dataclass(frozen=True)
class EchoMismatch:
    """A row whose echoed first mapped columns differ from its source record."""

    line: int
    column: str
    source_value: str
    result_value: str


@dataclass(frozen=True)
class Explanation:
    source: Path
    rows: tuple[RowOutcome, ...]  # sorted by line (source order)
    status_counts: Mapping[str, int]
    error_counts: Mapping[str, int]  # Zoho code -> rows
    agreed_failing: int = 0
    agreed_passing: int = 0
    missed: tuple[RowOutcome, ...] = ()  # mapper predicted pass, Zoho failed
    overcautious: tuple[int, ...] = ()  # lines mapper predicted to fail that Zoho accepted
    prediction: Prediction | None = None
    echo_mismatches: tuple[EchoMismatch, ...] = ()
    source_info: CsvInfo | None = field(default=None, repr=False)

    @property
    def all_succeeded(self) -> bool:
        """Every row ADDED or UPDATED (and at least one row)."""
        return bool(self.rows) and all(row.succeeded for row in self.rows)

    @property
    def failed(self) -> int:
        return sum(1 for row in self.rows if not row.succeeded)


# --- reading one part's result ---


@dataclass(frozen=True)
class _Columns:
    status: int
    record_id: int | None
    errors: int | None
    echo: tuple[tuple[int, str], ...]  # (position, header) of the echoed mapped columns


def parse_errors(cell: str) -> tuple[RowError, ...]:
    """``MANDATORY_NOT_FOUND-Company,Last_Name:DUPLICATE_DATA-Email`` -> three `RowError`."""
    errors = []
    for piece in _ERROR_SEPARATOR.split(cell):
        if not piece.strip():
            continue
        match = _ERROR.match(piece)
        if match is None:  # not CODE-columns: keep the words as the code
            errors.append(RowError(piece.strip(), ""))
            continue
        code, columns = match.group(1).upper(), match.group(2)
        names = [name.strip() for name in (columns or "").split(",") if name.strip()]
        errors.extend(RowError(code, name) for name in names or [""])
    return tuple(errors)


def read_part(part: PartResult) -> list[RowOutcome]:
    """The part's result rows as outcomes keyed by source line, in the part's row order."""
    return [outcome for outcome, _ in _part_rows(part)]


def _part_rows(part: PartResult) -> Iterator[tuple[RowOutcome, tuple[tuple[str, str], ...]]]:
    """(outcome, ((echo header, echo value), ...)) per result row; checks the row count."""
    where = _describe(part)
    with _open_result(part) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise ResultError(f"{where} is empty: no header row")
        columns = _columns(header, where)
        lines = iter(part.source_lines)
        count = 0
        for cells in reader:
            if not cells or not any(cell.strip() for cell in cells):
                continue  # a blank line is no row
            line = next(lines, None)
            count += 1
            if line is None:
                raise _count_error(where, len(part.source_lines), _rows_from(count, reader))
            yield _outcome(line, cells, columns), _echo(cells, columns)
        if count != len(part.source_lines):
            raise _count_error(where, len(part.source_lines), count)


def _rows_from(count: int, reader: Iterable[list[str]]) -> int:
    return count + sum(1 for cells in reader if any(cell.strip() for cell in cells))


def _count_error(where: str, expected: int, found: int) -> ResultError:
    return ResultError(
        f"{where} has {found} result rows but the part sent {expected}: "
        "its rows cannot be matched to the source"
    )


def _describe(part: PartResult) -> str:
    name = part.csv_name or part.module
    return f"{part.result_file}" + (f" ({name})" if name else "")


def _open_result(part: PartResult) -> IO[str]:
    path = Path(part.result_file)
    try:
        if not zipfile.is_zipfile(path):
            return open(path, encoding="utf-8-sig", errors="replace", newline="")
        archive = zipfile.ZipFile(path)
        member = _member(archive, part)
        binary = archive.open(member)
    except OSError as error:
        raise ResultError(f"cannot read {path}: {error.strerror or error}") from error
    except zipfile.BadZipFile as error:
        raise ResultError(f"{path} is not a readable ZIP: {error}") from error
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")


def _member(archive: zipfile.ZipFile, part: PartResult) -> str:
    """The result CSV for the part: Zoho names it ``<module>-<csv name>``."""
    names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
    if len(names) == 1:
        return names[0]
    stem = Path(part.csv_name).name.lower().removesuffix(".csv")
    module = part.module.lower()
    tests = [
        lambda base: bool(stem) and bool(module) and base == f"{module}-{stem}.csv",
        lambda base: bool(stem) and (base.endswith(f"-{stem}.csv") or base == f"{stem}.csv"),
        lambda base: bool(module) and base.startswith(f"{module}-"),
    ]
    for test in tests:
        found = [n for n in names if test(n.rsplit("/", 1)[-1].lower())]
        if len(found) == 1:
            return found[0]
    listed = ", ".join(names) or "no CSV"
    raise ResultError(
        f"{part.result_file}: cannot tell which CSV answers {part.csv_name or '?'} "
        f"of module {part.module or '?'} (the ZIP holds {listed})"
    )


def _columns(header: list[str], where: str) -> _Columns:
    """STATUS, RECORD_ID, ERRORS by name (rightmost match: an echoed ``id`` column comes
    first), else the last three columns by position."""
    found: dict[str, int] = {}
    for position in reversed(range(len(header))):
        column = result_column(header[position])
        if column is not None and column not in found:
            found[column] = position
    if "STATUS" not in found:
        if len(header) < len(RESULT_COLUMNS):
            raise ResultError(f"{where}: no STATUS column in its header {header!r}")
        found = {c: len(header) - 3 + i for i, c in enumerate(RESULT_COLUMNS)}
    taken = set(found.values())
    echo = tuple(
        (i, name.lstrip("\ufeff").strip()) for i, name in enumerate(header) if i not in taken
    )
    return _Columns(found["STATUS"], found.get("RECORD_ID"), found.get("ERRORS"), echo)


def _cell(cells: list[str], position: int | None) -> str:
    return cells[position] if position is not None and position < len(cells) else ""


def _outcome(line: int, cells: list[str], columns: _Columns) -> RowOutcome:
    raw_errors = _cell(cells, columns.errors)
    return RowOutcome(
        line=line,
        status=normalise_row_status(_cell(cells, columns.status)),
        record_id=_cell(cells, columns.record_id).strip(),
        errors=parse_errors(raw_errors),
        raw_errors=raw_errors,
    )


def _echo(cells: list[str], columns: _Columns) -> tuple[tuple[str, str], ...]:
    return tuple((name, _cell(cells, position)) for position, name in columns.echo)


# --- joining the parts to the source ---


def explain(
    source: Path, parts: Sequence[PartResult], prediction: Prediction | None = None
) -> Explanation:
    """Every data record of ``source`` with Zoho's answer, in source order.

    Reads the source once and the parts' results side by side (memory: the outcomes, not
    the records). Raises `ResultError` for a part whose row count differs from what it sent,
    a line answered twice or not where a record starts, and a part whose echoed columns
    disagree with the source on most rows (its rows are out of line).
    """
    source = Path(source)
    try:
        info = sniff(source)
    except (OSError, CsvError) as error:
        raise ResultError(f"cannot read the source {source}: {error}") from error
    joined = _Join(source, info, parts)
    rows = tuple(joined.rows())
    statuses = Counter(row.status for row in rows)
    codes: Counter[str] = Counter()
    for row in rows:
        codes.update({error.code for error in row.errors})
    explanation = Explanation(
        source=source,
        rows=rows,
        status_counts=dict(statuses),
        error_counts=dict(codes.most_common()),
        echo_mismatches=joined.checked(),
        source_info=info,
    )
    return _compare(explanation, prediction) if prediction is not None else explanation


class _Join:
    """The source's data records walked in step with the parts' rows merged by line."""

    def __init__(self, source: Path, info: CsvInfo, parts: Sequence[PartResult]) -> None:
        self.source, self.info, self.parts = source, info, parts
        self.header = {name: i for i, name in reversed(list(enumerate(info.header)))}
        self.folded = {name.strip().lower(): i for name, i in self.header.items()}
        self.compared = [0] * len(parts)
        self.mismatches: list[list[EchoMismatch]] = [[] for _ in parts]

    def rows(self) -> Iterator[RowOutcome]:
        answers = heapq.merge(
            *(self._ordered(index, part) for index, part in enumerate(self.parts)),
            key=lambda answer: answer[0].line,
        )
        pending = next(answers, None)
        previous: tuple[int, int] | None = None
        for line, text in _data_records(self.source, self.info):
            if pending is not None and pending[0].line < line:
                raise self._stray(pending, previous)
            if pending is not None and pending[0].line == line:
                outcome, part, echo = pending
                self._check(part, line, text, echo)
                yield outcome
                previous, pending = (line, part), next(answers, None)
                if pending is not None and pending[0].line == line:
                    raise self._stray(pending, previous)
            elif text.strip():
                yield RowOutcome(line, NO_RESULT, "", (), "")
        if pending is not None:
            raise self._stray(pending, previous)

    def _ordered(self, index: int, part: PartResult) -> Iterator[tuple[RowOutcome, int, tuple]]:
        rows = ((outcome, index, echo) for outcome, echo in _part_rows(part))
        if list(part.source_lines) == sorted(part.source_lines):
            return rows
        return iter(sorted(rows, key=lambda row: row[0].line))

    def _stray(self, pending: tuple, previous: tuple[int, int] | None) -> ResultError:
        outcome, part, _ = pending
        where = _describe(self.parts[part])
        if previous is not None and previous[0] == outcome.line:
            other = _describe(self.parts[previous[1]])
            return ResultError(f"source line {outcome.line} is answered twice: {other} and {where}")
        return ResultError(
            f"{where} answers source line {outcome.line}, where no record of {self.source} starts"
        )

    def _check(self, part: int, line: int, text: str, echo: tuple[tuple[str, str], ...]) -> None:
        """Compare the echoed mapped columns with the record (Zoho may trim or re-case)."""
        if not echo:
            return
        fields = next(csv.reader([text], delimiter=self.info.delimiter), [])
        compared = False
        for name, value in echo:
            index = self.header.get(name, self.folded.get(name.lower()))
            if index is None or "\ufffd" in value:
                continue
            compared = True
            mine = fields[index] if index < len(fields) else ""
            if mine.strip().casefold() != value.strip().casefold():
                self.mismatches[part].append(EchoMismatch(line, name, mine, value))
                break
        self.compared[part] += compared

    def checked(self) -> tuple[EchoMismatch, ...]:
        for index, found in enumerate(self.mismatches):
            if self.compared[index] >= 2 and len(found) > MISALIGNED_SHARE * self.compared[index]:
                first = found[0]
                raise ResultError(
                    f"{_describe(self.parts[index])}: on {len(found)} of "
                    f"{self.compared[index]} rows the values Zoho echoes differ from the "
                    f"source (first: line {first.line}, {first.column} is "
                    f"{first.source_value!r} in the source, {first.result_value!r} in the "
                    "result): its rows do not line up with the part's source lines"
                )
        return tuple(sorted(itertools.chain(*self.mismatches), key=lambda m: m.line))


def _data_records(source: Path, info: CsvInfo) -> Iterator[tuple[int, str]]:
    records = raw_records(source, info)
    try:
        if info.has_header:
            next(records, None)
        yield from records
    except CsvError as error:
        raise ResultError(f"cannot read the source {source}: {error}") from error


def _compare(explanation: Explanation, prediction: Prediction) -> Explanation:
    agreed_failing = agreed_passing = 0
    missed: list[RowOutcome] = []
    overcautious: list[int] = []
    for row in explanation.rows:
        if row.status in UNJUDGED_STATUSES:
            continue
        predicted_fail = row.line in prediction.failing
        if predicted_fail and not row.succeeded:
            agreed_failing += 1
        elif predicted_fail:
            overcautious.append(row.line)
        elif row.succeeded:
            agreed_passing += 1
        else:
            missed.append(row)
    return Explanation(
        source=explanation.source,
        rows=explanation.rows,
        status_counts=explanation.status_counts,
        error_counts=explanation.error_counts,
        agreed_failing=agreed_failing,
        agreed_passing=agreed_passing,
        missed=tuple(missed),
        overcautious=tuple(overcautious),
        prediction=prediction,
        echo_mismatches=explanation.echo_mismatches,
        source_info=explanation.source_info,
    )


# --- writing the result and failed-rows files ---


def write_result_csv(explanation: Explanation, path: Path) -> Path:
    """SOURCE_LINE, STATUS, RECORD_ID, ERRORS, then the source's columns, one row per source
    record (UTF-8, comma); written atomically."""
    return write_outputs(explanation, result_out=path)[0]  # type: ignore[return-value]


def write_failed_csv(explanation: Explanation, path: Path) -> Path:
    """The source's header and each record not ADDED or UPDATED, byte for byte as in the
    source (encoding, quoting, line ends), ready to fix and submit again; atomic."""
    return write_outputs(explanation, failed_out=path)[1]  # type: ignore[return-value]


def write_outputs(
    explanation: Explanation, result_out: Path | None = None, failed_out: Path | None = None
) -> tuple[Path | None, Path | None]:
    """Both files from one read of the source; either may be None."""
    info = explanation.source_info or sniff(explanation.source)
    outcomes = iter(explanation.rows)
    with (
        _maybe(result_out, "w", encoding="utf-8", newline="") as result_file,
        _maybe(failed_out, "w", encoding=text_codec(info), newline="") as failed_file,
    ):
        writer = csv.writer(result_file, lineterminator="\n") if result_file else None
        if writer is not None:
            writer.writerow([*RESULT_OUT_COLUMNS, *info.header])
        pending = next(outcomes, None)
        records = raw_records(explanation.source, info)
        try:
            if info.has_header:
                _, header = next(records)
                if failed_file is not None:
                    failed_file.write(header)
            for line, text in records:
                if pending is None or pending.line != line:
                    continue
                if writer is not None:
                    fields = next(csv.reader([text], delimiter=info.delimiter), [])
                    writer.writerow(_result_row(pending, fields))
                if failed_file is not None and not pending.succeeded:
                    failed_file.write(text)
                pending = next(outcomes, None)
        except (CsvError, StopIteration) as error:
            raise ResultError(f"cannot read the source {explanation.source}: {error}") from error
    return result_out, failed_out


def _result_row(outcome: RowOutcome, fields: list[str]) -> list[str]:
    return [str(outcome.line), outcome.status, outcome.record_id, outcome.raw_errors, *fields]


class _NoFile:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _maybe(path: Path | None, mode: str, **open_args: object):
    return atomic_file(Path(path), mode, **open_args) if path is not None else _NoFile()


# --- the summary on stderr ---


def summary_lines(explanation: Explanation) -> list[str]:
    """What Zoho did with the rows, per status and error code, and where mapper's prediction
    was wrong; plain lines for stderr."""
    rows = len(explanation.rows)
    counts = ", ".join(
        f"{count:,} {_status_word(status)}"
        for status, count in sorted(explanation.status_counts.items(), key=_status_order)
    )
    lines = [f"{explanation.source.name}: {rows:,} rows: {counts or 'none'}"]
    if explanation.error_counts:
        codes = ", ".join(f"{code} {n:,}" for code, n in explanation.error_counts.items())
        lines.append(f"  rows per Zoho error: {codes}")
    lines.extend(_prediction_lines(explanation))
    if explanation.echo_mismatches:
        first = explanation.echo_mismatches[0]
        lines.append(
            f"  note: on {len(explanation.echo_mismatches):,} rows the values Zoho echoes "
            f"differ from the source (first: line {first.line}, {first.column})"
        )
    return lines


_STATUS_ORDER = ("ADDED", "UPDATED", "SKIPPED", "UNPROCESSED", NO_RESULT)


def _status_order(item: tuple[str, int]) -> tuple[int, str]:
    status = item[0]
    return (_STATUS_ORDER.index(status) if status in _STATUS_ORDER else len(_STATUS_ORDER), status)


def _status_word(status: str) -> str:
    if status == NO_RESULT:
        return "without a result"
    return status.lower().replace("_", " ") if status else "with a blank status"


def _prediction_lines(explanation: Explanation) -> list[str]:
    prediction = explanation.prediction
    if prediction is None:
        return []
    failed = explanation.agreed_failing + len(explanation.missed)
    lines = [
        f"  predicted vs actual: {explanation.agreed_failing:,} of {failed:,} failed rows "
        f"predicted, {explanation.agreed_passing:,} passing rows predicted to pass"
    ]
    if explanation.missed:
        lines.append(
            f"  mapper missed {len(explanation.missed):,} failing rows: "
            + _some(f"line {row.line} ({_codes(row)})" for row in explanation.missed)
        )
    if explanation.overcautious:
        lines.append(
            f"  mapper predicted {len(explanation.overcautious):,} rows to fail that Zoho "
            "accepted: " + _some(f"line {line}" for line in explanation.overcautious)
        )
    if not prediction.complete:
        lines.append("  (pre-flight capped its findings: some failures were not predicted)")
    return lines


def _codes(row: RowOutcome) -> str:
    return ", ".join(dict.fromkeys(e.code for e in row.errors)) or row.status


def _some(items: Iterable[str], shown: int = 5) -> str:
    items = list(itertools.islice(items, shown + 1))
    return ", ".join(items[:shown]) + (" ..." if len(items) > shown else "")
