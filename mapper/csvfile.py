"""Opening a CSV file as users' files really are, and reading it in batches of strings.

`sniff` looks at a bounded head of the file: encoding (BOM, UTF-8 validity, then
charset-normalizer), delimiter (Zoho's four, and tab so it can be refused clearly), header
row, line terminator, blank or duplicate headers. `read_batches` then streams the whole file
through pyarrow's CSV reader with every column as a string (non-UTF-8 input is transcoded on
the fly, so memory stays bounded) and tells, for each row, the physical line it starts on.

This module knows nothing of Zoho's fields or of dates.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

# Zoho's delimiters, in the order that breaks ties; tab is sniffed only to be refused.
DELIMITERS = (",", ";", "|", ":")
TAB = "\t"
HEAD_BYTES = 1 << 20
SNIFF_RECORDS = 200
SCAN_CHUNK = 1 << 20
BLOCK_BYTES = 1 << 20

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte code pages charset-normalizer offers for Western text it misreads (cp1252 is
# taken for cp1250 and others); see profiling-anchors.md.
LATIN_GUESSES = frozenset(
    {"cp1250", "cp1257", "cp1254", "latin_1", "iso8859_2", "iso8859_15", "mac_latin2", "cp850"}
)


class CsvError(Exception):
    """A file that cannot be read as CSV; ``line`` is the physical line when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.message = message
        self.line = line


@dataclass(frozen=True)
class CsvInfo:
    """What `sniff` learnt about a file.

    ``encoding`` is a Python codec name ("utf-8", "utf-16-le", "cp1252", "shift_jis", ...);
    ``bom`` tells whether the file starts with a byte-order mark. ``header`` has one name per
    column: the first row when ``has_header``, else generated names "Column 1", "Column 2"...
    ``warnings`` are human-readable findings (tab delimiter, blank or duplicate headers).
    """

    path: Path
    encoding: str
    bom: bool
    delimiter: str
    has_header: bool
    header: tuple[str, ...]
    line_terminator: str
    warnings: tuple[str, ...] = ()

    @property
    def columns(self) -> int:
        return len(self.header)


@dataclass(frozen=True)
class RaggedRow:
    """A record whose field count differs from the header's; it is left out of the batches."""

    line: int
    fields: int
    expected: int


@dataclass(frozen=True)
class Batch:
    """Consecutive data rows: one string array per column (empty cells are "").

    ``lines[i]`` is the physical line (1-based) on which row ``i`` starts, counting line
    breaks inside quoted fields; ``ragged`` holds the malformed records met in this stretch.
    """

    columns: tuple[pa.StringArray, ...]
    lines: pa.Int64Array
    ragged: tuple[RaggedRow, ...] = ()

    @property
    def num_rows(self) -> int:
        return len(self.lines)


def sniff(path: str | Path) -> CsvInfo:
    """Detect encoding, delimiter, header and line terminator from a bounded head of the file."""
    path = Path(path)
    head, size = _read_head(path)
    encoding, bom = detect_encoding(path, head, size)
    text = _decode_head(head, encoding, bom, truncated=size > len(head))
    if not text.strip():
        raise CsvError(f"{path} is empty: no header and no rows")
    delimiter = detect_delimiter(text)
    records = _records(text, delimiter, truncated=size > len(head))
    has_header = looks_like_header(records)
    header, warnings = _header(records, has_header)
    if delimiter == TAB:
        warnings.insert(0, "the file is tab-separated; Zoho accepts only , ; : or | as delimiter")
    return CsvInfo(
        path=path,
        encoding=encoding,
        bom=bom,
        delimiter=delimiter,
        has_header=has_header,
        header=header,
        line_terminator=_line_terminator(text),
        warnings=tuple(warnings),
    )


def _read_head(path: Path) -> tuple[bytes, int]:
    if not path.exists():
        raise CsvError(f"{path}: no such file")
    if path.is_dir():
        raise CsvError(f"{path} is a directory, not a CSV file")
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        size = path.stat().st_size
    except OSError as error:
        raise CsvError(f"{path}: {error.strerror or error}") from error
    if size == 0:
        raise CsvError(f"{path} is empty: no header and no rows")
    return head, size


