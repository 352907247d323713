"""Split a job's CSV (and its child CSVs) into parts Zoho accepts: rows, zip size, one spec each.

Records are copied as the text they are in the file (quoting, delimiter, line endings
and encoding kept; the header record repeated at the top of each part), never re-written
by a CSV writer. Parts are first cut by row count; a part whose zip is still too large is
cut in halves again. In a parent-child job a child row goes into the part of its parent,
matched by the parent-link mapping (``parent_column_index`` in the parent CSV, ``index``
in the child's). Everything is built in a staging folder and moved into place at the end.
"""

from __future__ import annotations

import copy
import csv
import itertools
import math
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from mapper.compile.output import render_json
from mapper.csvfile import CsvError, CsvInfo, raw_records, sniff, text_codec
from mapper.files import DEFAULT_ZIP_LEVEL, replace_keeping_mode, write_atomic, write_zip_atomic
from mapper.jsonvalues import index_at, list_at
from mapper.zoho import MAX_ROWS, MAX_ZIP_BYTES

Progress = Callable[[int], None]


class SplitError(Exception):
    """Input the split cannot honour; the message says which file and why."""


@dataclass(frozen=True)
class Source:
    """One CSV of the job and the resource that reads it."""

    path: Path
    info: CsvInfo
    resource_index: int
    # child CSVs: (index of the key column here, index of the key column in the parent)
    link: tuple[int, int] | None = None


@dataclass(frozen=True)
class Part:
    """A part as built in staging: one file per source, and its row counts."""

    files: tuple[Path, ...]
    rows: tuple[int, ...]


@dataclass(frozen=True)
class Chunk:
    number: int
    csv_paths: tuple[Path, ...]
    zip_path: Path
    spec_path: Path
    rows: tuple[int, ...]


def split(
    body: dict,
    csv_path: Path,
    out_dir: Path,
    *,
    children: Sequence[Path] = (),
    max_rows: int = MAX_ROWS,
    max_zip_bytes: int = MAX_ZIP_BYTES,
    zip_level: int = DEFAULT_ZIP_LEVEL,
    progress: Progress | None = None,
) -> list[Chunk]:
    """Write ``<stem>-partNNN.{csv,zip,json}`` into ``out_dir``; returns the chunks.

    ``zip_level`` is deflate's, 0-9: a lower level zips faster into larger files."""
    if max_rows < 1 or max_zip_bytes < 1:
        raise SplitError("--max-rows and --max-zip-mb must be positive")
    if not 0 <= zip_level <= 9:
        raise SplitError(f"--zip-level must be 0 to 9, not {zip_level}")
    sources = job_sources(body, Path(csv_path), [Path(c) for c in children])
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".split-", dir=out_dir))
    zipper = Zipper(sources, staging, zip_level)
    try:
        # a part is zipped under its expected number while the next ones are cut
        parts = cut(sources, max_rows, staging, progress, lambda i, p: zipper.submit(i + 1, p))
        if not any(part.rows[0] for part in parts):
            raise SplitError(f"{csv_path} has a header but no data rows: nothing to split")
        fitted = fit_zip(sources, parts, max_zip_bytes, staging, zipper)
        return publish(body, sources, fitted, out_dir)
    finally:
        zipper.close()
        shutil.rmtree(staging, ignore_errors=True)


def job_sources(body: dict, csv_path: Path, children: list[Path]) -> list[Source]:
    """The parent CSV (resource 0) and each child CSV matched to its resource."""
    resources = body.get("resource") if isinstance(body, dict) else None
    if not isinstance(resources, list) or not resources:
        raise SplitError("the spec has no resource array")
    if len(children) != len(resources) - 1:
        raise SplitError(
            f"the spec has {len(resources)} resources but {len(children)} child CSV(s) were "
            "given: pass the CSV of every resource after the first with --child"
        )
    sources = [Source(csv_path, _sniff(csv_path), 0)]
    for child, index in zip(children, _child_resources(resources, children), strict=True):
        link = _link(resources[index], index)
        sources.append(Source(child, _sniff(child), index, link))
    return sources


