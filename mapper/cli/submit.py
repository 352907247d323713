"""`mapper submit`: compile (or take a spec), gate on every check, send the parts to Zoho,
wait for their jobs and explain the result row by row."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from mapper.cli.common import EXIT_FINDINGS, fail, load_settings
from mapper.cli.compile import build_options, compile_options, report, run_compile
from mapper.cli.zoho_options import credentials_from, zoho_fail, zoho_flags, zoho_options
from mapper.diagnostics import Severity

if TYPE_CHECKING:
    from mapper.submit import PartState, Submission, SubmitPlan, SubmitResult

EXIT_INTERRUPTED = 130


def poll_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """How long and how often a job is polled; shared with `mapper status`."""
    options = [
        click.option(
            "--poll-interval",
            type=click.FloatRange(min=0.01),
            default=2.0,
            show_default=True,
            metavar="SECONDS",
            help="First wait between polls of a job; each wait grows by half, up to 30 s.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=1),
            default=12 * 3600,
            show_default=True,
            metavar="SECONDS",
            help="Stop polling a job after this long (`mapper status` waits on).",
        ),
        click.option(
            "--result-out",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Every source row with Zoho's STATUS, RECORD_ID and ERRORS, then its "
            "columns (a child CSV's rows: its name before the suffix, result.CHILD.csv).",
        ),
        click.option(
            "--failed-out",
            type=click.Path(dir_okay=False, path_type=Path),
            help="The source rows Zoho did not add or update, under the original header "
            "(a child CSV's: failed.CHILD.csv).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command(name="submit")
@click.argument("input_path", metavar="CSV|SPEC", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="INPUT is a spec (inputData.json) and this its CSV; children are found by "
    "file_names next to it.",
)
@partial(compile_options, module_required=False, file_id_required=False)
@poll_options
@click.option("--force", is_flag=True, help="Send even when the checks find errors.")
@click.option("--dry-run", is_flag=True, help="Check and cut into parts; print what would be sent.")
@click.option("--new", is_flag=True, help="A new submission even if this input was sent before.")
@click.option(
    "--resend-lost",
    is_flag=True,
    help="Create again the jobs whose create request lost its answer (check Zoho first).",
)
@zoho_options
def command(input_path: Path, **opts: Any) -> None:
    """Send CSV to Zoho as a bulk-write job for --module (or SPEC with --csv) and explain
    Zoho's answer row by row.

    The job is compiled and checked first (pre-flight included): any error stops it unless
    --force. Over 25,000 rows or 25 MB it goes as several parts, one job each. Every step
    is kept in the job ledger, so after Ctrl-C or a crash `mapper status` finishes it, and
    running the same submit again creates no second job.

    \b
    Exit codes: 0 every row added or updated; 1 a row or a job failed, or the checks
    stopped it; 2 usage, credentials or network; 130 interrupted (the jobs go on).
    \b
    Examples:
      mapper submit leads.csv -m Leads --result-out result.csv --failed-out failed.csv
      mapper submit leads.inputData.json --csv leads.csv --dry-run
    """
    flags = zoho_flags(opts)
    if opts["file_id"]:
        fail("--file-id is not for submit", "submit uploads the CSV and uses its own file_id")
    plan = _plan(input_path, opts)
    _gate(plan, opts["force"])
    if opts["dry_run"]:
        _dry_run(plan)
        return
    from mapper.submit import PollPolicy, submit

    policy = PollPolicy(first=opts["poll_interval"], timeout=opts["timeout"])
    with zoho_client(flags, opts["api_version"]) as client:
        result = run_trip(
            lambda on_step: submit(
                plan,
                client,
                result_out=opts["result_out"],
                failed_out=opts["failed_out"],
                new=opts["new"],
                resend_lost=opts["resend_lost"],
                policy=policy,
                on_step=on_step,
            )
        )
    finish(result)


def _plan(input_path: Path, opts: dict[str, Any]) -> SubmitPlan:
    from mapper.submit import PrepareError, plan_compiled, plan_spec

    settings = load_settings(opts["fields_path"], opts["layouts_path"], opts["api_version"])
    opts["api_version"] = settings.api_version
    try:
        if opts["csv_path"] is not None:
            from mapper.cli.review import refuse_compile_options

            refuse_compile_options(
                opts,
                "--csv sends the spec as written; {flag} would change nothing",
                "leave it out, or submit the CSV with --module instead of a spec",
            )
            document = _spec(input_path)
            return plan_spec(document, opts["csv_path"], settings.catalog, settings.api_version)
        if not opts["module"]:
            fail("--module is required for a CSV", "or give a spec with --csv CSV")
        options = build_options(opts, settings.api_version)
        compilation = run_compile(input_path, options, settings.catalog)
        if compilation.body is None:
            report(compilation.diagnostics, "<spec>")
            click.echo("mapper: nothing sent: the compile stopped (errors above)", err=True)
            raise click.exceptions.Exit(EXIT_FINDINGS)
        return plan_compiled(compilation, settings.catalog)
    except PrepareError as error:
        fail(str(error))


def _spec(path: Path) -> Any:
    from mapper.cli.common import read_spec_file

    document = read_spec_file(path)
    if not document.parsed:
        report(document.problems, str(path))
        click.echo(f"mapper: nothing sent: {path} is not valid JSON", err=True)
        raise click.exceptions.Exit(EXIT_FINDINGS)
    return document.body


def _gate(plan: SubmitPlan, force: bool) -> None:
    report(plan.diagnostics, "<spec>")
    if not plan.blocked:
        return
    errors = sum(d.severity is Severity.ERROR for d in plan.diagnostics)
    if force:
        click.echo(f"mapper: --force: sending despite {errors} error(s) above", err=True)
        return
    click.echo(
        f"mapper: nothing sent: {errors} error(s) above (fix them, or --force to send anyway)",
        err=True,
    )
    raise click.exceptions.Exit(EXIT_FINDINGS)


def _dry_run(plan: SubmitPlan) -> None:
    from mapper.compile import render_json
    from mapper.submit import PrepareError
    from mapper.submit.prepare import cut_parts, part_body

    with tempfile.TemporaryDirectory(prefix="mapper-dry-run-") as work:
        try:
            parts = cut_parts(plan, Path(work))
        except PrepareError as error:
            fail(str(error))
        click.echo(f"would send {len(parts)} part(s), one job each:")
        for part in parts:
            size = Path(part.zip_path).stat().st_size
            names = ", ".join(part.csv_names)
            click.echo(f"  part {part.number}: {names}: {part.rows:,} rows, zip {size:,} bytes")
        body = part_body(Path(parts[0].zip_path).with_suffix(".json"), "<file_id of the upload>")
        click.echo("the job body of part 1 (each part's file_id comes from its upload):")
        click.echo(render_json(body), nl=False)


def zoho_client(flags: dict[str, str | None], api_version: str) -> Any:
    from mapper.zohoapi import ZohoClient

    return ZohoClient(credentials_from(flags), api_version=api_version)


def run_trip(run: Callable[[Callable[..., None]], SubmitResult]) -> SubmitResult:
    """Run one trip with progress on stderr; every failure a message and its exit code."""
    from mapper.submit import LedgerError, PrepareError, ResultError
    from mapper.zohoapi import ZohoError

    progress = Progress()
    try:
        return run(progress)
    except ZohoError as error:
        progress.end()
        zoho_fail(error)
    except (LedgerError, PrepareError, ResultError) as error:
        progress.end()
        fail(str(error))
    except KeyboardInterrupt:
        progress.end()
        interrupted(progress.submission)


def interrupted(submission: Submission | None) -> NoReturn:
    where = f" {submission.id}" if submission is not None else ""
    click.echo(
        f"mapper: interrupted: jobs already created go on at Zoho; `mapper status{where}` "
        "waits for them and fetches their results",
        err=True,
    )
    raise click.exceptions.Exit(EXIT_INTERRUPTED)


class Progress:
    """Each step on stderr; while a job runs, its processed/total on a terminal only."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()
        self.submission: Submission | None = None
        self.open_line = False

    def __call__(self, submission: Submission, part: PartState, event: str) -> None:
        self.submission = submission
        where = f"part {part.number}/{len(submission.parts)}"
        if event == "polled":
            if self.live:
                total = f"{part.total:,}" if part.total is not None else "?"
                line = f"{where}, job {part.job_id}: {part.job_status} {part.processed:,}/{total}"
                click.echo(f"\r{line}\033[K", err=True, nl=False)
                self.open_line = True
            return
        self.end()
        said = {
            "uploaded": f"uploaded ({part.rows:,} rows), file_id {part.file_id}",
            "created": f"job {part.job_id} created",
            "done": f"job {part.job_id} {part.job_status}",
        }
        click.echo(f"mapper: {where}: {said.get(event, event)}", err=True)

    def end(self) -> None:
        if self.open_line:
            click.echo("", err=True)
            self.open_line = False


