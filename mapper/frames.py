"""DataFrames in: a pandas table read as the CSV mapper would upload for it.

pandas is an optional extra (``pip install 'zoho-bulk-mapper[pandas]'``). Nothing here
imports it: a DataFrame is recognised only when pandas is already loaded, so the ``check``
path never pays for it. One rendering turns every column into the strings of the upload
CSV, and `profile`, `compile_spec`, `preflight` and `write_upload_csv` all use it, so what
was profiled and checked is what gets written:

- ``datetime64`` columns are written with a Zoho-listed pattern (``yyyy-MM-dd`` when every
  value is a midnight, else Zoho's default ``MM/dd/yyyy HH:mm:ss``), or with the spec's
  ``format`` for that column; their kind comes from the dtype, not from the strings;
- integer dtypes, nullable ones included, stay integers (``3``, never ``3.0``); a missing
  value is an empty cell;
- booleans are ``true``/``false``; floats never use an exponent;
- a categorical of strings is a ``picklist`` column.
"""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.dates import MONTHS, PatternError, tokenize
from mapper.zoho import DEFAULT_DATETIME_FORMAT

if TYPE_CHECKING:
    import pyarrow as pa

    from mapper.profile import ColumnProfile, Profile

__all__ = [
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "FRAME_PATH",
    "FrameColumn",
    "FrameError",
    "UploadLayout",
    "frame_columns",
    "is_dataframe",
    "string_batches",
    "upload_layout",
    "write_upload_csv",
]

# how findings and profiles name a DataFrame, which has no path
FRAME_PATH = "<DataFrame>"
ROWS_PER_BATCH = 50_000
# Zoho lists yyyy-MM-dd for dates; for date-times only its default is documented
DATE_PATTERN = "yyyy-MM-dd"
DATETIME_PATTERN = DEFAULT_DATETIME_FORMAT
# Java pattern letters (by width) that strftime writes the same way (pyarrow's "C" locale)
_STRFTIME = {
    ("y", 4): "%Y", ("y", 2): "%y", ("u", 4): "%Y", ("u", 2): "%y",
    ("M", 2): "%m", ("M", 3): "%b", ("M", 4): "%B", ("d", 2): "%d",
    ("H", 2): "%H", ("h", 2): "%I", ("m", 2): "%M", ("s", 2): "%S", ("a", 1): "%p",
}  # fmt: skip


class FrameError(ValueError):
    """A DataFrame that cannot be written as the spec expects (the message says why)."""


