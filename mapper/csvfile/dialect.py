"""The dialect of a CSV head: delimiter, whether the first record is a header, the header's
names and the warnings about them, and the line terminator. Works on decoded text only."""

from __future__ import annotations

import contextlib
import csv
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator

from mapper.zoho import ACCEPTED_DELIMITERS

# Zoho's delimiters, in the order that breaks ties: colon last, as times hold colons too.
# Tab is sniffed as well, only to be refused.
DELIMITERS = tuple(sorted(ACCEPTED_DELIMITERS, key=lambda delimiter: delimiter == ":"))
TAB = "\t"
SNIFF_RECORDS = 200
# A line with its terminator, split where `io.StringIO(text, newline="")` splits them.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def first_records(text: str, delimiter: str, truncated: bool) -> list[list[str]]:
    """The first records of the decoded head (quote-aware); a cut-off last record dropped."""
    records = list(_head_records(text, delimiter))
    if truncated and len(records) > 1 and len(records) <= SNIFF_RECORDS:
        records.pop()
    return [record for record in records if record] or [[""]]


def _head_records(text: str, delimiter: str) -> Iterator[list[str]]:
    """Up to ``SNIFF_RECORDS + 1`` records, parsed only as far as they are asked for."""
    lines = (match.group() for match in _LINE.finditer(text))
    reader = csv.reader(lines, delimiter=delimiter)
    with contextlib.suppress(csv.Error):  # an unterminated quote: what came before counts
        yield from itertools.islice(reader, SNIFF_RECORDS + 1)


def detect_delimiter(text: str) -> str:
    """The candidate whose field count is most consistent with the first record's."""
    scores = [(_consistency(text, candidate), -rank, candidate) for rank, candidate in
              enumerate((*DELIMITERS, TAB))]  # fmt: skip
    best = max(scores)
    return best[2] if best[0] > 0 else DELIMITERS[0]


def _consistency(text: str, delimiter: str) -> float:
    """Share of records with as many fields as the first, or 0 if the first has only one
    (known from the first record alone, so absent delimiters cost one record)."""
    records = (record for record in _head_records(text, delimiter) if record)
    first = next(records, [""])
    if len(first) < 2:
        return 0.0
    rest = list(itertools.islice(records, SNIFF_RECORDS - 1))
    return (1 + sum(len(record) == len(first) for record in rest)) / (1 + len(rest))


# One alternative per type, tried in this order; the first that reads the whole value names it.
_TYPED_VALUE = re.compile(
    r"(?P<number>[+-]?\d+(?:[.,]\d+)?)"
    r"|(?P<date>\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T].*)?)"
    r"|(?P<email>[^@\s]+@[^@\s]+\.\w+)"
    r"|(?P<url>(?:https?://|www\.)\S+)"
)


@functools.lru_cache(maxsize=4096)  # head values repeat down a column
def _value_type(value: str) -> str:
    value = value.strip()
    if not value:
        return "empty"
    match = _TYPED_VALUE.fullmatch(value)
    return (match.lastgroup if match else None) or "text"


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


def header_names(records: list[list[str]], has_header: bool) -> tuple[tuple[str, ...], list[str]]:
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
    """Blank headers, and headers that repeat (ignoring case and surrounding spaces);
    columns by 0-based index, as every table and spec counts them."""
    warnings = [f"line 1: index {i} has a blank header" for i, name in
                enumerate(names) if not name.strip()]  # fmt: skip
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        if name.strip():
            positions.setdefault(name.strip().casefold(), []).append(index)
    for indexes in positions.values():
        if len(indexes) > 1:
            header = names[indexes[0]].strip()
            listed = ", ".join(str(i) for i in indexes)
            warnings.append(
                f"line 1: header '{header}' repeats at indexes {listed}; --map and --skip "
                f"name one as '{header}#{indexes[-1]}' or '@{indexes[-1]}'"
            )
    return warnings


def line_terminator(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"
