"""`mapper fix`: a CSV rewritten into what Zoho accepts, with a report of every change."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mapper.cli.common import EXIT_FINDINGS, fail, load_settings, read_spec_file
from mapper.cli.compile import (
    build_options,
    compile_options,
    date_order,
    file_id_hint,
    parse_date_formats,
    report,
)

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.compile import Compilation, CompileOptions
    from mapper.diagnostics import Diagnostic
    from mapper.fix import FixOptions, FixPlan, FixReport

# the compile options that still mean something with --spec: how to read undecided dates
_DATE_DECIDERS = ("date_formats", "dayfirst", "monthfirst")


@click.command(name="fix")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path))
@partial(compile_options, module_required=False, file_id_required=False)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The fixed CSV (UTF-8, comma-separated); never the input.",
)  # fmt: skip
@click.option(
    "--spec", "spec_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Fix for this existing spec's mappings instead of matching the columns.",
)  # fmt: skip
@click.option(
    "--spec-out", type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the spec that reads the fixed CSV (with --module it is compiled, "
    "so it needs --file-id).",
)  # fmt: skip
@click.option(
    "--date-style", type=click.Choice(["zoho", "iso"]), default="zoho", show_default=True,
    help="Dates as Zoho's default MM/dd/yyyy, or yyyy-MM-dd; date-times always "
    "MM/dd/yyyy HH:mm:ss (the only date-time format Zoho documents).",
)  # fmt: skip
@click.option(
    "--neutralise-formulas", is_flag=True,
    help="Prefix an apostrophe to a text value that starts like a spreadsheet formula "
    "(otherwise it is only reported).",
)  # fmt: skip
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="The change report on stderr.",
)  # fmt: skip
def command(csv_path: Path, **opts: object) -> None:
    """Rewrite CSV's mapped values into what Zoho's bulk write accepts.

    Per column only what its field's type needs: dates into one listed pattern, numbers
    plain (1234.56; only where the column's convention is proven by its values), booleans
    true/false, multi-select values joined by ';', mapped values trimmed, spreadsheet
    formulas reported. Unmapped columns and untouched cells keep their text, and so does
    a value no rule can fix: the report on stderr names each with its line and column.
    Exit 1 when a value was left unfixed (the fixed file is written all the same).

    \b
    Examples:
      mapper fix deals.csv -m Deals -o deals.fixed.csv
      mapper fix leads.csv -m Leads --dayfirst -o leads.fixed.csv \\
          --file-id 4150868000005364001 --spec-out leads.json
      mapper fix leads.csv --spec leads.json -o leads.fixed.csv --spec-out leads.fixed.json
    """
    from mapper.fix import FixOptions

    settings = load_settings(opts["fields_path"], opts["layouts_path"], opts["api_version"])
    fix = FixOptions(str(opts["date_style"]), bool(opts["neutralise_formulas"]))
    _refuse_overwriting(csv_path, opts)
    if opts["children"]:
        fail("fix reads one CSV at a time", "fix each child CSV with its own --module")
    if opts["spec_path"] is not None:
        _fix_for_spec(csv_path, opts, settings.catalog, fix)
        return
    if not opts["module"]:
        fail("--module is required (or --spec to fix for an existing spec)")
    options = build_options(opts, settings.api_version)
    if opts["spec_out"] is not None and not options.file_id:
        fail(
            "--spec-out with --module compiles the spec: --file-id is required",
            file_id_hint(settings.api_version, os.environ.get("ZOHO_DC")),
        )
    result = run_fix(csv_path, opts["output"], options, settings.catalog, fix)
    spec_out = opts["spec_out"]
    if spec_out is None:
        _finish(result, opts, None)
        return
    compilation = compile_fixed_spec(opts["output"], options, settings.catalog, result)
    if compilation.ok:
        _write_json(spec_out, compilation.body)
    _finish(result, opts, str(spec_out) if compilation.ok else None, compilation.diagnostics)
    if not compilation.ok:
        raise click.exceptions.Exit(EXIT_FINDINGS)


def run_fix(
    csv_path: Path,
    output: Path,
    options: CompileOptions,
    catalog: Catalog,
    fix: FixOptions,
) -> FixReport:
    """Plan the columns as compile maps them, then fix the file (exit 2 on a failure)."""
    from mapper.fix import FixError, plan_for_module

    try:
        plan = plan_for_module(csv_path, options, catalog, fix)
        return _fixed(csv_path, output, plan, fix)
    except FixError as error:
        fail(error.message, error.hint)


def fix_then_compile(
    csv_path: Path, fixed_csv: Path, options: CompileOptions, catalog: Catalog, output_format: str
) -> tuple[Compilation, bool]:
    """`mapper compile --fix FILE`: fix CSV into FILE with compile's options (the change
    report on stderr, as text), then compile FILE; True when no value was left unfixed."""
    from mapper.fix import FixOptions
    from mapper.fix.report import render_text

    result = run_fix(csv_path, fixed_csv, options, catalog, FixOptions())
    if output_format == "text":
        click.echo(render_text(result), err=True, nl=False)
    return compile_fixed_spec(fixed_csv, options, catalog, result), result.clean


def _fixed(csv_path: Path, output: Path, plan: FixPlan, fix: FixOptions) -> FixReport:
    from mapper.fix import FixError, fix_file

    try:
        return fix_file(csv_path, output, plan, fix)
    except FixError as error:
        fail(error.message, error.hint)


def compile_fixed_spec(
    fixed_csv: Path, options: CompileOptions, catalog: Catalog, result: FixReport
) -> Compilation:
    """The compile of the fixed CSV (a refused option exits 2)."""
    from mapper.compile import CompileError
    from mapper.fix.spec import compile_fixed

    try:
        return compile_fixed(fixed_csv, options, catalog, result)
    except CompileError as error:
        fail(error.message, error.hint)


def _fix_for_spec(csv_path: Path, opts: dict, catalog: Catalog, fix: FixOptions) -> None:
    from mapper.cli.review import refuse_compile_options
    from mapper.fix import FixError, plan_for_spec
    from mapper.fix.spec import fixed_spec

    refuse_compile_options(
        opts,
        "--spec maps the columns; {flag} would change nothing",
        "leave it out, or fix with --module instead of --spec",
        allowed=_DATE_DECIDERS,
    )
    document = read_spec_file(opts["spec_path"])
    if not isinstance(document.body, dict):
        fail(f"{opts['spec_path']}: not a spec (run mapper check on it)")
    try:
        plan = plan_for_spec(
            csv_path, document.body, catalog, fix,
            date_formats=parse_date_formats(opts["date_formats"]),
            date_order=date_order(opts["dayfirst"], opts["monthfirst"]),
        )  # fmt: skip
    except FixError as error:
        fail(error.message, error.hint)
    result = _fixed(csv_path, opts["output"], plan, fix)
    spec_out = opts["spec_out"]
    if spec_out is not None:
        _write_json(spec_out, fixed_spec(document.body, result))
    _finish(result, opts, str(spec_out) if spec_out else None)


def _refuse_overwriting(csv_path: Path, opts: dict) -> None:
    inputs = [csv_path] + ([opts["spec_path"]] if opts["spec_path"] else [])
    resolved = {Path(p).resolve() for p in inputs}
    for target in (opts["output"], opts["spec_out"]):
        if target is not None and Path(target).resolve() in resolved:
            fail(f"{target} is one of the inputs; fix never overwrites its input")
    if (
        opts["spec_out"] is not None
        and Path(opts["spec_out"]).resolve() == Path(opts["output"]).resolve()
    ):
        fail("--spec-out and -o name the same file")


def _write_json(target: Path, body: dict) -> None:
    from mapper.compile import render_json
    from mapper.files import write_atomic

    try:
        write_atomic(Path(target), render_json(body).encode("utf-8"))
    except OSError as error:
        fail(f"cannot write {target}: {error.strerror or error}")


def _finish(
    result: FixReport, opts: dict, spec: str | None, findings: tuple[Diagnostic, ...] = ()
) -> None:
    """The change report on stderr (text: the spec's findings first, as compile prints
    them; JSON: one document holding them); exit 1 when a value is left unfixed."""
    from mapper.fix.report import RENDERERS

    output_format = str(opts["output_format"])
    if output_format == "text" and findings:
        report(findings, str(opts["spec_out"]))
    if output_format == "text" and opts["spec_out"] is not None and spec is None:
        click.echo("mapper: the fixed CSV is written, but no spec: errors above", err=True)
    click.echo(RENDERERS[output_format](result, spec, findings), err=True, nl=False)
    if not result.clean:
        raise click.exceptions.Exit(EXIT_FINDINGS)
