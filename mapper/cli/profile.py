"""`mapper profile CSV [--format table|json]`: each column's kind and exact date pattern."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mapper.cli.common import fail, output_format_option
from mapper.texttable import render_table

if TYPE_CHECKING:
    from mapper.profile import Profile, Progress

BAR_WIDTH = 30
EXAMPLE_WIDTH = 40
DELIMITER_NAMES = {",": "comma", ";": "semicolon", ":": "colon", "|": "pipe", "\t": "tab"}


@click.command(name="profile")
@click.argument("csv_path", metavar="CSV", type=click.Path(path_type=Path))
@output_format_option(
    "A readable table, or the JSON contract scripts and `mapper compile` rely on."
)
def command(csv_path: Path, output_format: str) -> None:
    """Profile CSV over every row: encoding, delimiter, header, and per column its kind,
    the Java date pattern the values prove (or the candidates when they cannot), counts
    and examples.
    """
    from mapper.csvfile import CsvError
    from mapper.profile import profile

    progress = _progress_bar()
    try:
        result = profile(csv_path, progress=progress)
    except CsvError as error:
        fail(str(error))
    finally:
        if progress:
            click.echo("\r\033[K", err=True, nl=False)
    if output_format == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(profile_table(result))


def _progress_bar() -> Progress | None:
    """A bar on stderr for a person watching a terminal; never in hooks or CI."""
    if not sys.stderr.isatty() or os.environ.get("PRE_COMMIT") or os.environ.get("CI"):
        return None

    def report(done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        click.echo(f"\rprofile [{bar}] {100 * done // max(total, 1):3d}%", err=True, nl=False)

    return report


def profile_table(result: Profile) -> str:
    """The profile as aligned text: a summary line, one row per column, then warnings."""
    delimiter = DELIMITER_NAMES.get(result.delimiter, repr(result.delimiter))
    lines = [
        f"{result.path}: {_count(result.rows, 'row')}, {_count(len(result.columns), 'column')}, "
        f"{result.encoding}, {delimiter}-separated, "
        + ("header row" if result.header else "no header row"),
        "",
    ]
    rows = [("index", "header", "kind", "format", "non-empty", "distinct", "examples")]
    for column in result.columns:
        rows.append(
            (
                str(column.index),
                column.header if column.header is not None else "-",
                column.kind,
                _format_cell(column.format, column.candidates, column.ambiguous),
                f"{column.non_empty:,}",
                f"{column.distinct:,}" + ("+" if column.distinct_capped else ""),
                _examples(column.examples),
            )
        )
    lines.append(render_table(rows))
    if result.warnings:
        lines += ["", "warnings:"] + [f"  - {warning}" for warning in result.warnings]
    return "\n".join(line.rstrip() for line in lines)


def _format_cell(pattern: str | None, candidates: tuple[str, ...], ambiguous: bool) -> str:
    if pattern:
        return pattern
    if ambiguous:
        return "ambiguous: " + " | ".join(candidates)
    return "-"


def _examples(examples: tuple[str, ...]) -> str:
    text = ", ".join(" ".join(example.split()) for example in examples)
    return text if len(text) <= EXAMPLE_WIDTH else text[: EXAMPLE_WIDTH - 1] + "…"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