def _sniff(path: Path) -> CsvInfo:
    try:
        return sniff(path)
    except CsvError as error:
        raise SplitError(str(error)) from error


def _child_resources(resources: list, children: list[Path]) -> list[int]:
    """Resource index per child CSV: by ``file_names`` when they name it, else in order."""
    by_name = {
        name: i
        for i, resource in enumerate(resources)
        if i > 0
        for name in list_at(resource, "file_names") or ()
        if isinstance(name, str)
    }
    named = list(by_name)
    free = [i for i in range(1, len(resources)) if i not in by_name.values()]
    chosen = []
    for child in children:
        index = by_name.pop(child.name, None)
        chosen.append(index if index is not None else free.pop(0) if free else -1)
    if -1 in chosen or len(set(chosen)) != len(chosen):
        raise SplitError(_unplaced_message(named, children))
    return chosen


def _unplaced_message(named: list[str], children: list[Path]) -> str:
    given = ", ".join(child.name for child in children)
    if not named:
        return (
            f"cannot tell which resource reads each --child CSV ({given}); name them in file_names"
        )
    unknown = ", ".join(c.name for c in children if c.name not in named) or "none"
    return (
        f"cannot tell which resource reads each --child CSV: the spec's child file_names are "
        f"{', '.join(named)}, the --child files are {given} (not in file_names: {unknown}); "
        "rename the files or fix file_names"
    )


def _link(resource: object, index: int) -> tuple[int, int]:
    for mapping in list_at(resource, "field_mappings") or ():
        parent_column = index_at(mapping, "parent_column_index")
        if parent_column is None:
            continue
        column = index_at(mapping, "index")
        if column is None or min(column, parent_column) < 0:
            break
        return column, parent_column
    raise SplitError(
        f"resource {index} has no mapping with both index and parent_column_index "
        "(whole numbers, 0 or more), "
        "so its rows cannot follow their parent"
    )


def records(source: Source) -> Iterator[tuple[int, str]]:
    """(physical line, raw text) of every record, the header included, endings kept."""
    try:
        yield from raw_records(source.path, source.info)
    except CsvError as error:
        raise SplitError(str(error)) from error


def field_at(source: Source, record: str, index: int) -> str:
    fields = next(csv.reader([record], delimiter=source.info.delimiter), [])
    return fields[index] if index < len(fields) else ""


def _terminated(record: str, source: Source) -> str:
    """The file's last record may lack a line end; inside a part it needs one."""
    return record if record.endswith(("\n", "\r")) else record + source.info.line_terminator


class _PartFiles:
    """The staging files of every part: one per source, the header record on top."""

    def __init__(self, sources: list[Source], headers: list[str], staging: Path) -> None:
        self.sources, self.headers = sources, headers
        self.staging = Path(tempfile.mkdtemp(prefix="cut-", dir=staging))
        self.handles: dict[tuple[int, int], object] = {}
        self.rows: Counter[tuple[int, int]] = Counter()
        self.count = 0

    def path(self, part: int, source: int) -> Path:
        return self.staging / f"{part:05d}" / f"{source}.csv"

    def write(self, part: int, source: int, record: str) -> None:
        handle = self.handles.get((part, source))
        if handle is None:
            handle = self._open(part, source)
        handle.write(_terminated(record, self.sources[source]))
        self.rows[(part, source)] += 1

    def write_all(self, part: int, source: int, records: list[str]) -> None:
        """Several records at once; only a file's last record can lack its line end."""
        handle = self.handles.get((part, source)) or self._open(part, source)
        records[-1] = _terminated(records[-1], self.sources[source])
        handle.write("".join(records))
        self.rows[(part, source)] += len(records)

    def _open(self, part: int, source: int):
        self.count = max(self.count, part + 1)
        if source == 0:  # the parent is written in order: its previous part is complete
            previous = self.handles.pop((part - 1, 0), None)
            if previous is not None:
                previous.close()
        target = self.path(part, source)
        target.parent.mkdir(exist_ok=True)
        codec = text_codec(self.sources[source].info)  # with a BOM: written again on top
        handle = target.open("w", encoding=codec, errors="strict", newline="")
        handle.write(_terminated(self.headers[source], self.sources[source]))
        self.handles[(part, source)] = handle
        return handle

    def abandon(self) -> None:
        for handle in self.handles.values():
            handle.close()
        self.handles.clear()

    def finish(self, part: int) -> Part:
        """A part of a job without children, closed as soon as it is whole."""
        self.handles.pop((part, 0)).close()
        return self._part(part)

    def close(self) -> list[Part]:
        """Every part, with a header-only file for a source that has no rows in it."""
        for part in range(self.count):
            for source in range(len(self.sources)):
                if (part, source) not in self.handles and not self.path(part, source).exists():
                    self._open(part, source)
        self.abandon()
        return [self._part(p) for p in range(self.count)]

    def _part(self, part: int) -> Part:
        sources = range(len(self.sources))
        return Part(
            tuple(self.path(part, s) for s in sources), tuple(self.rows[(part, s)] for s in sources)
        )


