"""Jobs: work that runs on the queue (huey) instead of in a request, with its progress.

``queue`` is the queue and its tasks; ``kinds`` what a capability runs for a
person (an export, a batch) and hands back; ``operations`` the job records;
``worker`` the runner and ``flask --app wsgi worker``; ``views`` a job's page,
its progress and its file, for its owner only. Mail goes out through the
queue too (``core.mail.deliver_through``), retried when the server fails.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from core import mail
    from core.jobs import queue, views, worker
    from core.jobs.models import JobStatus
    from core.labelled import register

    queue.init_app(app)
    worker.init_app(app)
    app.register_blueprint(views.bp)
    register(app, JobStatus)
    mail.deliver_through(app, worker.send_mail)