def detect_encoding(path: Path, head: bytes, size: int) -> tuple[str, bool]:
    """(codec name, has BOM): BOM first, then UTF-16 without BOM, UTF-8, charset-normalizer."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name, True
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16, False
    if b"\x00" in head:
        raise CsvError(f"{path} is not a text file (it contains binary data)")
    suspect = _first_non_utf8(path, head, size)
    if suspect is None:
        return "utf-8", False
    return _guess_encoding(path, suspect), False


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _first_non_utf8(path: Path, head: bytes, size: int) -> bytes | None:
    """None if the file is UTF-8, else a chunk of it that is not.

    A head with non-ASCII UTF-8 settles it; a pure-ASCII head makes us scan on (fast:
    ``isascii`` per MiB) to the first non-ASCII chunk, which settles it either way.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=size <= len(head))
    except UnicodeDecodeError:
        return head
    if not head.isascii() or size <= len(head):
        return None
    with path.open("rb") as handle:
        handle.seek(len(head))
        while chunk := handle.read(SCAN_CHUNK):
            if chunk.isascii():
                continue
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return chunk
            return None
    return None


def _guess_encoding(path: Path, sample: bytes) -> str:
    """charset-normalizer's guess, corrected where it is known to slip.

    Windows-1252 is preferred to the Central European code pages it is taken for, when it
    reads just as well; Shift_JIS (as cp932) to Korean when the text has hiragana.
    """
    from charset_normalizer import from_bytes

    sample = _non_ascii_lines(sample)
    if _isolated_high_bytes(sample) and _reads_as_cp1252(sample):
        return "cp1252"  # accents in Latin words; too little for a detector to judge
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        raise CsvError(f"{path} is not a text file (no known encoding decodes it)")
    name = codecs.lookup(best.encoding).name.replace("-", "_")
    if name in LATIN_GUESSES and _reads_as_cp1252(sample):
        return "cp1252"
    offered = {codecs.lookup(m.encoding).name.replace("-", "_") for m in matches}
    if offered & {"cp932", "shift_jis"} and _reads_as_japanese(sample):
        return "cp932"  # Windows' Shift_JIS superset, what Japanese Excel writes
    return codecs.lookup(name).name


# A non-ASCII symbol between two letters is the mark of a wrong single-byte code page.
_SYMBOL_IN_WORD = re.compile(r"[^\W\d_][^\x00-\x7f\w\s][^\W\d_]")
_HIRAGANA = re.compile("[\u3041-\u3096]")


def _non_ascii_lines(sample: bytes, limit: int = 1 << 16) -> bytes:
    """The lines holding non-ASCII bytes: all the evidence, with no ASCII to dilute it."""
    lines = [line for line in sample.split(b"\n") if not line.isascii()]
    return b"\n".join(lines)[:limit] or sample


def _isolated_high_bytes(sample: bytes) -> bool:
    """Whether most non-ASCII bytes stand alone between ASCII ones, as accents in Latin
    text do (a multi-byte or Cyrillic text has them in runs)."""
    runs = re.findall(rb"[\x80-\xff]+", sample)
    return sum(len(run) == 1 for run in runs) * 2 > len(runs)


def _reads_as_cp1252(sample: bytes) -> bool:
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return not _SYMBOL_IN_WORD.search(text)


def _reads_as_japanese(sample: bytes) -> bool:
    text = sample.decode("cp932", errors="replace")
    return len(_HIRAGANA.findall(text)) >= 2 and text.count("\ufffd") <= 1