def cut(
    sources: list[Source],
    max_rows: int,
    staging: Path,
    progress: Progress | None = None,
    on_part: Callable[[int, Part], None] | None = None,
) -> list[Part]:
    """Parts of at most ``max_rows`` rows per file; children follow their parent.

    ``on_part`` gets (index, part) of each part as soon as it is whole, before the next is
    cut: in a job without children only (in one with children a part is whole at the end)."""
    streams = [records(source) for source in sources]
    headers = [_header(stream, source) for stream, source in zip(streams, sources, strict=True)]
    files = _PartFiles(sources, headers, staging)
    try:
        if len(sources) == 1:
            _place_alone(streams[0], files, max_rows, progress, on_part)
            return files.close()
        owners = _place_parents(sources, streams[0], files, max_rows, progress)
        for number, (source, stream) in enumerate(zip(sources[1:], streams[1:], strict=True), 1):
            _place_children(source, number, stream, files, owners[number - 1])
    except BaseException:
        files.abandon()
        raise
    return files.close()


def _header(stream: Iterator[tuple[int, str]], source: Source) -> str:
    first = next(stream, None)
    if first is None:
        raise SplitError(f"{source.path} is empty")
    return first[1]


def _place_alone(
    stream: Iterator[tuple[int, str]],
    files: _PartFiles,
    max_rows: int,
    progress: Progress | None,
    on_part: Callable[[int, Part], None] | None,
) -> None:
    """Without children a part is simply the next ``max_rows`` records: no keys to read."""
    done = 0
    for part in itertools.count():
        batch = [record for _, record in itertools.islice(stream, max_rows)]
        if not batch:
            return
        files.write_all(part, 0, batch)
        finished = files.finish(part)
        if on_part is not None:
            on_part(part, finished)
        done += len(batch)
        if progress is not None:
            progress(done)


def _place_parents(
    sources: list[Source],
    stream: Iterator[tuple[int, str]],
    files: _PartFiles,
    max_rows: int,
    progress: Progress | None,
) -> list[dict[str, int]]:
    """Write the parent rows; returns, per child source, its parent key -> part."""
    parent, children = sources[0], sources[1:]
    counts = [_children_per_key(child) for child in children]
    owners: list[dict[str, int]] = [{} for _ in children]
    part, rows, child_rows = -1, max_rows, [0] * len(children)
    for done, (line, record) in enumerate(stream, 1):
        keys = [field_at(parent, record, child.link[1]) for child in children]
        extra = [0 if k in o else c[k] for k, o, c in zip(keys, owners, counts, strict=True)]
        _check_fits(extra, children, line, max_rows)
        full = rows >= max_rows or any(
            n + e > max_rows for n, e in zip(child_rows, extra, strict=True)
        )
        if full:
            part, rows, child_rows = part + 1, 0, [0] * len(children)
        files.write(max(part, 0), 0, record)
        rows += 1
        for number, key in enumerate(keys):
            owners[number].setdefault(key, max(part, 0))
            child_rows[number] += extra[number]
        if progress is not None and done % 50_000 == 0:
            progress(done)
    return owners


