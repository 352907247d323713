"""`mapper jobs`: the submissions in the job ledger, newest first (no network)."""

from __future__ import annotations

import click


@click.command(name="jobs")
@click.option("--all", "show_all", is_flag=True, help="Every submission, not the latest 20.")
def command(show_all: bool) -> None:
    """List the submissions in the job ledger (MAPPER_STATE_DIR, or the user's state
    folder): id, when, the CSV, and each part's step, job id and status."""
    from itertools import islice

    from mapper.submit import Ledger

    ledger = Ledger()
    shown = 0
    for submission in islice(ledger.all(), None if show_all else 20):
        shown += 1
        rows = sum(part.rows for part in submission.parts)
        click.echo(
            f"{submission.id}  {submission.created}  {submission.operation}  "
            f"{submission.sources[0]}  {rows:,} rows"
        )
        for part in submission.parts:
            job = f"job {part.job_id} {part.job_status or ''}".rstrip() if part.job_id else "no job"
            click.echo(f"  part {part.number}: {part.step}, {job}")
    if not shown:
        click.echo(f"no submissions in {ledger.jobs}", err=True)
