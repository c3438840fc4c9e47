"""Every change to jobs: asking for one, recording what it did or why it failed, expiry."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import get_locale
from sqlalchemy import delete

from core.extensions import db
from core.jobs import queue
from core.jobs.kinds import KINDS, Outcome
from core.jobs.models import Job, JobStatus
from core.timeutil import utcnow

#: The task that runs every job.
RUN = "jobs.run"


def _kept_until(moment):
    return moment + timedelta(hours=current_app.config["JOB_RESULT_HOURS"])


def start(kind: str, *, owner, tenant=None, params: dict | None = None) -> Job:
    """Ask for a job of ``kind`` for ``owner``; the queue gets it once the request commits."""
    if kind not in KINDS:
        raise LookupError(kind)
    job = Job(
        kind=kind,
        owner_id=owner.id,
        tenant_id=tenant.id if tenant is not None else None,
        params=params or {},
        locale=str(get_locale()),
        status=JobStatus.QUEUED,
        expires_at=_kept_until(utcnow()),
    )
    db.session.add(job)
    db.session.flush()
    queue.enqueue(RUN, job.id)
    return job


def finish(job: Job, outcome: Outcome, done: int, total: int | None) -> None:
    """Record what the job did and keep its file for ``JOB_RESULT_HOURS``."""
    job.status = JobStatus.DONE
    job.message = outcome.message
    job.done, job.total = done, total
    if outcome.file is not None:
        job.result_name = outcome.file.name
        job.result_type = outcome.file.media_type
        job.result = outcome.file.data
    job.finished_at = utcnow()
    job.expires_at = _kept_until(job.finished_at)
    db.session.flush()


def fail(job: Job, message: str) -> None:
    """Record why the job failed; it keeps no file."""
    job.status = JobStatus.FAILED
    job.message = message
    job.result = None
    job.finished_at = utcnow()
    job.expires_at = _kept_until(job.finished_at)
    db.session.flush()


def purge() -> int:
    """Remove the jobs whose time is up, and their files; returns how many."""
    removed = db.session.execute(delete(Job).where(Job.expires_at < utcnow())).rowcount
    db.session.flush()
    return removed