def _check_fits(extra: list[int], children: list[Source], line: int, max_rows: int) -> None:
    for rows, child in zip(extra, children, strict=True):
        if rows > max_rows:
            raise SplitError(
                f"the parent row on line {line} has {rows:,} child rows in {child.path}, "
                f"more than --max-rows {max_rows:,}: they cannot share one part"
            )


def _children_per_key(child: Source) -> Counter[str]:
    stream = records(child)
    next(stream, None)
    return Counter(field_at(child, record, child.link[0]) for _, record in stream)


def _place_children(
    child: Source,
    number: int,
    stream: Iterator[tuple[int, str]],
    files: _PartFiles,
    owners: dict[str, int],
) -> None:
    orphans: list[int] = []
    for line, record in stream:
        part = owners.get(field_at(child, record, child.link[0]))
        if part is None:
            orphans.append(line)
        else:
            files.write(part, number, record)
    if orphans:
        shown = ", ".join(map(str, orphans[:5]))
        raise SplitError(
            f"{len(orphans):,} rows of {child.path} have no parent row with their key "
            f"(lines {shown}{', ...' if len(orphans) > 5 else ''}); Zoho would skip them"
        )


@dataclass(frozen=True)
class Fitted:
    part: Part
    names: tuple[str, ...]
    zip_path: Path


def fit_zip(
    sources: list[Source], parts: list[Part], max_zip_bytes: int, staging: Path, zipper: Zipper
) -> list[Fitted]:
    """Zip the parts under their final names, halving any part that is too big.

    Each part is zipped under the number it gets if every part before it fits; a part cut
    in halves renumbers the ones after it, so those are zipped again under their new names."""
    fitted: list[Fitted] = []
    queue = list(parts)
    while queue:
        first = len(fitted) + 1
        for offset, part in enumerate(queue):
            zipper.submit(first + offset, part)
        for offset, part in enumerate(queue):
            names, zip_path = zipper.result(first + offset)
            if zip_path.stat().st_size <= max_zip_bytes:
                fitted.append(Fitted(part, names, zip_path))
                continue
            queue = [*_halves(sources, part, zip_path, staging), *queue[offset + 1 :]]
            break
        else:
            queue = []
    return fitted


class Zipper:
    """Zips parts on one thread per core (zlib leaves the interpreter lock while it
    deflates), each part under a number: ``<stem>-partNNN.zip`` in staging."""

    def __init__(self, sources: list[Source], staging: Path, level: int) -> None:
        self.sources, self.staging, self.level = sources, staging, level
        self.pool = ThreadPoolExecutor(max_workers=_cores())
        self.jobs: dict[int, tuple[Part, Future[tuple[tuple[str, ...], Path]]]] = {}

    def submit(self, number: int, part: Part) -> None:
        """Zip ``part`` as number ``number``, unless it is already being zipped as that."""
        job = self.jobs.get(number)
        if job is not None:
            if job[0] == part:
                return
            # the same zip path: the stale zip must not land after the new one
            job[1].cancel()
            wait([job[1]])
        self.jobs[number] = (part, self.pool.submit(self._zip, number, part))

    def result(self, number: int) -> tuple[tuple[str, ...], Path]:
        """The member names and zip path of part ``number``, once written."""
        return self.jobs[number][1].result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _zip(self, number: int, part: Part) -> tuple[tuple[str, ...], Path]:
        names = part_names(self.sources, number)
        zip_path = self.staging / f"{self.sources[0].path.stem}-part{number:03d}.zip"
        write_zip_atomic(zip_path, zip(names, part.files, strict=True), self.level)
        return names, zip_path


def _cores() -> int:
    """The cores this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _halves(sources: list[Source], part: Part, zip_path: Path, staging: Path) -> list[Part]:
    if part.rows[0] <= 1:
        raise SplitError(
            f"one parent row and its children zip to {zip_path.stat().st_size:,} bytes, "
            f"more than --max-zip-mb allows"
        )
    halves = [replace(s, path=f) for s, f in zip(sources, part.files, strict=True)]
    return cut(halves, math.ceil(part.rows[0] / 2), staging)


def part_names(sources: list[Source], number: int) -> tuple[str, ...]:
    return tuple(f"{s.path.stem}-part{number:03d}.csv" for s in sources)


def file_id_placeholder(zip_name: str) -> str:
    """Not numeric, so `mapper check` flags it (BW103) until the part's upload id is in."""
    return f"<upload {zip_name}, then put details.file_id here>"


