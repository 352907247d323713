"""Opening a CSV file as users' files really are, and reading it in batches of strings.

`sniff` looks at a bounded head of the file: encoding (BOM, UTF-8 validity, then
charset-normalizer), delimiter (Zoho's four, and tab so it can be refused clearly), header
row, line terminator, blank or duplicate headers. `read_batches` then streams the whole file
through pyarrow's CSV reader with every column as a string (non-UTF-8 input is transcoded on
the fly, so memory stays bounded) and tells, for each row, the physical line it starts on;
`ahead` reads those batches in a thread. `raw_records` gives each record as the text it is
in the file, for copying records unchanged.

This module knows nothing of Zoho's fields or of dates.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from mapper.csvfile.dialect import (
    DELIMITERS,
    SNIFF_RECORDS,
    TAB,
    detect_delimiter,
    first_records,
    header_names,
    line_terminator,
    looks_like_header,
)
from mapper.csvfile.encoding import BOMS, LATIN_GUESSES, SCAN_CHUNK, detect_encoding
from mapper.csvfile.reader import BLOCK_BYTES, ahead, read_batches, text_codec
from mapper.csvfile.records import raw_records
from mapper.csvfile.source import CsvStream, NotUtf8Error, open_bytes
from mapper.csvfile.types import Batch, CsvError, CsvInfo, RaggedRow

__all__ = [
    "BLOCK_BYTES",
    "BOMS",
    "DELIMITERS",
    "HEAD_BYTES",
    "LATIN_GUESSES",
    "SCAN_CHUNK",
    "SNIFF_RECORDS",
    "TAB",
    "Batch",
    "CsvError",
    "CsvInfo",
    "CsvStream",
    "NotUtf8Error",
    "RaggedRow",
    "ahead",
    "detect_delimiter",
    "detect_encoding",
    "looks_like_header",
    "open_bytes",
    "raw_records",
    "read_batches",
    "sniff",
    "text_codec",
]

HEAD_BYTES = 1 << 20


def sniff(path: str | Path, stream: CsvStream | None = None) -> CsvInfo:
    """Detect encoding, delimiter, header and line terminator from a bounded head of the file.

    With ``stream`` (the file opened once, `CsvStream`) the head is read from it and a
    pure-ASCII head is taken for UTF-8 without scanning the rest: the stream then proves it
    while the rows are read, raising `NotUtf8Error` if not.
    """
    path = Path(path)
    head, size = _read_head(path, stream)
    encoding, bom = detect_encoding(path, head, size, scan_rest=stream is None)
    if stream is not None and encoding == "utf-8" and head.isascii() and size > len(head):
        stream.presumed_utf8 = True
    text = _decode_head(head, encoding, bom, truncated=size > len(head))
    if not text.strip():
        raise CsvError(f"{path} is empty: no header and no rows")
    delimiter = detect_delimiter(text)
    records = first_records(text, delimiter, truncated=size > len(head))
    has_header = looks_like_header(records)
    header, warnings = header_names(records, has_header)
    if delimiter == TAB:
        warnings.insert(0, "the file is tab-separated; Zoho accepts only , ; : or | as delimiter")
    return CsvInfo(
        path=path,
        encoding=encoding,
        bom=bom,
        delimiter=delimiter,
        has_header=has_header,
        header=header,
        line_terminator=line_terminator(text),
        warnings=tuple(warnings),
        padded=len(header) - len(records[0]) if has_header else 0,
    )


def _read_head(path: Path, stream: CsvStream | None) -> tuple[bytes, int]:
    if not path.exists():
        raise CsvError(f"{path}: no such file")
    if path.is_dir():
        raise CsvError(f"{path} is a directory, not a CSV file")
    try:
        if stream is not None:
            head = stream.head(HEAD_BYTES)
        else:
            with open_bytes(path) as handle:
                head = handle.read(HEAD_BYTES)
        size = path.stat().st_size
    except OSError as error:
        raise CsvError(f"{path}: {error.strerror or error}") from error
    if size == 0:
        raise CsvError(f"{path} is empty: no header and no rows")
    return head, size


def _decode_head(head: bytes, encoding: str, bom: bool, truncated: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(head, final=not truncated)
    if bom and text.startswith("\ufeff"):
        text = text[1:]
    if truncated:  # keep whole lines only
        text = text[: text.rfind("\n") + 1] or text
    return text
