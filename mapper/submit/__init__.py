"""Submitting a job to Zoho and explaining its result, row by row (issue 9).

    plan = plan_compiled(compilation, catalog)      # or plan_spec(body, csv, ...)
    if not plan.blocked:
        with ZohoClient(load_credentials()) as client:
            result = submit(plan, client, result_out=Path("result.csv"))

`submit` cuts the job into parts within Zoho's limits, sends them one after another
(upload, create, poll, download), and joins every result row to its source row. Each step
is in the job ledger first (`mapper.submit.ledger`), so `resume` finishes a submission that
was interrupted, and submitting the same input again creates no second job for a part that
already has one. Nothing here imports an HTTP library: the client is passed in.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.files import write_atomic
from mapper.submit.ledger import DONE, Ledger, LedgerError, PartState, Submission, content_hash
from mapper.submit.prepare import PrepareError, SubmitPlan, cut_parts, plan_compiled, plan_spec
from mapper.submit.results import (
    Explanation,
    PartResult,
    Prediction,
    ResultError,
    explain,
    write_outputs,
)
from mapper.submit.trip import PollPolicy, StepObserver, Trip

if TYPE_CHECKING:
    from mapper.zohoapi import ZohoClient

PREDICTION_FILE = "prediction.json"


@dataclass(frozen=True)
class SubmitResult:
    """Where a submission stands, and once every part is done, its rows explained."""

    submission: Submission
    explanation: Explanation | None  # the parent CSV's rows; None until every part is done
    children: tuple[Explanation, ...] = ()  # each child CSV's rows, in resource order
    resumed: bool = False  # an earlier submission of the same input was carried on
    requests: int = 0  # HTTP requests this call sent

    @property
    def succeeded(self) -> bool:
        """Every row of every CSV added or updated."""
        explained = [self.explanation, *self.children]
        return all(e is not None and e.all_succeeded for e in explained)


def submit(
    plan: SubmitPlan,
    client: ZohoClient,
    *,
    ledger: Ledger | None = None,
    result_out: Path | None = None,
    failed_out: Path | None = None,
    new: bool = False,
    resend_lost: bool = False,
    policy: PollPolicy | None = None,
    on_step: StepObserver | None = None,
) -> SubmitResult:
    """Send ``plan`` to Zoho and explain the result. An earlier submission of the same
    input (CSVs, body, destination) is carried on instead, unless ``new``."""
    ledger = ledger or Ledger()
    content = content_hash(plan.files, plan.body, *_destination(client))
    submission = None if new else ledger.same_input(content)
    resumed = submission is not None
    if submission is None:
        submission = _start(plan, ledger, content, client)
    outputs = {"result_out": result_out, "failed_out": failed_out}
    given = {key: str(path) for key, path in outputs.items() if path is not None}
    submission = ledger.save(replace(submission, **given))
    trip = Trip(client, ledger, submission, policy=policy, on_step=on_step)
    submission = trip.run(send=True, resend_lost=resend_lost)
    return _result(submission, resumed, client.requests_sent)


def resume(
    key: str | None,
    client: ZohoClient,
    *,
    ledger: Ledger | None = None,
    policy: PollPolicy | None = None,
    on_step: StepObserver | None = None,
) -> SubmitResult:
    """Carry on the submission named by ``key`` (its id, or one of its job ids; None: the
    latest unfinished one): poll its jobs and fetch their results. Nothing new is sent."""
    ledger = ledger or Ledger()
    submission = ledger.find(key) if key else ledger.latest_unfinished()
    if submission is None:
        raise LedgerError(f"no unfinished submission in {ledger.jobs}: give a job id")
    api = client.endpoints.api
    if submission.api_url != api:
        raise LedgerError(
            f"submission {submission.id} went to {submission.api_url}, not {api}: point "
            "mapper at that host (ZOHO_API_URL or --api-url, or ZOHO_DC)"
        )
    trip = Trip(client, ledger, submission, policy=policy, on_step=on_step)
    return _result(trip.run(send=False), True, client.requests_sent)


def _destination(client: ZohoClient) -> tuple[str, ...]:
    return (client.endpoints.api, client.api_version, client.credentials.org_id or "")


def _start(plan: SubmitPlan, ledger: Ledger, content: str, client: ZohoClient) -> Submission:
    submission_id = ledger.new_id(content)
    work_dir = ledger.work_dir(submission_id)
    try:
        work_dir.mkdir(parents=True, exist_ok=True)
        prediction = work_dir / PREDICTION_FILE
        failing = {str(line): list(codes) for line, codes in plan.prediction.failing.items()}
        text = json.dumps({"failing": failing, "complete": plan.prediction.complete})
        write_atomic(prediction, text.encode())
    except OSError as error:
        raise LedgerError(f"cannot write {work_dir}: {error.strerror or error}") from error
    parts = cut_parts(plan, work_dir)
    submission = Submission(
        id=submission_id,
        created=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        content_hash=content,
        sources=tuple(str(path.resolve()) for path in plan.files),
        operation=plan.operation,
        api_url=client.endpoints.api,
        api_version=client.api_version,
        work_dir=str(work_dir),
        parts=tuple(parts),
        prediction_file=str(prediction),
    )
    return ledger.save(submission)


def _result(submission: Submission, resumed: bool, requests: int) -> SubmitResult:
    if not submission.finished:
        return SubmitResult(submission, None, resumed=resumed, requests=requests)
    explained = [
        explain(Path(source), _part_results(submission, index), _prediction(submission, index))
        for index, source in enumerate(submission.sources)
    ]
    for index, explanation in enumerate(explained):
        paths = output_paths(submission, index)
        if any(paths):
            write_outputs(explanation, *paths)
    return SubmitResult(submission, explained[0], tuple(explained[1:]), resumed, requests)


def output_paths(submission: Submission, resource: int) -> tuple[Path | None, Path | None]:
    """(result file, failed-rows file) of resource ``resource``'s CSV: the paths asked for
    for the parent; for a child, the same with the child CSV's name before the suffix
    (``result.csv`` -> ``result.lead_interests.csv``)."""
    child = Path(submission.sources[resource]).stem if resource else None
    return _named_for(submission.result_out, child), _named_for(submission.failed_out, child)


def _named_for(path: str | None, child: str | None) -> Path | None:
    if not path:
        return None
    given = Path(path)
    return given if child is None else given.with_name(f"{given.stem}.{child}{given.suffix}")


def _part_results(submission: Submission, resource: int) -> list[PartResult]:
    return [
        PartResult(
            Path(part.result_zip),
            part.source_lines(resource),
            part.modules[resource],
            part.csv_names[resource],
        )
        for part in submission.parts
        if part.step == DONE and part.result_zip
    ]


def _prediction(submission: Submission, resource: int) -> Prediction | None:
    """The parent's prediction, as pre-flight made it before the upload."""
    if resource != 0 or not submission.prediction_file:
        return None
    try:
        raw = json.loads(Path(submission.prediction_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    failing = {int(line): tuple(codes) for line, codes in raw.get("failing", {}).items()}
    return Prediction(failing, bool(raw.get("complete", True)))


__all__ = [
    "Ledger",
    "LedgerError",
    "PartState",
    "PollPolicy",
    "PrepareError",
    "ResultError",
    "Submission",
    "SubmitPlan",
    "SubmitResult",
    "plan_compiled",
    "plan_spec",
    "resume",
    "submit",
]
