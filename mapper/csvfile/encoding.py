"""Which text encoding a CSV file is in: byte-order mark, UTF-16 without one, UTF-8, else
charset-normalizer's guess corrected where it is known to slip (profiling-anchors.md); and
the charset name Zoho (Java) reads for it (`charset_name`)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from mapper.csvfile.source import open_bytes
from mapper.csvfile.types import CsvError

SCAN_CHUNK = 1 << 20
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Codecs that read the byte order from a BOM: a guess of one for a file without it is wrong
BOM_ONLY_CODECS = ("utf_16", "utf_32")
# Single-byte code pages charset-normalizer offers for Western text it misreads (cp1252 is
# taken for cp1250 and others); see profiling-anchors.md.
LATIN_GUESSES = frozenset(
    {"cp1250", "cp1257", "cp1254", "latin_1", "iso8859_2", "iso8859_15", "mac_latin2", "cp850"}
)


def detect_encoding(path: Path, head: bytes, size: int, scan_rest: bool = True) -> tuple[str, bool]:
    """(codec name, has BOM): BOM first, then UTF-16 without BOM, UTF-8, charset-normalizer.

    Without ``scan_rest`` a pure-ASCII head is taken for UTF-8 (the caller proves the rest).
    """
    for bom, name in BOMS:
        if head.startswith(bom):
            return name, True
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16, False
    if b"\x00" in head:
        raise CsvError(f"{path} is not a text file (it contains binary data)")
    suspect = _first_non_utf8(path, head, size, scan_rest)
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


def _first_non_utf8(path: Path, head: bytes, size: int, scan_rest: bool) -> bytes | None:
    """None if the file is UTF-8, else a chunk of it that is not.

    A head with non-ASCII UTF-8 settles it; a pure-ASCII head makes us scan on (fast:
    ``isascii`` per MiB) to the first non-ASCII chunk, which settles it either way.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=size <= len(head))
    except UnicodeDecodeError:
        return head
    if not head.isascii() or size <= len(head) or not scan_rest:
        return None
    with open_bytes(path) as handle:
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
    if name in BOM_ONLY_CODECS:  # they need a BOM, and the file starts with none
        raise CsvError(f"{path} is not a text file (no known encoding decodes it)")
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


# codecs whose bytes Zoho reads as UTF-8 anyway: no ``character_encoding`` needed
UTF8_COMPATIBLE = frozenset({"utf-8", "utf-8-sig", "ascii"})

JAVA_NAMES = {
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "utf-32": "UTF-32",
    "shift_jis": "Shift_JIS",
    "cp932": "windows-31j",
    "euc_jp": "EUC-JP",
    "euc_kr": "EUC-KR",
    "gb2312": "GB2312",
    "gbk": "GBK",
    "gb18030": "GB18030",
    "big5": "Big5",
    "koi8-r": "KOI8-R",
    "mac-roman": "x-MacRoman",
}


def charset_name(encoding: str | None) -> str | None:
    """The ``character_encoding`` to declare for a file read with the Python codec
    ``encoding`` (a Java charset name); None for files Zoho reads as UTF-8."""
    if not encoding:
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    if name in UTF8_COMPATIBLE:
        return None
    if name in JAVA_NAMES:
        return JAVA_NAMES[name]
    if name.startswith("cp") and name[2:].isdigit():
        return f"windows-{name[2:]}"
    if name.startswith("iso8859-"):
        return f"ISO-8859-{name.removeprefix('iso8859-')}"
    return name.upper()
