"""Reading a job spec file: bytes -> text -> body, with a position for every key and item.

The stdlib ``json`` module keeps no positions and silently keeps the last of two equal
keys, so specs are read by a small scanner of our own. It is iterative (deep nesting cannot
exhaust the Python stack), linear in the input, and turns every kind of bad input into one
`Diagnostic` with a line and column instead of an exception.
"""

from __future__ import annotations

import bisect
import codecs
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mapper.diagnostics import Code, Diagnostic, Severity, register
from mapper.pointer import child

# a real job spec nests 5 levels; the limit keeps later recursive walks (jsonschema) safe
MAX_DEPTH = 64
# a job spec is a few KB; 16 MiB bounds the work on a wrong file handed to the linter
MAX_BYTES = 16 * 1024 * 1024
# Python refuses int() on longer digit strings (CVE-2020-10735 guard)
MAX_INT_DIGITS = 4000


# codes reported while reading the file, before any rule runs
INVALID_JSON = register(
    Code(
        "BW001",
        "invalid-json",
        "The file is not one valid JSON document.",
        Severity.ERROR,
        family="input",
    )
)
DUPLICATE_KEY = register(
    Code(
        "BW002",
        "duplicate-key",
        "The same key appears twice in one object; JSON readers keep only the last.",
        Severity.ERROR,
        family="input",
    )
)
ENCODING = register(
    Code(
        "BW005",
        "not-plain-utf8",
        "The file has a byte-order mark or is not UTF-8; request bodies are UTF-8 JSON.",
        Severity.WARNING,
        family="input",
    )
)


@dataclass(frozen=True)
class SpecDocument:
    """A spec file as read: ``body`` is None when the text is not valid JSON."""

    path: str
    text: str
    body: Any
    # RFC 6901 pointer -> 1-based (line, column) of its key (objects) or value (arrays)
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    problems: tuple[Diagnostic, ...] = ()

    @property
    def parsed(self) -> bool:
        return not any(p.code == INVALID_JSON.code for p in self.problems)

    def locate(self, pointer: str | None) -> tuple[int | None, int | None]:
        """Position of ``pointer``, else of its nearest ancestor that exists in the file."""
        if not self.positions:
            return None, None
        current = pointer or ""
        while current not in self.positions and current:
            current = current.rsplit("/", 1)[0]
        return self.positions.get(current, (None, None))


def read_spec(path: str | Path) -> SpecDocument:
    """Read and parse a spec file; OSError (missing, unreadable) is the caller's to report."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    return parse_spec(data, str(path))


def parse_spec(data: bytes | str, path: str = "-") -> SpecDocument:
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            message = f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB; not a job spec"
            return _failed(path, "", _problem(INVALID_JSON, path, message, 1, 1))
        text, warning = _decode(data, path)
        if text is None:
            return _failed(path, "", warning)
    else:
        text, warning = data, None
    document = _read_fast(text, path) or _Scanner(text, path).scan()
    if warning is None:
        return document
    return SpecDocument(
        document.path, text, document.body, document.positions, (warning, *document.problems)
    )


class _NeedsScanner(Exception):
    """The text holds what only the scanner reports: a duplicate key, NaN, a huge number."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) != len(pairs):
        raise _NeedsScanner
    return members


def _bounded_int(token: str) -> int:
    if len(token) > MAX_INT_DIGITS:
        raise _NeedsScanner
    return int(token)


def _no_constant(token: str) -> Any:
    raise _NeedsScanner


def _read_fast(text: str, path: str) -> SpecDocument | None:
    """The document by the stdlib's C parser, when the text is plain valid JSON; positions
    are scanned only if a finding asks for one. None: the scanner must read it (invalid JSON,
    a duplicate key, NaN, too deep or too long a number), to report it with its position."""
    try:
        body = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_int=_bounded_int,
            parse_constant=_no_constant,
        )
    except (ValueError, RecursionError, _NeedsScanner):
        return None
    if _deeper_than(body, MAX_DEPTH, text):
        return None
    return SpecDocument(path, text, body, _ScannedPositions(text, path))


def _deeper_than(body: Any, limit: int, text: str) -> bool:
    """Whether containers nest more than ``limit`` deep (the scanner refuses those)."""
    if text.count("{") + text.count("[") <= limit:
        return False  # too few brackets, even counting those inside strings
    level = [(body, 1)] if isinstance(body, (dict, list)) else []
    while level:
        value, depth = level.pop()
        if depth > limit:
            return True
        inner = value.values() if isinstance(value, dict) else value
        level.extend((v, depth + 1) for v in inner if isinstance(v, (dict, list)))
    return False