def is_dataframe(value: object) -> bool:
    """Whether ``value`` is a pandas DataFrame; never imports pandas."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)


@dataclass(frozen=True)
class FrameColumn:
    """What a column's dtype decides: ``kind`` ("date", "datetime", "integer", "boolean",
    "picklist", or None when the values decide) and the pattern dates are written with."""

    index: int
    header: str
    kind: str | None = None
    format: str | None = None
    # the time zone of a tz-aware datetime column (written as wall-clock times there)
    zone: str | None = None


def frame_columns(frame: Any) -> list[FrameColumn]:
    return [_frame_column(i, name, frame.iloc[:, i]) for i, name in enumerate(frame.columns)]


def _frame_column(index: int, name: Any, series: Any) -> FrameColumn:
    import pandas as pd

    header = str(name)
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = series.cat.categories
        if pd.api.types.is_string_dtype(categories) or pd.api.types.is_object_dtype(categories):
            return FrameColumn(index, header, "picklist")
        return FrameColumn(index, header)
    if pd.api.types.is_datetime64_any_dtype(dtype):
        zone = str(series.dt.tz) if series.dt.tz is not None else None
        values = series.dropna()
        midnight = zone is None and bool((values == values.dt.normalize()).all())
        kind, pattern = ("date", DATE_PATTERN) if midnight else ("datetime", DATETIME_PATTERN)
        return FrameColumn(index, header, kind, pattern, zone)
    if pd.api.types.is_bool_dtype(dtype):
        return FrameColumn(index, header, "boolean")
    if pd.api.types.is_integer_dtype(dtype):
        return FrameColumn(index, header, "integer")
    return FrameColumn(index, header)


def string_batches(
    frame: Any,
    formats: Mapping[int, str] | None = None,
    rows: int = ROWS_PER_BATCH,
) -> Iterator[list[pa.Array]]:
    """The frame's rows as the upload CSV holds them: per batch one string array per
    column (a missing value is ""). ``formats`` gives a date column's pattern by position;
    the others use their `FrameColumn` pattern."""
    columns = frame_columns(frame)
    formats = formats or {}
    for start in range(0, len(frame), rows):
        chunk = frame.iloc[start : start + rows]
        yield [
            _strings(chunk.iloc[:, c.index], c, formats.get(c.index) or c.format) for c in columns
        ]


def _strings(series: Any, column: FrameColumn, pattern: str | None) -> pa.Array:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(series.dtype, pd.CategoricalDtype):
        names = _strings(pd.Series(series.cat.categories), FrameColumn(0, ""), None)
        codes = pa.array(series.cat.codes.to_numpy(), mask=series.isna().to_numpy())
        decoded = pa.DictionaryArray.from_arrays(codes, names).dictionary_decode()
    elif pd.api.types.is_datetime64_any_dtype(series.dtype):
        decoded = _dates(series, pattern or DATETIME_PATTERN)
    elif pd.api.types.is_float_dtype(series.dtype):
        decoded = _floats(series)
    elif pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
        decoded = pc.cast(pa.array(series, from_pandas=True), pa.string())
    else:
        decoded = _texts(series)
    return pc.fill_null(decoded, "")


def _floats(series: Any) -> pa.Array:
    """Shortest round-trip text, without an exponent (Zoho reads none)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array(series, type=pa.float64(), from_pandas=True)
    texts = pc.cast(values, pa.string())
    if not pc.any(pc.match_substring(texts, "e")).as_py():
        return texts
    return pa.array(
        [
            None if v is None else np.format_float_positional(v, trim="-")
            for v in values.to_pylist()
        ],
        pa.string(),
    )


