"""`mapper review`: the page a CRM admin approves an import on, as one HTML file."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mapper.cli.common import EXIT_FINDINGS, fail, load_settings
from mapper.cli.compile import _writing, build_options, compile_options, run_compile

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.compile import Compilation, CompileOptions
    from mapper.review import Review


@click.command(name="review")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path))
@partial(compile_options, module_required=False, file_id_required=False)
@click.option(
    "--spec",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Review this existing spec instead of compiling one.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
def command(csv_path: Path, **opts: object) -> None:
    """Write a review page for CSV: columns, chosen fields and why, predicted rows.

    Compiles CSV as `mapper compile` would (same options), or, with --spec, reviews an
    existing spec against CSV. The page is one HTML file with nothing to load: open it
    in a browser, print it or attach it to a ticket. Exit 1 when it shows errors.

    \b
    Examples:
      mapper review contacts.csv -m Contacts --operation upsert --find-by Email -o review.html
      mapper review contacts.csv --spec contacts.json -o review.html
    """
    settings = load_settings(opts["fields_path"], opts["layouts_path"], opts["api_version"])
    inputs = [csv_path] + ([opts["spec"]] if opts["spec"] else [])
    _refuse_inputs(opts["output"], inputs)
    if opts["spec"] is not None:
        refuse_compile_options(
            opts,
            "--spec reviews the spec as written; {flag} would change nothing",
            "leave it out, or review a fresh compile without --spec",
        )
        review = _review_spec(opts["spec"], csv_path, settings.catalog, settings.api_version)
    else:
        if not opts["module"]:
            fail("--module is required (or --spec to review an existing spec)")
        options = build_options(opts, settings.api_version)
        compilation = run_compile(csv_path, options, settings.catalog)
        review = _reviewed(compilation, options, settings.catalog)
    _write_page(review, opts["output"])
    click.echo(f"mapper: review written to {opts['output']}", err=True)
    if review.job_errors:
        raise click.exceptions.Exit(EXIT_FINDINGS)


def write_review(
    compilation: Compilation, options: CompileOptions, catalog: Catalog, output: Path
) -> None:
    """`mapper compile … --review FILE`: the page beside the spec."""
    _refuse_inputs(output, [path for _, path in compilation.files])
    _write_page(_reviewed(compilation, options, catalog), output)


def _reviewed(compilation: Compilation, options: CompileOptions, catalog: Catalog) -> Review:
    from mapper.csvfile import CsvError
    from mapper.review import review_compilation

    try:
        return review_compilation(compilation, options, catalog)
    except CsvError as error:
        fail(str(error))


def _review_spec(spec: Path, csv_path: Path, catalog: Catalog, api_version: str) -> Review:
    from mapper.csvfile import CsvError
    from mapper.review import review_spec

    for path in (spec, csv_path):
        if not path.is_file():
            fail(f"no such file: {path}")
    try:
        return review_spec(spec, csv_path, catalog, api_version=api_version)
    except CsvError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot read {error.filename or spec}: {error.strerror or error}")


# what only a compile reads, with the value each has when not given
COMPILE_ONLY = {
    "module": None, "operation": "insert", "find_by": None, "file_id": None, "maps": (),
    "skip": (), "date_formats": (), "dayfirst": False, "monthfirst": False, "defaults": (),
    "ignore_empty": False, "callback_url": None, "layout": None, "layout_column": None,
    "parent_id_column": None, "parent_find_by": "id", "children": (), "threshold": None,
}  # fmt: skip


def refuse_compile_options(opts: dict, why: str, hint: str, allowed: tuple[str, ...] = ()) -> None:
    """A spec already says what compiling would decide: a compile option given with it
    (but ``allowed``) is a mistake, named as ``--FLAG {why}``."""
    given = [n for n, unset in COMPILE_ONLY.items() if n not in allowed and opts[n] != unset]
    if given:
        fail(f"{why.format(flag=option_flag(given[0]))}", hint)


def option_flag(name: str) -> str:
    plural = {"maps": "map", "date_formats": "date_format", "defaults": "default"}
    return "--" + plural.get(name, "child" if name == "children" else name).replace("_", "-")


def _refuse_inputs(output: Path, inputs: list[Path]) -> None:
    if Path(output).resolve() in {Path(p).resolve() for p in inputs}:
        fail(f"{output} is one of the inputs; refusing to overwrite it")


def _write_page(review: Review, output: Path) -> None:
    from mapper.files import write_atomic
    from mapper.review import render_html

    page = render_html(review).encode("utf-8")
    _writing(Path(output), lambda: write_atomic(Path(output), page))
