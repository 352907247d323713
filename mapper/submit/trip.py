"""The trip of each part: upload, create the job, poll it, download its result.

Every step is written to the ledger before the next request goes out, so a crash, Ctrl-C
or a lost connection leaves the submission where `mapper status` or a second `mapper
submit` picks it up. A part whose create request lost its answer is LOST: it may have a
job at Zoho, so it is not created again unless the user says so (``resend_lost``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.submit.ledger import (
    CREATED,
    CREATING,
    DONE,
    LOST,
    READY,
    UPLOADED,
    UPLOADING,
    Ledger,
    PartState,
    Submission,
)
from mapper.submit.prepare import part_body
from mapper.zohoapi.errors import ZohoError

if TYPE_CHECKING:
    from mapper.zohoapi import JobDetails, ZohoClient


@dataclass(frozen=True)
class PollPolicy:
    """How often a job's details are asked for: ``first`` seconds apart at first, growing
    by ``growth`` to ``longest``; given up after ``timeout`` seconds or ``max_polls``."""

    first: float = 2.0
    longest: float = 30.0
    growth: float = 1.5
    timeout: float = 12 * 3600.0
    max_polls: int = 10_000


# (submission, part, what happened: "uploaded", "created", "polled", "done")
StepObserver = Callable[[Submission, PartState, str], None]


class PollTimeout(ZohoError):
    def __init__(self, part: PartState, waited: float, polls: int) -> None:
        super().__init__(
            "STILL_RUNNING",
            f"job {part.job_id} (part {part.number}) is still {part.job_status or 'running'} "
            f"after {polls} polls in {waited:,.0f} s",
            hint=f"`mapper status {part.job_id}` goes on waiting for it",
        )


class Trip:
    """Moves a submission's parts on, one after another, saving each step."""

    def __init__(
        self,
        client: ZohoClient,
        ledger: Ledger,
        submission: Submission,
        *,
        policy: PollPolicy | None = None,
        on_step: StepObserver | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client, self.ledger, self.submission = client, ledger, submission
        self.policy = policy or PollPolicy()
        self.on_step = on_step
        self.sleep = sleep

    def run(self, *, send: bool = True, resend_lost: bool = False) -> Submission:
        """Every part as far as it goes. Without ``send`` only parts that have a job are
        moved on (polled and downloaded): nothing is uploaded or created."""
        for part in self.submission.parts:
            if part.step == LOST and send and resend_lost:
                part = self._save(replace(part, step=UPLOADED, message=None))
            if part.step == LOST:
                raise lost_error(part)
            if part.step in (READY, UPLOADING, UPLOADED) and not send:
                continue
            self._advance(part)
        return self.submission

    def _advance(self, part: PartState) -> None:
        if part.step in (READY, UPLOADING):
            part = self._upload(part)
        if part.step in (UPLOADED, CREATING):
            part = self._create(part)
        if part.step == CREATED:
            self._finish(part)

    def _save(self, part: PartState) -> PartState:
        self.submission = self.ledger.save(self.submission.with_part(part))
        return part

    def _tell(self, part: PartState, event: str) -> None:
        if self.on_step is not None:
            self.on_step(self.submission, part, event)

    def _upload(self, part: PartState) -> PartState:
        # sent again after a lost answer: an upload writes no record, only a stored file
        part = self._save(replace(part, step=UPLOADING))
        file_id = self.client.upload_zip(Path(part.zip_path))
        part = self._save(replace(part, step=UPLOADED, file_id=file_id, message=None))
        self._tell(part, "uploaded")
        return part

    def _create(self, part: PartState) -> PartState:
        assert part.file_id is not None
        body = part_body(Path(part.zip_path).with_suffix(".json"), part.file_id)
        part = self._save(replace(part, step=CREATING))
        try:
            job_id = self.client.create_job(body)
        except ZohoError as error:
            if error.maybe_processed:
                self._save(replace(part, step=LOST, message=error.render()))
                raise lost_error(part, error) from None
            # a refused create made no job; an expired upload is uploaded again next time
            step = READY if error.code == "INVALID_FILE_ID" else UPLOADED
            self._save(replace(part, step=step, message=error.render()))
            raise
        part = self._save(replace(part, step=CREATED, job_id=job_id, job_status="ADDED"))
        self._tell(part, "created")
        return part

    def _finish(self, part: PartState) -> None:
        details = self._poll(part)
        part = self._noted(part, details)
        result = None
        if details.download_url:
            dest = Path(self.submission.work_dir) / f"part{part.number:03d}-result.zip"
            result = str(self.client.download(details.download_url, dest))
        elif not details.failed:
            raise ZohoError(
                "BAD_ANSWER",
                f"job {part.job_id} is {details.status} but its details give no result link",
                hint=f"`mapper status {part.job_id}` asks again",
            )
        part = self._save(replace(part, step=DONE, result_zip=result, message=None))
        self._tell(part, "done")

    def _noted(self, part: PartState, details: JobDetails) -> PartState:
        part = replace(
            part, job_status=details.status, processed=details.processed, total=details.total
        )
        return self._save(part)

    def _poll(self, part: PartState) -> JobDetails:
        assert part.job_id is not None
        policy = self.policy
        started = time.monotonic()
        wait = policy.first
        polls = 0
        while polls < policy.max_polls:
            polls += 1
            details = self.client.job_details(part.job_id)
            part = self._noted(part, details)
            self._tell(part, "polled")
            if details.done:
                return details
            waited = time.monotonic() - started
            if waited + wait > policy.timeout:
                break
            self.sleep(wait)
            wait = min(wait * policy.growth, policy.longest)
        raise PollTimeout(part, time.monotonic() - started, polls)


def lost_error(part: PartState, cause: ZohoError | None = None) -> ZohoError:
    why = f" ({cause.code}: {cause.message})" if cause is not None else ""
    return ZohoError(
        "CREATE_ANSWER_LOST",
        f"part {part.number}: the request that creates its job got no answer{why}, so Zoho "
        "may have made the job; mapper does not send it again on its own",
        hint="check in Zoho whether the part's records arrived; if they did not, run the "
        "same `mapper submit` with --resend-lost",
        maybe_processed=True,
    )