def chunk_body(body: dict, sources: list[Source], names: tuple[str, ...], zip_name: str) -> dict:
    """The spec of one part: the same mappings, ``file_names`` naming the part's CSVs, and
    a ``file_id`` placeholder: the original id would import the original, unsplit file."""
    chunk = copy.deepcopy(body)
    for resource in chunk["resource"]:
        if isinstance(resource, dict):
            resource["file_id"] = file_id_placeholder(zip_name)
    for source, name in zip(sources, names, strict=True):
        resource = chunk["resource"][source.resource_index]
        if isinstance(resource, dict) and "file_names" in resource:
            resource["file_names"] = [name]
    return chunk


def publish(body: dict, sources: list[Source], fitted: list[Fitted], out_dir: Path) -> list[Chunk]:
    """Move every part into ``out_dir`` (renames: each file appears whole or not at all)."""
    chunks = []
    for number, item in enumerate(fitted, 1):
        csv_paths = tuple(out_dir / name for name in item.names)
        for staged, final in zip(item.part.files, csv_paths, strict=True):
            replace_keeping_mode(staged, final)
        zip_path = out_dir / item.zip_path.name
        replace_keeping_mode(item.zip_path, zip_path)
        spec_path = zip_path.with_suffix(".json")
        spec = chunk_body(body, sources, item.names, zip_path.name)
        write_atomic(spec_path, render_json(spec).encode())
        chunks.append(Chunk(number, csv_paths, zip_path, spec_path, item.part.rows))
    _remove_stale(out_dir, sources, len(chunks))
    return chunks


def source_lines(
    body: dict, csv_path: Path, chunks: Sequence[Chunk], children: Sequence[Path] = ()
) -> list[tuple[tuple[int, ...], ...]]:
    """Per chunk, per source: the source line where each data record of the chunk's CSV
    starts, in the chunk's order (blank records left out: they are no row to Zoho).

    Parents fill the chunks in file order, ``chunk.rows[0]`` at a time; a child row goes
    where its key's first parent went, as `cut` places it."""
    sources = job_sources(body, Path(csv_path), [Path(c) for c in children])
    lines: list[list[list[int]]] = [[[] for _ in sources] for _ in chunks]
    owners: list[dict[str, int]] = [{} for _ in sources[1:]]
    part_of = itertools.chain.from_iterable(
        itertools.repeat(number, chunk.rows[0]) for number, chunk in enumerate(chunks)
    )
    for (line, record), number in zip(_data(sources[0]), part_of, strict=True):
        if record.strip():
            lines[number][0].append(line)
        for owned, child in zip(owners, sources[1:], strict=True):
            owned.setdefault(field_at(sources[0], record, child.link[1]), number)
    for position, (child, owned) in enumerate(zip(sources[1:], owners, strict=True), 1):
        for line, record in _data(child):
            number = owned.get(field_at(child, record, child.link[0]))
            if number is not None and record.strip():
                lines[number][position].append(line)
    return [tuple(map(tuple, per_source)) for per_source in lines]


def _data(source: Source) -> Iterator[tuple[int, str]]:
    stream = records(source)
    next(stream, None)  # the header
    return stream


def _remove_stale(out_dir: Path, sources: list[Source], count: int) -> None:
    """Parts of an earlier, longer split of the same files would be uploaded by mistake."""
    stems = {s.path.stem for s in sources}
    pattern = re.compile(
        "(" + "|".join(map(re.escape, sorted(stems))) + r")-part(\d{3,})\.(csv|zip|json)"
    )
    for path in out_dir.iterdir():
        found = pattern.fullmatch(path.name)
        if found and int(found.group(2)) > count:
            path.unlink()
