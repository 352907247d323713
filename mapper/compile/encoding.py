"""``character_encoding``: the detected Python codec as the charset name Zoho (Java) reads."""

from __future__ import annotations

import codecs

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
    """The charset to declare for a file read with ``encoding``; None for UTF-8 files."""
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