class _ScannedPositions(Mapping[str, tuple[int, int]]):
    """The positions of a text read by the fast path, scanned on first use."""

    def __init__(self, text: str, path: str) -> None:
        self._text, self._path = text, path
        self._positions: Mapping[str, tuple[int, int]] | None = None

    def _scanned(self) -> Mapping[str, tuple[int, int]]:
        if self._positions is None:
            self._positions = _Scanner(self._text, self._path).scan().positions
        return self._positions

    def __getitem__(self, pointer: str) -> tuple[int, int]:
        return self._scanned()[pointer]

    def __iter__(self) -> Iterator[str]:
        return iter(self._scanned())

    def __len__(self) -> int:
        return len(self._scanned())


def _failed(path: str, text: str, problem: Diagnostic | None) -> SpecDocument:
    return SpecDocument(path, text, None, {}, (problem,) if problem else ())


def _problem(
    code: Code, path: str, message: str, line: int, column: int, hint: str | None = None
) -> Diagnostic:
    return code.diagnostic(message, path=path, line=line, column=column, pointer="", hint=hint)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(data: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """Text of the file, plus a warning when it had a BOM or was not UTF-8."""
    bom = next(((b, enc) for b, enc in _BOMS if data.startswith(b)), None)
    encoding = bom[1] if bom else json.detect_encoding(data)
    body = data[len(bom[0]) :] if bom else data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        column = error.start - (body.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"not valid {encoding.upper()}: byte 0x{body[error.start]:02x} at offset "
        hint = "save the file as UTF-8"
        return None, _problem(INVALID_JSON, path, message + str(error.start), line, column, hint)
    if bom is None and encoding == "utf-8":
        return text, None
    what = "starts with a UTF-8 byte-order mark" if encoding == "utf-8" else f"is {encoding}"
    warning = _problem(
        ENCODING, path, f"file {what}", 1, 1, "save it as UTF-8 without a byte-order mark"
    )
    return text, warning


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
# a number cut off by the end of the file ("1.", "-", "2e+")
_NUMBER_PREFIX = re.compile(r"-?[0-9]*(\.[0-9]*)?([eE][+-]?[0-9]*)?\Z")
_LITERALS = {"true": True, "false": False, "null": None}


class ScanError(Exception):
    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


@dataclass
class _Frame:
    """An open object or array: where its next value goes."""

    container: dict | list
    pointer: str
    key: str | None = None
    keys: dict[str, int] = field(default_factory=dict)


class _Scanner:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.positions: dict[str, tuple[int, int]] = {}
        self.duplicates: list[Diagnostic] = []

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_left(self.newlines, offset)
        start = self.newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def scan(self) -> SpecDocument:
        try:
            body = self._document()
        except ScanError as error:
            line, column = self.position(error.offset)
            problem = _problem(INVALID_JSON, self.path, error.message, line, column, error.hint)
            return _failed(self.path, self.text, problem)
        return SpecDocument(self.path, self.text, body, self.positions, tuple(self.duplicates))

    def _skip(self, offset: int) -> int:
        return _WHITESPACE.match(self.text, offset).end()

    def _document(self) -> Any:
        start = self._skip(0)
        if start == len(self.text):
            raise ScanError("empty file: expected a JSON object", start)
        self.positions[""] = self.position(start)
        body, end = self._value_tree(start)
        end = self._skip(end)
        if end < len(self.text):
            raise _unexpected(self.text, end, "after the end of the JSON document")
        return body

    def _value_tree(self, offset: int) -> tuple[Any, int]:
        """Parse one value at ``offset`` with an explicit stack of open containers."""
        stack: list[_Frame] = []
        pointer = ""
        while True:
            value, offset, opened = self._open_or_scalar(offset, pointer, len(stack))
            if opened is not None:
                stack.append(opened)
                offset, pointer, done = self._next_slot(stack, offset, first=True)
                if not done:
                    continue
                value = stack.pop().container
            while True:
                if not stack:
                    return value, offset
                _store(stack[-1], value)
                offset, pointer, done = self._next_slot(stack, offset, first=False)
                if not done:
                    break
                value = stack.pop().container

    def _open_or_scalar(
        self, offset: int, pointer: str, depth: int
    ) -> tuple[Any, int, _Frame | None]:
        char = self.text[offset : offset + 1]
        if char in ("{", "["):
            if depth >= MAX_DEPTH:
                raise ScanError(f"nesting deeper than {MAX_DEPTH} levels", offset)
            container: dict | list = {} if char == "{" else []
            return None, offset + 1, _Frame(container, pointer)
        value, end = self._scalar(offset)
        return value, end, None

    def _next_slot(self, stack: list[_Frame], offset: int, *, first: bool) -> tuple[int, str, bool]:
        """Move past a separator to the next value slot; ``done`` when the container closed."""
        frame = stack[-1]
        is_object = isinstance(frame.container, dict)
        closer = "}" if is_object else "]"
        offset = self._skip(offset)
        char = self.text[offset : offset + 1]
        if char == closer:
            return offset + 1, "", True
        if not first:
            if char != ",":
                raise _unexpected(self.text, offset, f"expected ',' or '{closer}'")
            offset = self._skip(offset + 1)
            if self.text[offset : offset + 1] == closer:
                raise ScanError("trailing comma", offset, f"remove the ',' before '{closer}'")
        if is_object:
            return self._member_slot(frame, offset)
        index = len(frame.container)
        pointer = child(frame.pointer, index)
        self.positions[pointer] = self.position(offset)
        return offset, pointer, False

    def _member_slot(self, frame: _Frame, offset: int) -> tuple[int, str, bool]:
        if self.text[offset : offset + 1] != '"':
            raise _unexpected(self.text, offset, "expected a key in double quotes")
        key, end = self._string(offset)
        pointer = child(frame.pointer, key)
        position = self.position(offset)
        if key in frame.keys:
            self._duplicate(key, pointer, position, frame.keys[key])
        frame.keys[key] = position[0]
        self.positions[pointer] = position
        frame.key = key
        end = self._skip(end)
        if self.text[end : end + 1] != ":":
            raise _unexpected(self.text, end, f"expected ':' after key {key!r}")
        return self._skip(end + 1), pointer, False

    def _duplicate(self, key: str, pointer: str, at: tuple[int, int], first_line: int) -> None:
        message = f"duplicate key {key!r} (first on line {first_line}); only this one is kept"
        hint = "remove one of them; JSON readers silently drop the first"
        line, column = at
        self.duplicates.append(
            DUPLICATE_KEY.diagnostic(
                message, path=self.path, line=line, column=column, pointer=pointer, hint=hint
            )
        )

    def _scalar(self, offset: int) -> tuple[Any, int]:
        text = self.text
        char = text[offset : offset + 1]
        if char == '"':
            return self._string(offset)
        if char == "-" or char.isdigit():
            return self._number(offset)
        for word, value in _LITERALS.items():
            if text.startswith(word, offset):
                return value, offset + len(word)
            if word.startswith(text[offset:]):
                raise _unexpected(text, len(text), f"expected {word!r}")
        raise _unexpected(text, offset, "expected a value")

    def _string(self, offset: int) -> tuple[str, int]:
        match = _STRING.match(self.text, offset)
        if match is None:
            raise _bad_string(self.text, offset)
        return json.loads(match.group()), match.end()

    def _number(self, offset: int) -> tuple[int | float, int]:
        match = _NUMBER.match(self.text, offset)
        if _NUMBER_PREFIX.match(self.text, offset) and (not match or match.end() < len(self.text)):
            raise _unexpected(self.text, len(self.text), "expected the rest of a number")
        if match is None:
            raise _unexpected(self.text, offset, "expected a number")
        token = match.group()
        if match.group(1) or match.group(2):
            return float(token), match.end()
        if len(token) > MAX_INT_DIGITS:
            raise ScanError(f"number with {len(token)} digits is too large", offset)
        return int(token), match.end()


def _store(frame: _Frame, value: Any) -> None:
    if isinstance(frame.container, dict):
        frame.container[frame.key] = value
    else:
        frame.container.append(value)


_SPECIAL_TOKENS = (
    ("//", "comments are not allowed in JSON", "delete the // comment"),
    ("/*", "comments are not allowed in JSON", "delete the /* */ comment"),
    ("NaN", "NaN is not valid JSON", "use a number or null"),
    ("Infinity", "Infinity is not valid JSON", "use a number or null"),
    ("-Infinity", "-Infinity is not valid JSON", "use a number or null"),
    ("'", "strings and keys need double quotes, not single quotes", None),
)


def _unexpected(text: str, offset: int, expectation: str) -> ScanError:
    if offset >= len(text):
        return ScanError(f"unexpected end of file: {expectation} (truncated?)", offset)
    for token, message, hint in _SPECIAL_TOKENS:
        if text.startswith(token, offset):
            return ScanError(message, offset, hint)
    return ScanError(f"unexpected {_shown(text[offset])}: {expectation}", offset)


def _bad_string(text: str, offset: int) -> ScanError:
    """Find the character that ends a string early: EOF, a control character or a bad escape."""
    i = offset + 1
    while i < len(text):
        char = text[i]
        if char == '"':
            break
        if char == "\\":
            escape = text[i : i + 6]
            if len(escape) < 6 and re.fullmatch(r"\\(u[0-9a-fA-F]{0,3})?", escape):
                break  # the file ends inside an escape
            if not re.match(r'\\(["\\/bfnrt]|u[0-9a-fA-F]{4})', escape):
                return ScanError(f"invalid escape {escape[:2]!r} in string", i)
            i += 6 if escape[1:2] == "u" else 2
            continue
        if ord(char) < 0x20:
            return ScanError(f"unescaped {_shown(char)} in string", i, "escape it, e.g. \\n")
        i += 1
    if i >= len(text) or text[i] != '"':
        return ScanError("unexpected end of file: unterminated string (truncated?)", len(text))
    return ScanError("invalid string", offset)


def _shown(char: str) -> str:
    return repr(char) if char.isprintable() else f"character U+{ord(char):04X}"