def _decode_head(head: bytes, encoding: str, bom: bool, truncated: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(head, final=not truncated)
    if bom and text.startswith("\ufeff"):
        text = text[1:]
    if truncated:  # keep whole lines only
        text = text[: text.rfind("\n") + 1] or text
    return text


def _records(text: str, delimiter: str, truncated: bool) -> list[list[str]]:
    """The first records of the decoded head (quote-aware); a cut-off last record dropped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if len(records) > SNIFF_RECORDS:
                break
    except csv.Error:
        pass  # an unterminated quote in the head; what came before still counts
    if truncated and len(records) > 1 and len(records) <= SNIFF_RECORDS:
        records.pop()
    return [record for record in records if record] or [[""]]


def detect_delimiter(text: str) -> str:
    """The candidate whose field count is most consistent with the first record's."""
    scores = [(_consistency(text, candidate), -rank, candidate) for rank, candidate in
              enumerate((*DELIMITERS, TAB))]  # fmt: skip
    best = max(scores)
    return best[2] if best[0] > 0 else DELIMITERS[0]


def _consistency(text: str, delimiter: str) -> float:
    """Share of records with as many fields as the first, or 0 if the first has only one."""
    records = _records(text, delimiter, truncated=False)[:SNIFF_RECORDS]
    first = len(records[0])
    if first < 2:
        return 0.0
    return sum(len(record) == first for record in records) / len(records)


_TYPED_VALUE = (
    ("number", re.compile(r"[+-]?\d+(?:[.,]\d+)?")),
    ("date", re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T].*)?")),
    ("email", re.compile(r"[^@\s]+@[^@\s]+\.\w+")),
    ("url", re.compile(r"(?:https?://|www\.)\S+")),
)


def _value_type(value: str) -> str:
    value = value.strip()
    if not value:
        return "empty"
    for name, pattern in _TYPED_VALUE:
        if pattern.fullmatch(value):
            return name
    return "text"


def looks_like_header(records: list[list[str]]) -> bool:
    """Whether the first record names the columns rather than holding data.

    Each column whose data rows share one type other than text votes: "data" when the first
    value has that type too, "header" when it does not. Without votes, a first record with
    a number, date, email or URL in it is data; otherwise it is a header.
    """
    first, rest = records[0], records[1:]
    header_votes = data_votes = 0
    for index, value in enumerate(first):
        types = Counter(_value_type(r[index]) for r in rest if index < len(r))
        del types["empty"]
        if len(types) != 1 or "text" in types:
            continue
        if _value_type(value) in types:
            data_votes += 1
        else:
            header_votes += 1
    if header_votes or data_votes:
        return data_votes <= header_votes
    return all(_value_type(value) in ("text", "empty") for value in first)


def _header(records: list[list[str]], has_header: bool) -> tuple[tuple[str, ...], list[str]]:
    """Column names (padded when most data rows are wider) and warnings about them."""
    first, warnings = records[0], []
    rows = records[1:] if has_header else records
    widths = Counter(len(record) for record in rows)
    usual = max(widths, key=lambda width: (widths[width], width)) if widths else len(first)
    if has_header and usual > len(first) and widths[usual] * 2 > len(rows):
        warnings.append(
            f"line 1: the header has {len(first)} fields but most rows have {usual}; "
            "the extra columns have no header"
        )
        first = first + [""] * (usual - len(first))
    if not has_header:
        return tuple(f"Column {i}" for i in range(1, max(usual, len(first)) + 1)), warnings
    return tuple(first), warnings + _header_warnings(first)


def _header_warnings(names: list[str]) -> list[str]:
    """Blank headers, and headers that repeat (ignoring case and surrounding spaces)."""
    warnings = [f"line 1: column {i} has a blank header" for i, name in
                enumerate(names, 1) if not name.strip()]  # fmt: skip
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(names, 1):
        if name.strip():
            positions.setdefault(name.strip().casefold(), []).append(index)
    for columns in positions.values():
        if len(columns) > 1:
            listed = ", ".join(str(c) for c in columns)
            warnings.append(f"line 1: header '{names[columns[0] - 1]}' repeats in columns {listed}")
    return warnings


