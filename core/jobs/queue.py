"""The job queue: huey, one queue per application, in SQLite or in Redis.

The queue is stored in SQLite under the instance folder (``JOBS_QUEUE_FILE``,
``instance/jobs-queue.sqlite3``) unless ``REDIS_URL`` is set: then in Redis, which
every app server and worker of a site shares (docs/operations.md). With
``JOBS_IMMEDIATE`` (the tests) a task runs at once where it is enqueued.

Capabilities declare their tasks once, at import, with ``task`` and
``periodic``; each application's queue learns them when it is first asked for
(``huey_of``), and runs each in an application context of its own, so a task
has its own database session. ``enqueue`` sends a task only once the current
unit of work has committed: a worker never looks for rows that are not there
yet, and a change rolled back sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey

from core import unit_of_work


@dataclass(frozen=True)
class TaskSpec:
    function: Callable
    retries: int = 0
    retry_delay: int = 0
    #: A crontab for a periodic task (``huey.crontab``), ``None`` for one that is sent.
    schedule: Callable | None = None


_TASKS: dict[str, TaskSpec] = {}


def task(name: str, *, retries: int = 0, retry_delay: int = 0) -> Callable:
    """Declare ``function`` as the task ``name``, retried ``retries`` times ``retry_delay`` s apart.

    Retry only what is safe to run twice: a task that failed halfway left
    nothing (its unit of work rolled back), but what it sent outside the
    database (a message) is gone.
    """

    def declare(function: Callable) -> Callable:
        _TASKS[name] = TaskSpec(function, retries, retry_delay)
        return function

    return declare


def periodic(name: str, schedule: Callable) -> Callable:
    """Declare ``function`` as the task ``name``, which the worker runs on ``schedule``."""

    def declare(function: Callable) -> Callable:
        _TASKS[name] = TaskSpec(function, schedule=schedule)
        return function

    return declare


#: China's offset from UTC; China keeps no daylight saving time.
CHINA_UTC_OFFSET_HOURS = 8


def daily(hour: int, minute: int = 0) -> Callable:
    """A schedule: every day at ``hour``:``minute`` China's time (the queue keeps UTC)."""
    return crontab(minute=str(minute), hour=str((hour - CHINA_UTC_OFFSET_HOURS) % 24))


def hourly(minute: int = 0) -> Callable:
    return crontab(minute=str(minute))


def create(app: Flask) -> Huey:
    """The application's queue, from its settings."""
    immediate = bool(app.config.get("JOBS_IMMEDIATE"))
    name, url = app.config["JOBS_QUEUE_NAME"], app.config.get("REDIS_URL")
    if url:
        return RedisHuey(name, url=url, immediate=immediate)
    path = Path(app.config.get("JOBS_QUEUE_FILE") or Path(app.instance_path) / "jobs-queue.sqlite3")
    if not immediate:
        path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(path), immediate=immediate)


def huey_of(app: Flask | None = None) -> Huey:
    """The application's queue, knowing every task declared so far."""
    app = app or current_app._get_current_object()
    huey, known = app.extensions["huey"], app.extensions["huey_tasks"]
    for name, spec in _TASKS.items():
        if name in known:
            continue
        options = {"name": name, "retries": spec.retries, "retry_delay": spec.retry_delay}
        body = _in_app_context(app, spec.function)
        if spec.schedule is None:
            known[name] = huey.task(**options)(body)
        else:
            known[name] = huey.periodic_task(spec.schedule, **options)(body)
    return huey


def _in_app_context(app: Flask, function: Callable) -> Callable:
    @wraps(function)
    def run(*args, **kwargs):
        with app.app_context():
            return function(*args, **kwargs)

    return run


def enqueue(name: str, *args) -> None:
    """Send the task ``name`` with ``args`` once the current unit of work has committed."""
    app = current_app._get_current_object()
    unit_of_work.after_commit(lambda: send(name, *args, app=app))


def send(name: str, *args, app: Flask | None = None) -> None:
    """Send the task ``name`` with ``args`` now (from code that runs after a commit)."""
    app = app or current_app._get_current_object()
    huey_of(app)
    app.extensions["huey_tasks"][name](*args)


def run_now(name: str, *args):
    """Run the task ``name`` here and now, outside the queue (a command run by hand)."""
    return _TASKS[name].function(*args)


def put(key: str, value) -> None:
    """Keep ``value`` in the queue's store, where every app server reads it."""
    huey_of().put(key, value)


def peek(key: str, default=None):
    """The value kept under ``key``, left in place."""
    value = huey_of().get(key, peek=True)
    return default if value is None else value


def forget(key: str) -> None:
    huey_of().delete(key)


def init_app(app: Flask) -> None:
    app.extensions["huey"] = create(app)
    app.extensions["huey_tasks"] = {}
