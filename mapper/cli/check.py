"""`mapper check SPEC...`: lint job specs; findings on stdout, exit 0/1/2."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import click

from mapper.catalog import Catalog
from mapper.check import check
from mapper.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    api_version_option,
    fail,
    fields_option,
    layouts_option,
    load_settings,
    read_spec_file,
)
from mapper.config import Config
from mapper.diagnostics import Diagnostic, has_errors
from mapper.report import FORMATTERS, RenderOptions, Report
from mapper.spec import SpecDocument, parse_spec
from mapper.zoho import DEFAULT_API_VERSION

STDIN = "-"


@dataclass(frozen=True)
class CheckOptions:
    api_version: str = DEFAULT_API_VERSION
    output_format: str = "text"
    exit_zero: bool = False
    quiet: bool = False
    # None: the rules use the built-in standard catalog
    catalog: Catalog | None = None
    # --csv / --report; without --csv, [tool.mapper.csv] pairs a spec with its CSV
    csv: Path | None = None
    report: Path | None = None
    config: Config | None = None


@click.command(
    name="check",
    epilog="Exit status: 0 no errors, 1 errors found, 2 usage or input failure "
    "(missing or unreadable file): then stderr names the file and stdout stays empty, "
    "no report in any --format.",
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
@click.option(
    "--csv", "csv_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="The CSV the spec's first resource reads: check its rows too (BW6xx, BW7xx). "
    "A parent-child job's child CSVs are found next to it by their file_names.",
)  # fmt: skip
@click.option(
    "--report", "report_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="With a CSV: write the predicted Zoho result file (STATUS, ERRORS) of that CSV "
    "(not of child CSVs) here.",
)  # fmt: skip
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings, no summary.")
def command(
    specs: tuple[str, ...],
    api_version: str | None,
    output_format: str,
    fields_path: Path | None,
    layouts_path: Path | None,
    csv_path: Path | None,
    report_path: Path | None,
    exit_zero: bool,
    quiet: bool,
) -> None:
    """Lint Zoho CRM bulk-write job specs (the inputData.json body); "-" reads stdin."""
    settings = load_settings(fields_path, layouts_path, api_version)
    if report_path is not None and csv_path is None and not settings.config.csv:
        fail("--report needs --csv (or a [tool.mapper.csv] pairing)")
    if (csv_path is not None or report_path is not None) and len(specs) != 1:
        fail(
            f"--csv and --report apply to one SPEC, got {len(specs)}",
            'pair several specs with their CSVs in [tool.mapper.csv], e.g. "a.json" = "a.csv"',
        )
    options = CheckOptions(
        settings.api_version, output_format, exit_zero, quiet, settings.catalog,
        csv_path, report_path, settings.config,
    )  # fmt: skip
    if report_path is not None:
        _refuse_overwriting_inputs(report_path, specs[0], options)
    raise click.exceptions.Exit(run(specs, options))


def run(specs: tuple[str, ...], options: CheckOptions) -> int:
    """Check every spec, print one report, return the exit status."""
    diagnostics: list[Diagnostic] = []
    for spec in specs:
        diagnostics.extend(_check(_read(spec), _csv_for(spec, options), options))
    report = Report(tuple(diagnostics), files=len(specs))
    # machine formats are never coloured
    color = options.output_format == "text" and use_color(sys.stdout, os.environ)
    render_options = RenderOptions(color=color, quiet=options.quiet)
    click.echo(FORMATTERS[options.output_format](report, render_options), nl=False, color=True)
    if has_errors(diagnostics) and not options.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def _refuse_overwriting_inputs(report: Path, spec: str, options: CheckOptions) -> None:
    """The report is written over whatever is there: never over the run's own inputs."""
    inputs = [_csv_for(spec, options), None if spec == STDIN else Path(spec)]
    for path in inputs:
        if path is not None and _same_file(report, path):
            fail(
                f"--report {report} would overwrite the input {path}", "write the report elsewhere"
            )


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        # one of them does not exist yet: compare where they would be
        return first.resolve() == second.resolve()


def _csv_for(spec: str, options: CheckOptions) -> Path | None:
    if options.csv is not None:
        return options.csv
    if options.config is None or spec == STDIN:
        return None
    return options.config.csv_for(Path(spec))


def _check(
    document: SpecDocument, csv_path: Path | None, options: CheckOptions
) -> list[Diagnostic]:
    if csv_path is None:
        return check(document, api_version=options.api_version, catalog=options.catalog)
    return _check_with_csv(document, csv_path, options)


def _check_with_csv(
    document: SpecDocument, csv_path: Path, options: CheckOptions
) -> list[Diagnostic]:
    """The spec and its CSV's rows; a missing CSV or unwritable report ends the run."""
    from mapper.arrays import keep_pandas_out_of_pyarrow
    from mapper.csvfile import CsvError

    if not csv_path.is_file():
        fail(f"{csv_path}: no such file", "check --csv or the [tool.mapper.csv] pairing")
    keep_pandas_out_of_pyarrow()
    try:
        return check(
            document,
            api_version=options.api_version,
            catalog=options.catalog,
            csv_path=csv_path,
            report=options.report,
        )
    except CsvError as error:
        fail(f"cannot read {csv_path}: {error}")
    except OSError as error:
        failed = f"write the report {options.report}" if options.report else f"read {csv_path}"
        fail(f"cannot {failed}: {error.strerror or error}")


def _read(spec: str) -> SpecDocument:
    if spec == STDIN:
        return parse_spec(sys.stdin.buffer.read(), "<stdin>")
    return read_spec_file(spec, "pass the JSON files, e.g. dir/*.json")


def use_color(stream: IO[str], environ: dict[str, str] | os._Environ[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything non-empty."""
    if environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