def _line_terminator(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


def read_batches(
    path: str | Path, info: CsvInfo, *, block_bytes: int = BLOCK_BYTES
) -> Iterator[Batch]:
    """Stream every data row of the file as `Batch`es of string columns.

    Uses pyarrow's CSV reader single-threaded (measured as fast as threaded here, and it
    then numbers the records it skips); memory is bounded by ``block_bytes`` per batch.
    Raises `CsvError`, with the line reached, for data it cannot decode or parse.
    """
    import pyarrow as pa

    invalid: list[Any] = []
    counter = _LineCounter(info.columns, "\r" if info.line_terminator == "\r" else "\n")
    skip_header = info.has_header
    try:
        for record_batch in _open_reader(path, info, block_bytes, invalid):
            batch = counter.batch(record_batch.columns, invalid)
            invalid.clear()
            if skip_header:
                batch, skip_header = _without_first_row(batch), False
            yield batch
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        read = f" (lines 1-{counter.next_line - 1} were read)" if counter.next_line > 1 else ""
        message = f"{path}: cannot read the file as {info.encoding} CSV{read}: {error}"
        raise CsvError(message) from error
    if invalid:
        yield counter.batch([], invalid)


def _open_reader(path: str | Path, info: CsvInfo, block_bytes: int, invalid: list[Any]) -> Any:
    """pyarrow's streaming reader: all columns strings, malformed records appended to
    ``invalid`` (and skipped), blank lines kept as rows so that records match lines."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    def skip_invalid(row: Any) -> str:
        invalid.append(row)
        return "skip"

    names = [f"c{i}" for i in range(info.columns)]
    return pacsv.open_csv(
        str(path),
        read_options=pacsv.ReadOptions(
            use_threads=False,
            block_size=block_bytes,
            column_names=names,
            encoding=_reader_codec(info),
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=info.delimiter,
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=skip_invalid,
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _reader_codec(info: CsvInfo) -> str:
    if info.encoding.startswith("utf-16") and info.bom:
        return "utf-16"  # Python's decoder reads and drops the BOM
    return info.encoding


def _without_first_row(batch: Batch) -> Batch:
    return Batch(tuple(c.slice(1) for c in batch.columns), batch.lines.slice(1), batch.ragged)


class _LineCounter:
    """Carries record numbers and physical lines from one batch to the next."""

    def __init__(self, expected: int, newline: str) -> None:
        self.expected = expected
        self.newline = newline
        self.next_record = 1  # pyarrow numbers records from 1, the header included
        self.next_line = 1

    def batch(self, columns: list[pa.Array], invalid: list[Any]) -> Batch:
        import numpy as np
        import pyarrow as pa

        rows = len(columns[0]) if columns else 0
        skipped = np.array([row.number for row in invalid], dtype=np.int64)
        records = np.arange(self.next_record, self.next_record + rows + len(skipped))
        is_row = ~np.isin(records, skipped)
        heights = np.ones(len(records), dtype=np.int64)
        heights[is_row] += self._breaks(columns, rows)
        heights[~is_row] += np.array([r.text.count(self.newline) for r in invalid], dtype=np.int64)
        starts = self.next_line + np.cumsum(heights) - heights
        self.next_record += len(records)
        self.next_line += int(heights.sum())
        ragged = tuple(
            RaggedRow(int(line), row.actual_columns, self.expected)
            for line, row in zip(starts[~is_row], invalid, strict=True)
        )
        return Batch(tuple(columns), pa.array(starts[is_row], pa.int64()), ragged)

    def _breaks(self, columns: list[pa.Array], rows: int) -> Any:
        """Line breaks inside each row's fields, found in the raw value buffers."""
        import numpy as np

        total = np.zeros(rows, dtype=np.int64)
        code = ord(self.newline)
        for column in columns:
            _, offsets, values = column.buffers()
            if values is None:
                continue
            hits = np.flatnonzero(np.frombuffer(values, dtype=np.uint8) == code)
            if len(hits):
                ends = np.frombuffer(offsets, dtype=np.int32)[column.offset + 1 :][:rows]
                total += np.bincount(np.searchsorted(ends, hits, side="right"), minlength=rows)[
                    :rows
                ]
        return total