def finish(result: SubmitResult) -> None:
    """The summary on stderr and the exit code: 0 all rows in, 1 any row or job failed."""
    from mapper.submit import output_paths
    from mapper.submit.results import summary_lines

    submission = result.submission
    jobs = ", ".join(submission.job_ids) or "none"
    again = " (carried on: this input was submitted before)" if result.resumed else ""
    click.echo(f"mapper: submission {submission.id}{again}; jobs {jobs}", err=True)
    if result.explanation is None:
        waiting = [p.number for p in submission.parts if p.step != "done"]
        click.echo(
            f"mapper: parts {', '.join(map(str, waiting))} are not finished: run the same "
            "`mapper submit` again to send them",
            err=True,
        )
        raise click.exceptions.Exit(EXIT_FINDINGS)
    for explanation in (result.explanation, *result.children):
        for line in summary_lines(explanation):
            click.echo(f"mapper: {line}", err=True)
    for resource in range(len(submission.sources)):
        result_out, failed_out = output_paths(submission, resource)
        for label, path in (("result", result_out), ("failed rows", failed_out)):
            if path:
                click.echo(f"mapper: {label}: {path}", err=True)
    failed_jobs = [p.job_id for p in submission.parts if p.job_status == "FAILED"]
    if failed_jobs:
        click.echo(f"mapper: job(s) {', '.join(failed_jobs)} FAILED at Zoho", err=True)
    if not result.succeeded:
        raise click.exceptions.Exit(EXIT_FINDINGS)
