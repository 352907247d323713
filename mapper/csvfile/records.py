"""A CSV file's records as the raw text they are in the file, for copying them unchanged.

Unlike `read_batches`, nothing is parsed into fields: each record comes back with its
quoting, delimiters and line endings as written, decoded with `text_codec`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from mapper.csvfile.reader import text_codec
from mapper.csvfile.source import open_bytes
from mapper.csvfile.types import CsvError, CsvInfo


def raw_records(path: Path, info: CsvInfo) -> Iterator[tuple[int, str]]:
    """(physical line, raw text) of every record of ``path``, the header included.

    A record ends at a line end outside quotes: with RFC 4180 quoting ("" inside a quoted
    field) the count of quote characters is even exactly there. ``info`` is what `sniff`
    learnt of the file (or of the file it was cut from). Raises `CsvError` for text that is
    not in that encoding and for a quote that is never closed.
    """
    line, pending, quotes, start = 1, [], 0, 1
    try:
        codec = text_codec(info)
        with io.TextIOWrapper(open_bytes(path), codec, errors="strict", newline="") as handle:
            for text in handle:
                pending.append(text)
                quotes += text.count('"')
                line += 1
                if quotes % 2 == 0:
                    yield start, "".join(pending)
                    pending, quotes, start = [], 0, line
    except UnicodeDecodeError as error:
        raise CsvError(f"{path}: not {info.encoding} near line {line}") from error
    if pending:
        raise CsvError(f"{path}: the quote opened on line {start} is never closed")
