"""One commit per request, command or job; what must follow it runs only then.

Operations (``core/<capability>/operations.py``) change rows, write audit
events and flush, but never commit. The code that called them commits once,
at its very end:

* a request when its view returns (``IncuChainFlask.dispatch_request``); a
  view that raises — ``abort(404)``, a refused operation, a bug — commits
  nothing, and everything it changed is rolled back;
* a command or a job inside ``with transaction():``.

An operation queues what must wait for the commit — plugin events, mails —
with ``after_commit``, and what must be undone if the transaction is lost —
a file already written — with ``on_rollback``. The queue lives on the
session, so it ends with the request, command or job.

This module is the only place in core that calls ``commit()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from core.extensions import db

log = logging.getLogger(__name__)

#: ``session.info`` keys of the queues.
_AFTER_COMMIT = "incuchain_after_commit"
_ON_ROLLBACK = "incuchain_on_rollback"


def _queue(key: str) -> list[Callable[[], None]]:
    return db.session.info.setdefault(key, [])


def after_commit(callback: Callable[[], None]) -> None:
    """Run ``callback`` once the current transaction has committed; never if it rolls back.

    Callbacks run in the order queued, outside the transaction: they read
    committed data. One that raises is logged and the others still run: the
    change it followed is stored already and cannot be taken back.
    """
    _queue(_AFTER_COMMIT).append(callback)


def write_after_commit(statement) -> None:
    """Run ``statement`` in a short transaction of its own once this one has committed.

    For bookkeeping that must not turn a read into a write (when a session or
    an API token was last used): on SQLite a read snapshot cannot be upgraded
    once another connection has committed, and a GET would fail with "database
    is locked" under write load. Alone in its transaction, the statement waits
    its turn like any writer (the busy timeout).
    """

    def run() -> None:
        with transaction():
            db.session.execute(statement)

    after_commit(run)


def on_rollback(callback: Callable[[], None]) -> None:
    """Run ``callback`` if the current transaction (or savepoint) is rolled back."""
    _queue(_ON_ROLLBACK).append(callback)


def commit() -> None:
    """Commit the session, then run what was queued for after the commit."""
    db.session.commit()
    callbacks = db.session.info.pop(_AFTER_COMMIT, [])
    db.session.info.pop(_ON_ROLLBACK, None)
    for callback in callbacks:
        try:
            callback()
        except Exception:
            log.exception("an after-commit callback failed")


def rollback() -> None:
    """Roll the session back and undo what was queued for that case."""
    db.session.rollback()
    _discard()


def _discard() -> None:
    db.session.info.pop(_AFTER_COMMIT, None)
    _undo(db.session.info.pop(_ON_ROLLBACK, []))


def _undo(callbacks: list[Callable[[], None]]) -> None:
    for callback in reversed(callbacks):
        try:
            callback()
        except Exception:
            log.exception("a rollback callback failed")


@contextmanager
def savepoint() -> Iterator[None]:
    """A part of the transaction that fails alone: on an error inside, only it is undone.

    For an operation that lets its caller recover from a refusal the database
    makes (a unique constraint), the rest of the transaction going on. What
    was queued inside is dropped (``after_commit``) or run (``on_rollback``),
    and every object is read again on its next use: rows loaded inside may
    show what was undone.
    """
    queued = len(_queue(_AFTER_COMMIT)), len(_queue(_ON_ROLLBACK))
    try:
        with db.session.begin_nested():
            yield
    except BaseException:
        db.session.expire_all()
        after, undo = _queue(_AFTER_COMMIT), _queue(_ON_ROLLBACK)
        del after[queued[0] :]
        _undo(undo[queued[1] :])
        del undo[queued[1] :]
        raise


@contextmanager
def transaction() -> Iterator[None]:
    """The unit of work of a command or a job: commit at the end, roll back on any error."""
    try:
        yield
    except BaseException:
        rollback()
        raise
    commit()


def transactional(function: Callable) -> Callable:
    """Run ``function`` (a command's callback) as one unit of work."""

    @wraps(function)
    def run(*args, **kwargs):
        with transaction():
            return function(*args, **kwargs)

    return run


class IncuChainFlask(Flask):
    """Flask, committing each request's unit of work when its view returns."""

    def dispatch_request(self):
        response = super().dispatch_request()
        commit()
        return response


def init_app(app: Flask) -> None:
    @app.teardown_request
    def _end(_exception) -> None:
        # After a view that raised: roll back and undo (files written…). After
        # a committed request there is nothing left to undo.
        if db.session.info.get(_AFTER_COMMIT) or db.session.info.get(_ON_ROLLBACK):
            rollback()


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous_transaction) -> None:
    """A rollback of the whole transaction, however it came, drops its queue."""
    if previous_transaction.nested or previous_transaction.parent is not None:
        return
    session.info.pop(_AFTER_COMMIT, None)
    _undo(session.info.pop(_ON_ROLLBACK, []))
