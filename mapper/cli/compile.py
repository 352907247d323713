"""`mapper compile`: a CSV and a module in, a checked bulk-write request body out."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mapper.cli.common import (
    EXIT_FINDINGS,
    api_version_option,
    fail,
    fields_option,
    layouts_option,
    load_settings,
)
from mapper.compile.options import ChildSpec, CompileError, CompileOptions
from mapper.diagnostics import Diagnostic, Severity, sorted_diagnostics
from mapper.zoho import (
    DATA_CENTRES,
    OPERATIONS,
    ORG_HEADER,
    UPLOAD_FEATURE_HEADER,
    UPLOAD_PATH,
    data_centre,
)

if TYPE_CHECKING:
    from mapper.catalog import Catalog
    from mapper.compile import Compilation


def file_id_hint(version: str, dc_code: str | None) -> str:
    """Where to get a file_id: the Upload API of the user's data centre (ZOHO_DC), or all."""
    path = UPLOAD_PATH.format(version=version)
    feature, value = UPLOAD_FEATURE_HEADER
    how = (
        f"with headers {feature}: {value} and {ORG_HEADER}: <your org's zgid>); "
        "its response holds the id in details.file_id"
    )
    try:
        host = data_centre(dc_code).upload if dc_code else None
    except KeyError:
        host = None
    if host is not None:
        return f"upload the CSV zipped to Zoho's Upload API (POST {host}{path} {how}"
    hosts = ", ".join(f"{dc.code} {dc.upload}" for dc in DATA_CENTRES.values())
    return (
        f"upload the CSV zipped to Zoho's Upload API (POST <upload host>{path} {how}; "
        f"the upload host by data centre (set ZOHO_DC to name yours): {hosts}"
    )


def parse_pair(value: str, option: str, *, split_at_last: bool) -> tuple[str, str]:
    """``"LEFT=RIGHT"`` with both sides non-empty; headers may hold "=" where values cannot."""
    left, sep, right = value.rpartition("=") if split_at_last else value.partition("=")
    if not sep or not left.strip() or not right.strip():
        fail(f"{option} {value!r}: expected LEFT=RIGHT", _PAIR_HINTS[option])
    return left.strip(), right.strip()


_PAIR_HINTS = {
    "--map": 'e.g. --map "E-mail=Email"',
    "--date-format": 'e.g. --date-format "Date of Birth=dd.MM.yyyy"',
    "--default": 'e.g. --default "Lead_Source=Trade Show"',
}


def parse_child(value: str) -> ChildSpec:
    """``CSV:MODULE:LINK_HEADER[=PARENT_HEADER]``; the path may itself hold colons."""
    parts = value.rsplit(":", 2)
    if len(parts) != 3 or not all(part.strip() for part in parts):
        fail(
            f"--child {value!r}: expected CSV:MODULE:LINK_HEADER",
            "e.g. --child notes.csv:Lead_Notes:Lead Ref, or LINK_HEADER=PARENT_HEADER "
            "when the parent names its key column differently",
        )
    path, module, link = (part.strip() for part in parts)
    link_header, _, parent_header = link.partition("=")
    return ChildSpec(Path(path), module, link_header.strip(), parent_header.strip() or None)


