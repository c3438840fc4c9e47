"""Running jobs: the task every job is, the owner's context it runs in, the worker command."""

from __future__ import annotations

import logging
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import click
from flask import Flask, current_app, g
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_user
from flask_mailman import EmailMessage

from core import database, mail
from core.auth.models import User
from core.extensions import db
from core.jobs import operations, queue
from core.jobs.kinds import KINDS, Progress
from core.jobs.models import Job
from core.refusals import NotPermitted, Refused
from core.tenancy.access import roles_at
from core.tenancy.models import Tenant
from core.unit_of_work import transaction
from core.web.urls import public_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ticket:
    """What the runner reads of a job before it starts, outside any transaction."""

    id: int
    kind: str
    owner_id: int
    tenant_id: int | None
    locale: str
    params: dict


@contextmanager
def as_owner(job: Ticket):
    """A request of the job's owner at its carrier, in their language.

    Their roles are read now, not when they asked: someone who lost the role
    since gets the same refusal the page would give them.
    """
    owner = db.session.get(User, job.owner_id)
    with current_app.test_request_context(base_url=public_url()), force_locale(job.locale):
        if owner is None or not login_user(owner):
            raise NotPermitted()
        if job.tenant_id is not None:
            g.tenant = db.session.get(Tenant, job.tenant_id)
            g.roles = roles_at(g.tenant, owner)
        yield


def failure_message(error: Exception) -> str:
    if isinstance(error, Refused):
        return str(error)
    if isinstance(error, NotPermitted):
        return _("You may no longer do this.")
    return _("The job failed on the server. Nothing was changed; please try again later.")


@queue.task(operations.RUN)
def run(job_id: int) -> None:
    """Run one job: its work and its record commit together, or neither does.

    A job that changes rows writes its record in the same transaction, begun
    IMMEDIATE on SQLite (``database.writing``) before it reads anything. One that
    only reads ends its read before recording its file, so a long read never
    holds SQLite's write lock; its work commits nothing.
    """
    with transaction():
        job = db.session.get(Job, job_id)
        if job is None or job.finished:
            return  # removed since, or a second delivery of a job already run
        ticket = Ticket(job.id, job.kind, job.owner_id, job.tenant_id, job.locale, job.params)
    spec, progress = KINDS[ticket.kind], Progress(job_id)
    try:
        writes = database.writing() if spec.writes else nullcontext()
        with writes, as_owner(ticket), transaction():
            outcome = spec.handler(dict(ticket.params), progress)
            if spec.writes:
                operations.finish(
                    db.session.get(Job, job_id), outcome, progress.done, progress.total
                )
        if not spec.writes:
            with database.writing(), transaction():
                operations.finish(
                    db.session.get(Job, job_id), outcome, progress.done, progress.total
                )
    except Exception as error:
        if not isinstance(error, (Refused, NotPermitted)):
            log.exception("job %s (%s) failed", job_id, ticket.kind)
        with force_locale(ticket.locale):
            message = failure_message(error)
        with database.writing(), transaction():
            operations.fail(db.session.get(Job, job_id), message)
    finally:
        queue.forget(progress.key)


#: The task that delivers one message; SMTP failures are retried, a few minutes apart.
SEND_MAIL = "mail.deliver"


def send_mail(message: EmailMessage) -> None:
    """Hand ``message`` to a worker (``core.mail.deliver_through``)."""
    queue.send(SEND_MAIL, mail.fields(message))


@queue.task(SEND_MAIL, retries=3, retry_delay=120)
def deliver_mail(fields: dict) -> None:
    """Deliver one message; an error (the server is away) raises, and the queue retries it.

    Retrying is safe: a message the server refused was not sent. A message is
    sent again only if the server took it and then the connection failed.
    """
    mail.deliver([EmailMessage(**fields)])


@queue.periodic("jobs.purge", queue.hourly(minute=7))
def purge() -> None:
    with database.writing(), transaction():
        removed = operations.purge()
    if removed:
        log.info("removed %s expired jobs", removed)


@click.command("worker")
@click.option("--workers", type=int, default=2, show_default=True, help="Worker threads.")
@with_appcontext
def worker_command(workers: int) -> None:
    """Run the job queue's worker: the jobs people ask for and the periodic tasks."""
    huey = queue.huey_of()
    huey.immediate = False
    click.echo(f"IncuChain worker: {workers} threads, queue {type(huey.storage).__name__}")
    huey.create_consumer(workers=workers, worker_type="thread").run()


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
