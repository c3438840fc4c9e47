"""A job's page, its progress as JSON for that page's script, and its file: for its owner only.

Anyone else, signed in or not, gets 404: a job's existence is nobody else's
business. A file whose time is up (``JOB_RESULT_HOURS``) is 404 too.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import undefer

from core.extensions import db
from core.jobs.kinds import KINDS, running_count
from core.jobs.models import Job, JobStatus
from core.tabular import attachment
from core.timeutil import utcnow

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


def own_job(job_id: int, *options) -> Job:
    job = db.session.scalar(
        select(Job)
        .where(Job.id == job_id, Job.owner_id == current_user.id, Job.expires_at > utcnow())
        .options(*options)
    )
    if job is None:
        abort(404)
    return job


def state(job: Job) -> dict:
    """What the page shows of a job, now."""
    done, total = job.done, job.total
    running = None if job.finished else running_count(job.id)
    if running is not None:
        done, total = running
    percent = round(100 * done / total) if total else 0
    if job.status == JobStatus.DONE:
        percent = 100
    if job.finished:
        words = job.message or JobStatus.label_of(job.status)
    elif running is None:
        words = _("Waiting for a worker…")
    elif total:
        words = _("%(done)s of %(total)s done", done=done, total=total)
    else:
        words = _("Working…")
    return {
        "status": job.status,
        "running": running is not None,
        "done": done,
        "total": total,
        "percent": percent,
        "words": words,
        "file": url_for("jobs.file", job_id=job.id) if job.has_file else None,
        "file_name": job.result_name if job.has_file else None,
    }


@bp.route("/<int:job_id>")
@login_required
def page(job_id: int):
    job = own_job(job_id)
    return render_template("jobs/job.html", job=job, title=KINDS[job.kind].title, state=state(job))


@bp.route("/<int:job_id>/state")
@login_required
def status(job_id: int):
    response = jsonify(state(own_job(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:job_id>/file")
@login_required
def file(job_id: int):
    job = own_job(job_id, undefer(Job.result))
    if not job.has_file:
        abort(404)
    return attachment(job.result, job.result_name, job.result_type)