def _texts(series: Any) -> pa.Array:
    import pyarrow as pa

    try:
        return pa.array(series, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([_text(value) for value in series], pa.string())


def _text(value: Any) -> str | None:
    import pandas as pd

    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _dates(series: Any, pattern: str) -> pa.Array:
    """Timestamps written with the Java ``pattern``: by pyarrow's strftime when every letter
    has a strftime twin, else value by value. A tz-aware column keeps its wall-clock time."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        tokens = tokenize(pattern)
    except PatternError as error:
        raise FrameError(f"cannot write dates as {pattern!r}: {error}") from None
    timestamps = pa.array(series, from_pandas=True)
    seconds = pc.cast(timestamps, pa.timestamp("s", timestamps.type.tz), safe=False)
    strftime = _strftime(tokens)
    if strftime is not None:
        return pc.strftime(seconds, format=strftime, locale="C")
    import pandas as pd

    stamps = series.dt.tz_localize(None) if series.dt.tz is not None else series
    return pa.array([None if pd.isna(v) else _java_format(v, tokens) for v in stamps], pa.string())


def _strftime(tokens: Sequence[Any]) -> str | None:
    parts = []
    for token in tokens:
        if token.letter is None:
            parts.append(token.text.replace("%", "%%"))
        elif (token.letter, token.width) in _STRFTIME:
            parts.append(_STRFTIME[token.letter, token.width])
        else:
            return None
    return "".join(parts)


def _java_format(stamp: Any, tokens: Sequence[Any]) -> str:
    return "".join(_java_field(stamp, token) for token in tokens)


def _java_field(stamp: Any, token: Any) -> str:
    letter, width = token.letter, token.width
    if letter is None:
        return token.text
    if letter in "yu":
        year = stamp.year % 100 if width == 2 else stamp.year
        return str(year).zfill(width)
    if letter in "ML" and width >= 3:
        name = MONTHS[stamp.month - 1].capitalize()
        return name if width >= 4 else name[:3]
    values = {
        "M": stamp.month, "L": stamp.month, "d": stamp.day, "H": stamp.hour,
        "k": stamp.hour or 24, "K": stamp.hour % 12, "h": stamp.hour % 12 or 12,
        "m": stamp.minute, "s": stamp.second, "S": stamp.microsecond // 1000,
    }  # fmt: skip
    if letter == "a":
        return "AM" if stamp.hour < 12 else "PM"
    if letter not in values:
        raise FrameError(f"cannot write dates with the pattern letter {letter!r}")
    return str(values[letter]).zfill(width)


@dataclass(frozen=True)
class UploadLayout:
    """How a frame becomes resource ``resource_index``'s CSV: which frame column each CSV
    column is, the date pattern per CSV column, and the codec the spec declares."""

    frame: Any
    body: dict
    formats: dict[int, str]
    codec: str
    charset: str | None

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(str(name) for name in self.frame.columns)


def upload_layout(frame: Any, spec: Any, resource_index: int = 0) -> UploadLayout:
    """The frame arranged as ``spec`` (a body, a `Compilation` or a spec file) reads it.

    A `Compilation` knows the header at each index: a frame whose columns were reordered
    since is put back in that order; a column it names that the frame lacks is an error.
    A plain body is read by position. Raises `FrameError`.
    """
    body, headers = _spec_parts(spec)
    resource = _resource(body, resource_index)
    mappings = [m for m in resource.get("field_mappings") or [] if isinstance(m, dict)]
    indexes = [m["index"] for m in mappings if isinstance(m.get("index"), int)]
    if headers:
        frame = _in_compiled_order(frame, headers)
    if indexes and max(indexes) >= len(frame.columns):
        raise FrameError(
            f"the spec reads column index {max(indexes)}, but the DataFrame has "
            f"{len(frame.columns)} columns"
        )
    formats = {
        m["index"]: m["format"]
        for m in mappings
        if isinstance(m.get("index"), int) and isinstance(m.get("format"), str)
    }
    charset = body.get("character_encoding")
    charset = charset if isinstance(charset, str) and charset.strip() else None
    return UploadLayout(frame, body, formats, _codec(charset), charset)


def _spec_parts(spec: Any) -> tuple[dict, dict[int, str]]:
    """The body, and the header the compile saw at each index (empty for a plain body)."""
    from mapper.compile import Compilation

    if isinstance(spec, Compilation):
        if spec.body is None:
            raise FrameError("the compile stopped with errors: there is no spec to write for")
        first = spec.files[0][0] if spec.files else None
        seen = [*spec.explain, *spec.unmapped]
        headers = {row.index: row.header for row in seen if row.index >= 0 and row.file == first}
        return spec.body, headers
    if isinstance(spec, (str, Path)):
        try:
            spec = json.loads(Path(spec).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise FrameError(f"cannot read the spec {spec}: {error}") from None
    if not isinstance(spec, dict):
        raise FrameError("the spec must be a bulk-write body (a dict), a Compilation or a file")
    return spec, {}


def _resource(body: dict, index: int) -> dict:
    resources = body.get("resource")
    if not isinstance(resources, list) or not 0 <= index < len(resources):
        raise FrameError(f"the spec has no resource {index}")
    resource = resources[index]
    if not isinstance(resource, dict):
        raise FrameError(f"resource {index} of the spec is not an object")
    return resource


def _in_compiled_order(frame: Any, headers: dict[int, str]) -> Any:
    names = [str(name) for name in frame.columns]
    if all(i < len(names) and names[i] == header for i, header in headers.items()):
        return frame
    missing = sorted({h for h in headers.values() if names.count(h) != 1})
    if missing:
        raise FrameError(
            "the DataFrame's columns differ from those the spec was compiled from: "
            + ", ".join(repr(h) for h in missing)
            + " missing or repeated"
        )
    by_name = {name: position for position, name in enumerate(names)}
    placed = {i: by_name[h] for i, h in headers.items()}
    rest = iter(p for p in range(len(names)) if p not in placed.values())
    order = [placed[i] if i in placed else next(rest) for i in range(len(names))]
    return frame.iloc[:, order]


def _codec(charset: str | None) -> str:
    if charset is None:
        return "utf-8"
    try:
        return codecs.lookup(charset).name
    except LookupError:
        raise FrameError(f"the spec's character_encoding {charset!r} is no known codec") from None


def write_upload_csv(frame: Any, path: str | Path, spec: Any, *, resource_index: int = 0) -> Path:
    """Write ``frame`` as the CSV ``spec`` reads (its column order, the spec's
    ``character_encoding`` and date patterns), atomically; returns the path.

    ``spec`` is a body dict, a `Compilation` or a spec file. Raises `FrameError` when the
    frame does not fit the spec or a value cannot be written in the spec's encoding.
    """
    from mapper.files import atomic_file

    layout = upload_layout(frame, spec, resource_index)
    target = Path(path)
    with atomic_file(target, "w", encoding=layout.codec, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        _write_rows(writer, [layout.header], None, layout)
        done = 0
        for columns in string_batches(layout.frame, layout.formats):
            rows = list(zip(*(column.to_pylist() for column in columns), strict=True))
            _write_rows(writer, rows, done, layout)
            done += len(rows)
    return target


def _write_rows(writer: Any, rows: Sequence[Sequence[str]], done: int | None, layout: Any) -> None:
    """Write ``rows`` (from frame row ``done`` on; None for the header); a value the spec's
    encoding cannot hold is a `FrameError` naming its row and column."""
    try:
        writer.writerows(rows)
    except UnicodeEncodeError:
        for offset, row in enumerate(rows):
            for position, value in enumerate(row):
                if _unencodable(value, layout.codec):
                    where = "the header" if done is None else f"row {done + offset}"
                    raise FrameError(
                        f"{where}, column {layout.header[position]!r}: {value!r} cannot be "
                        f"written in {layout.charset or layout.codec}, the spec's encoding"
                    ) from None
        raise


def _unencodable(value: str, codec: str) -> bool:
    try:
        value.encode(codec)
    except UnicodeEncodeError:
        return True
    return False


def profile_frame(frame: Any) -> Profile:
    """`mapper.profile.profile` of a DataFrame: the rendered strings profiled as a CSV's
    would be, then the facts the dtype decides put over those the strings suggest."""
    from concurrent.futures import ThreadPoolExecutor

    from mapper.profile import DISTINCT_CAP, WORKERS, Profile, _column_profile
    from mapper.profile.columns import ColumnTracker

    columns = frame_columns(frame)
    trackers = [ColumnTracker(DISTINCT_CAP) for _ in columns]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for batch in string_batches(frame):
            list(pool.map(ColumnTracker.update, trackers, batch))
    profiled = tuple(
        _dtype_facts(_column_profile(tracker, c.index, c.header), c)
        for tracker, c in zip(trackers, columns, strict=True)
    )
    return Profile(
        path=FRAME_PATH,
        encoding="utf-8",
        delimiter=",",
        header=True,
        rows=len(frame),
        columns=profiled,
        warnings=tuple(_frame_warnings(columns)),
    )


def _dtype_facts(profiled: ColumnProfile, column: FrameColumn) -> ColumnProfile:
    """The kind (and date pattern) the dtype proves; an all-missing column stays empty."""
    from dataclasses import replace

    if column.kind is None or profiled.kind == "empty":
        return profiled
    if column.kind in ("date", "datetime"):
        return replace(
            profiled,
            kind=column.kind,
            format=column.format,
            ambiguous=False,
            candidates=(column.format,),
            note=None,
        )
    # a nullable integer column holding 18-19 digit values is Zoho record ids
    kind = "id" if column.kind == "integer" and profiled.kind == "id" else column.kind
    return replace(profiled, kind=kind, format=None, ambiguous=False, candidates=(), note=None)


def _frame_warnings(columns: list[FrameColumn]) -> Iterator[str]:
    names = [c.header for c in columns]
    for c in columns:
        where = f"column {c.index} '{c.header or 'no header'}'"
        if not c.header.strip():
            yield f"{where}: blank header; Zoho reads row 1 as the header"
        elif names.index(c.header) != c.index:
            yield f"{where}: the header repeats column {names.index(c.header)}'s"
        if c.zone is not None:
            yield (
                f"{where}: time zone {c.zone} is dropped; values are written as wall-clock "
                "times there, and Zoho reads date-times without an offset in the org's zone"
            )