def parse_date_formats(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    from mapper.compile.formats import check_pattern

    pairs = tuple(parse_pair(v, "--date-format", split_at_last=True) for v in values)
    for header, pattern in pairs:
        problem = check_pattern(pattern)
        if problem:
            fail(f"--date-format {header}={pattern}: {problem}", "patterns are Java's: dd.MM.yyyy")
    return pairs


def compile_options(
    command: Callable[..., None], *, module_required: bool = True, file_id_required: bool = True
) -> Callable:
    """The options that say what to compile, shared by `compile` and `review`."""
    file_id_help = "details.file_id from Zoho's Upload API response"
    file_id_help += (
        " (required)." if file_id_required else " (optional: left out until the upload)."
    )
    options = [
        click.option(
            "-m", "--module", required=module_required,
            help="Target module API name (Leads, Contacts…).",
        ),
        click.option(
            "--operation", type=click.Choice(OPERATIONS), default="insert", show_default=True
        ),
        click.option("--find-by", help="Unique field that finds existing records (update/upsert)."),
        click.option("--file-id", help=file_id_help),
        api_version_option,
        fields_option,
        layouts_option,
        click.option(
            "--map", "maps", multiple=True, metavar="HEADER=API_NAME",
            help="Force a match. One of several same-named columns: HEADER#INDEX or @INDEX "
            "(0-based).",
        ),
        click.option(
            "--skip", multiple=True, metavar="HEADER",
            help="Leave a column out, silently (every column so named; HEADER#INDEX or @INDEX "
            "for one).",
        ),
        click.option(
            "--date-format", "date_formats", multiple=True, metavar="HEADER=PATTERN",
            help='Java date pattern of a column, e.g. "Born=dd.MM.yyyy".',
        ),
        click.option("--dayfirst", is_flag=True, help="Ambiguous dates: day first."),
        click.option("--monthfirst", is_flag=True, help="…or month first."),
        click.option(
            "--default", "defaults", multiple=True, metavar="API_NAME=VALUE",
            help="default_value of a field: for its empty cells, or every record when unmapped.",
        ),
        click.option("--ignore-empty", is_flag=True, help="Empty cells leave the CRM value as is."),
        click.option("--callback-url", help="Zoho posts the job's details here when it ends."),
        click.option(
            "--layout", help="Layout name or id for every record (name needs --layouts)."
        ),
        click.option("--layout-column", metavar="HEADER", help="Column of layout names."),
        click.option("--parent-id-column", metavar="HEADER", help="Subform: column of parent ids."),
        click.option(
            "--parent-find-by", default="id", show_default=True, metavar="FIELD",
            help="How --parent-id-column finds the parent record.",
        ),
        click.option(
            "--child", "children", multiple=True, metavar="CSV:MODULE:LINK_HEADER",
            help="Child CSV of a parent-child job; LINK_HEADER=PARENT_HEADER when names differ.",
        ),
        click.option(
            "--threshold", type=click.FloatRange(0, 1), help="Lowest match confidence used."
        ),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


@click.command(name="compile")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path))
@compile_options
@click.option("-o", "--output", default="-", show_default=True, help="Spec file; - is stdout.")
@click.option(
    "--zip",
    "zip_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the CSV(s) into this zip, ready for the Upload API.",
)
@click.option("--explain/--no-explain", default=None, help="Mapping table on stderr.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="The findings on stderr (every left-out column among them): text, or the JSON "
    "document of `mapper check --format json`.",
)
@click.option(
    "--fix",
    "fix_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="First rewrite CSV's values into what Zoho accepts (as `mapper fix` does) into this "
    "file, then compile the spec for it.",
)
@click.option(
    "--review",
    "review_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the review page (HTML) here, spec or not.",
)
def command(csv_path: Path, **opts: object) -> None:
    """Compile CSV into a bulk-write job spec for --module, checked before it is written.

    \b
    Examples:
      mapper compile leads.csv -m Leads --file-id 4150868000005364001 -o leads.json
      mapper compile contacts.csv -m Contacts --operation upsert --find-by Email \\
          --file-id 4150868000005364002 --explain
    """
    settings = load_settings(opts["fields_path"], opts["layouts_path"], opts["api_version"])
    if not opts["file_id"]:
        fail("--file-id is required", file_id_hint(settings.api_version, os.environ.get("ZOHO_DC")))
    options = build_options(opts, settings.api_version)
    if opts["fix_path"] is not None:
        from mapper.cli.fix import fix_then_compile

        outputs = [Path(opts["output"])] if opts["output"] != "-" else []
        for target in [*outputs, *([opts["zip_path"]] if opts["zip_path"] else [])]:
            if target.resolve() in {csv_path.resolve(), Path(opts["fix_path"]).resolve()}:
                fail(f"{target} is the CSV or the --fix file; refusing to overwrite it")
        compilation, fixed = fix_then_compile(
            csv_path, opts["fix_path"], options, settings.catalog, opts["output_format"]
        )
    else:
        compilation, fixed = run_compile(csv_path, options, settings.catalog), True
    if opts["review_path"] is not None:
        from mapper.cli.review import write_review

        write_review(compilation, options, settings.catalog, opts["review_path"])
    if opts["explain"] if opts["explain"] is not None else stderr_is_terminal():
        click.echo(explain_text(compilation), err=True, nl=False)
    spec_name = "<stdout>" if opts["output"] == "-" else opts["output"]
    report(compilation.diagnostics, spec_name, opts["output_format"])
    text = opts["output_format"] == "text"  # else the JSON on stderr stays one document
    if compilation.needs_split and not compilation.ok:
        # the verdict is check's (an error), but the spec is what each part needs
        refuse_overwriting_inputs(compilation, opts["output"], None)
        write_outputs(compilation, opts["output"], None)
        if text:
            click.echo(
                "mapper: spec written, but not the zip: split the CSV before the upload "
                f"(mapper split {csv_path} --spec SPEC --out-dir DIR)",
                err=True,
            )
        raise click.exceptions.Exit(EXIT_FINDINGS)
    if not compilation.ok:
        errors = sum(d.severity is Severity.ERROR for d in compilation.diagnostics)
        if text:
            click.echo(f"mapper: no spec written: {errors} error(s) above", err=True)
        raise click.exceptions.Exit(EXIT_FINDINGS)
    refuse_overwriting_inputs(compilation, opts["output"], opts["zip_path"])
    write_outputs(compilation, opts["output"], opts["zip_path"])
    if not fixed:
        if text:
            click.echo(
                f"mapper: spec written, but {opts['fix_path']} still holds values fix left "
                "as they were (listed above)",
                err=True,
            )
        raise click.exceptions.Exit(EXIT_FINDINGS)


