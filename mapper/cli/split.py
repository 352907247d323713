"""`mapper split CSV --spec SPEC --out-dir DIR`: uploadable parts, a zip and a spec each."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mapper.cli.common import fail, read_spec_file
from mapper.files import DEFAULT_ZIP_LEVEL
from mapper.zoho import MAX_ROWS, MAX_ZIP_BYTES

MAX_ZIP_MB = MAX_ZIP_BYTES / 2**20


@click.command(name="split")
@click.argument("csv_path", metavar="CSV", type=click.Path(path_type=Path))
@click.option(
    "--spec", "spec_path", required=True, type=click.Path(path_type=Path),
    help="The job spec whose first resource reads CSV.",
)  # fmt: skip
@click.option(
    "--out-dir", required=True, type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the parts (created if missing).",
)  # fmt: skip
@click.option(
    "--child", "children", multiple=True, type=click.Path(path_type=Path),
    help="A child CSV of a parent-child job (repeatable); its rows follow their parent.",
)  # fmt: skip
@click.option(
    "--max-rows", type=click.IntRange(min=1), default=MAX_ROWS, show_default=True,
    help="Most data rows per CSV in a part.",
)  # fmt: skip
@click.option(
    "--max-zip-mb", type=click.FloatRange(min=0.001), default=MAX_ZIP_MB, show_default=True,
    help="Largest zip of a part, in MB (2^20 bytes).",
)  # fmt: skip
@click.option(
    "--zip-level", type=click.IntRange(0, 9), default=DEFAULT_ZIP_LEVEL, show_default=True,
    help="Deflate level of the zips: 1 is fastest, 9 smallest, 0 stores; 6 is zip's default.",
)  # fmt: skip
def command(
    csv_path: Path,
    spec_path: Path,
    out_dir: Path,
    children: tuple[Path, ...],
    max_rows: int,
    max_zip_mb: float,
    zip_level: int,
) -> None:
    """Split CSV (and --child CSVs) into parts within Zoho's limits: rows and zip size.

    Each part gets DIR/<name>-partNNN.csv (the header repeated, the records copied as
    written), a zip of its CSVs, and a spec with the same mappings (file_names adjusted).
    Each part's spec has a placeholder file_id, which `mapper check` reports (BW103):
    upload each zip and put the file_id Zoho returns into that part's spec.
    """
    from mapper.split import SplitError, split

    body = _read_body(spec_path)
    for path in (csv_path, *children):
        if not path.is_file():
            fail(f"{path}: no such file" if not path.exists() else f"{path} is not a file")
    try:
        chunks = split(
            body, csv_path, out_dir, children=children, max_rows=max_rows,
            max_zip_bytes=int(max_zip_mb * 2**20), zip_level=zip_level, progress=_progress(),
        )  # fmt: skip
    except SplitError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot write to {out_dir}: {error.strerror or error}")
    _clear_progress()
    for chunk in chunks:
        rows = " + ".join(f"{n:,}" for n in chunk.rows)
        click.echo(f"{chunk.zip_path}\t{chunk.spec_path}\t{rows} rows")
    click.echo(_summary(len(chunks)), err=True)


def _summary(parts: int) -> str:
    written = "1 part" if parts == 1 else f"{parts:,} parts"
    return (
        f"split: {written} written; each spec's file_id is a placeholder (BW103 until "
        "replaced): upload the part's zip and put the file_id Zoho returns in its spec"
    )


def _read_body(spec_path: Path) -> dict:
    document = read_spec_file(spec_path)
    if not isinstance(document.body, dict):
        problem = document.problems[0].message if document.problems else "not a JSON object"
        fail(f"{spec_path}: {problem}", "run `mapper check` on the spec first")
    return document.body


def _progress():
    """Rows done, on stderr, when a person watches it (a terminal)."""
    if not sys.stderr.isatty():
        return None

    def report(rows: int) -> None:
        click.echo(f"\rsplit: {rows:,} rows read", err=True, nl=False)

    return report


def _clear_progress() -> None:
    if sys.stderr.isatty():
        click.echo("\r\033[K", err=True, nl=False)
