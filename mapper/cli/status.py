"""`mapper status [JOB_ID]`: carry on a submission after Ctrl-C, a crash or a lost
connection: poll its jobs, fetch their results, explain them. Nothing new is sent."""

from __future__ import annotations

from typing import Any

import click

from mapper.cli.common import api_version_option, fail
from mapper.cli.submit import finish, poll_options, run_trip, zoho_client
from mapper.cli.zoho_options import zoho_flags, zoho_options


@click.command(name="status")
@click.argument("key", metavar="[JOB_ID]", required=False)
@poll_options
@api_version_option
@zoho_options
def command(key: str | None, **opts: Any) -> None:
    """Wait for the jobs of a submission and explain their result: JOB_ID is a job id or
    a submission id from `mapper jobs`; without it, the latest unfinished submission.

    Parts not yet sent stay unsent: run the same `mapper submit` again for them.
    --result-out and --failed-out replace the files the submission named.

    \b
    Exit codes as `mapper submit`'s: 0 every row added or updated, 1 a row or job failed
    or parts are unsent, 2 usage, credentials or network, 130 interrupted.
    """
    from dataclasses import replace

    from mapper.submit import Ledger, LedgerError, PollPolicy, resume

    flags = zoho_flags(opts)
    ledger = Ledger()
    try:
        submission = ledger.find(key) if key else ledger.latest_unfinished()
        if submission is None:
            fail(f"no unfinished submission in {ledger.jobs}", "give a job id (`mapper jobs`)")
        outputs = {k: str(opts[k]) for k in ("result_out", "failed_out") if opts[k] is not None}
        submission = ledger.save(replace(submission, **outputs))
    except LedgerError as error:
        fail(str(error))
    version = opts["api_version"] or submission.api_version
    policy = PollPolicy(first=opts["poll_interval"], timeout=opts["timeout"])
    with zoho_client(flags, version) as client:
        result = run_trip(
            lambda on_step: resume(
                submission.id, client, ledger=ledger, policy=policy, on_step=on_step
            )
        )
    finish(result)