def refuse_overwriting_inputs(compilation: Compilation, output: str, zip_path: Path | None) -> None:
    inputs = {path.resolve() for _, path in compilation.files}
    targets = [Path(output)] if output != "-" else []
    for target in [*targets, *([zip_path] if zip_path else [])]:
        if target.resolve() in inputs:
            fail(f"{target} is one of the input CSVs; refusing to overwrite it")


def stderr_is_terminal() -> bool:
    """The table is for people: shown unasked only when someone watches stderr."""
    return sys.stderr.isatty()


def build_options(opts: dict, api_version: str) -> CompileOptions:
    return CompileOptions(
        module=opts["module"],
        file_id=opts["file_id"],
        operation=opts["operation"],
        find_by=opts["find_by"],
        api_version=api_version,
        overrides=tuple(parse_pair(v, "--map", split_at_last=True) for v in opts["maps"]),
        skip=tuple(opts["skip"]),
        date_formats=parse_date_formats(opts["date_formats"]),
        date_order=date_order(opts["dayfirst"], opts["monthfirst"]),
        defaults=tuple(parse_pair(v, "--default", split_at_last=False) for v in opts["defaults"]),
        ignore_empty=opts["ignore_empty"],
        callback_url=opts["callback_url"],
        layout=opts["layout"],
        layout_column=opts["layout_column"],
        parent_id_column=opts["parent_id_column"],
        parent_find_by=opts["parent_find_by"],
        children=tuple(parse_child(v) for v in opts["children"]),
        threshold=opts["threshold"],
    )


def date_order(dayfirst: bool, monthfirst: bool) -> str | None:
    if dayfirst and monthfirst:
        fail(
            "--dayfirst and --monthfirst contradict each other",
            'give one, or set each column with --date-format "HEADER=PATTERN"',
        )
    return "dayfirst" if dayfirst else "monthfirst" if monthfirst else None


def run_compile(csv_path: Path, options: CompileOptions, catalog: Catalog) -> Compilation:
    from mapper.compile import compile_spec

    try:
        return compile_spec(csv_path, options, catalog)
    except CompileError as error:
        fail(error.message, error.hint)
    except (OSError, UnicodeError) as error:
        fail(f"cannot read {csv_path}: {error}")


def report(
    diagnostics: tuple[Diagnostic, ...], spec_name: str, output_format: str = "text"
) -> None:
    """Findings on stderr, since stdout may carry the spec; spec findings under its name.
    JSON is written even when there are none, so a script can always parse it."""
    from mapper.compile.core import SPEC_PATH
    from mapper.report import FORMATTERS, RenderOptions, Report

    named = tuple(replace(d, path=spec_name) if d.path == SPEC_PATH else d for d in diagnostics)
    formatter = FORMATTERS[output_format]
    text = formatter(Report(sorted_diagnostics(named), files=1), RenderOptions(quiet=True))
    click.echo(text, err=True, nl=False)


def write_outputs(compilation: Compilation, output: str, zip_path: Path | None) -> None:
    from mapper.compile import render_json
    from mapper.files import write_atomic, write_zip_atomic

    text = render_json(compilation.body)
    if zip_path is not None:
        _writing(zip_path, lambda: write_zip_atomic(zip_path, compilation.files))
    if output == "-":
        click.echo(text, nl=False)
    else:
        _writing(Path(output), lambda: write_atomic(Path(output), text.encode("utf-8")))


def _writing(target: Path, write: Callable[[], None]) -> None:
    """Run ``write``; a failure names the target, not the temporary file beside it."""
    try:
        write()
    except OSError as error:
        reason = error.strerror or str(error)
        hint = None if target.parent.is_dir() else f"the folder {target.parent} does not exist"
        fail(f"cannot write {target}: {reason}", hint)


def explain_text(compilation: Compilation) -> str:
    from mapper.compile.explain import render_explain

    return render_explain(compilation)
