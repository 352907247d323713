"""The `mapper` command: a click group whose subcommands are imported only when run.

Lazy loading keeps `mapper check` (the pre-commit path) and `--help` free of pandas.
Each subcommand lives in ``mapper/cli/<name>.py`` as a click command named ``command``.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from mapper import __version__

# name -> one-line help shown by `mapper --help` without importing the command
COMMANDS = {
    "check": "Lint bulk-write job specs: schema, Zoho's rules, catalog and CSV.",
    "compile": "Compile a CSV into a bulk-write job spec for a module.",
    "profile": "Profile a CSV: encoding, delimiter, and each column's kind and date format.",
    "fields": "List a module's fields from the catalog.",
    "split": "Split a CSV into uploadable chunks with one spec each.",
    "schema": "Print the bundled JSON Schema of the job spec.",
    "rules": "List the check rules, or explain one.",
    "review": "Write an HTML page to approve an import: columns, fields, evidence, rows.",
    "fix": "Rewrite a CSV's dates, numbers, booleans and multi-selects into what Zoho accepts.",
    "auth": "Store a Zoho self client's credentials (mode 0600), or show where they come from.",
    "submit": "Send a CSV (or spec) to Zoho, wait for the job, explain each row's result.",
    "status": "Carry on a submission: poll its jobs, fetch and explain their results.",
    "jobs": "List the submissions in the job ledger.",
    "standin": "Run a stand-in Zoho on 127.0.0.1 (token, upload, jobs, results, faults).",
}


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        """Run the command; an I/O failure no command handled (stdout on a full disk or a
        closed pipe) is one message and exit 2, not a traceback."""
        _open_closed_streams()
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except OSError as error:
            _silence_stdout()
            where = f"{error.filename}: " if error.filename else "cannot write the output: "
            click.echo(f"mapper: error: {where}{error.strerror or error}", err=True)
            raise click.exceptions.Exit(2) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        return importlib.import_module(f"mapper.cli.{name}").command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name]) for name in self.list_commands(ctx)]
        if not rows:
            return
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="mapper")
def main() -> None:
    """Turn CSV files into Zoho CRM Bulk Write job specs, and check specs before upload.

    Exit codes: 0 success, 1 findings at error severity, 2 usage or input failure.
    """


def _open_closed_streams() -> None:
    """A process started with stdin, stdout or stderr closed (``>&-``, a daemon, some job
    runners) has None there, and every command would end in a traceback at the first
    ``isatty`` or ``flush``: give each closed one the null device, as ``> /dev/null``
    would."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115


def _silence_stdout() -> None:
    """Point stdout at /dev/null: what is still buffered for it cannot be written, and
    would fail again when Python flushes it at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test runner's buffer)
        pass
