"""`mapper check SPEC...`: lint job specs; findings on stdout, exit 0/1/2."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import click

from mapper.catalog import Catalog
from mapper.check import check_document
from mapper.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    api_version_option,
    fail,
    fields_option,
    layouts_option,
    load_settings,
)
from mapper.diagnostics import Diagnostic, has_errors
from mapper.report import FORMATTERS, RenderOptions, Report
from mapper.rules import DEFAULT_API_VERSION
from mapper.spec import SpecDocument, parse_spec, read_spec

STDIN = "-"


@dataclass(frozen=True)
class CheckOptions:
    api_version: str = DEFAULT_API_VERSION
    output_format: str = "text"
    exit_zero: bool = False
    quiet: bool = False
    # None: the rules use the built-in standard catalog
    catalog: Catalog | None = None


@click.command(
    name="check",
    epilog="Exit status: 0 no errors, 1 errors found, 2 usage or input failure "
    "(missing or unreadable file).",
)
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@api_version_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATTERS)),
    default="text",
    show_default=True,
    help="Output format of the findings.",
)
@fields_option
@layouts_option
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings, no summary.")
def command(
    specs: tuple[str, ...],
    api_version: str | None,
    output_format: str,
    fields_path: Path | None,
    layouts_path: Path | None,
    exit_zero: bool,
    quiet: bool,
) -> None:
    """Lint Zoho CRM bulk-write job specs (the inputData.json body); "-" reads stdin."""
    settings = load_settings(fields_path, layouts_path, api_version)
    options = CheckOptions(settings.api_version, output_format, exit_zero, quiet, settings.catalog)
    raise click.exceptions.Exit(run(specs, options))


def run(specs: tuple[str, ...], options: CheckOptions) -> int:
    """Check every spec, print one report, return the exit status."""
    diagnostics: list[Diagnostic] = []
    for spec in specs:
        document = _read(spec)
        diagnostics.extend(
            check_document(document, api_version=options.api_version, catalog=options.catalog)
        )
    report = Report(tuple(diagnostics), files=len(specs))
    # machine formats are never coloured
    color = options.output_format == "text" and use_color(sys.stdout, os.environ)
    render_options = RenderOptions(color=color, quiet=options.quiet)
    click.echo(FORMATTERS[options.output_format](report, render_options), nl=False, color=True)
    if has_errors(diagnostics) and not options.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def _read(spec: str) -> SpecDocument:
    if spec == STDIN:
        return parse_spec(sys.stdin.buffer.read(), "<stdin>")
    path = Path(spec)
    if path.is_dir():
        fail(f"{spec} is a directory, not a spec file", "pass the JSON files, e.g. dir/*.json")
    if not path.exists():
        fail(f"{spec}: no such file")
    try:
        return read_spec(path)
    except OSError as error:
        fail(f"cannot read {spec}: {error.strerror or error}")


def use_color(stream: IO[str], environ: dict[str, str] | os._Environ[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything non-empty."""
    if environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
