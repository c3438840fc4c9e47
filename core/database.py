"""Database connection settings that depend on the backend."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager

import click
from flask import Flask, current_app, g, has_app_context, has_request_context, request
from sqlalchemy import event

from core.extensions import db


def engine_options(app: Flask) -> dict:
    """Engine options for the configured database URL."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return {"connect_args": {"timeout": app.config["SQLITE_BUSY_TIMEOUT_MS"] / 1000}}
    return {"pool_pre_ping": True}


#: Requests that only read; every other request may write.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def writes(view):
    """Mark a GET view that writes, so that its transactions begin IMMEDIATE too."""
    view.writes_on_get = True
    return view


def _request_writes() -> bool:
    if request.method not in READING_METHODS:
        return True
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "writes_on_get", False)


def begin_statement() -> str:
    """``BEGIN IMMEDIATE`` for a transaction that may write, plain ``BEGIN`` otherwise.

    A deferred transaction that reads and then writes cannot upgrade its read
    snapshot once another connection has committed: SQLite answers
    SQLITE_BUSY at once, ignoring the busy timeout, and a read-modify-write
    can lose an update (docs/performance.md "Concurrency"). An immediate
    transaction takes the write lock first and waits its turn instead.

    Form posts (any method but GET, HEAD, OPTIONS), GET views marked with
    ``writes`` and ``flask`` commands may write: immediate. Page views read
    only, so they keep deferred transactions and never queue behind writers.
    Code outside both (tests, scripts) keeps deferred transactions too: it may
    hold a session open while another one writes on the same thread, which an
    immediate transaction would block for the whole busy timeout. A job says
    when it writes (``writing``).
    """
    if has_app_context() and g.get(_WRITING):
        return IMMEDIATE
    if has_request_context():
        return IMMEDIATE if _request_writes() else "BEGIN"
    if click.get_current_context(silent=True) is not None:
        return IMMEDIATE
    return "BEGIN"


IMMEDIATE = "BEGIN IMMEDIATE"
#: The ``g`` attribute ``writing`` sets.
_WRITING = "incuchain_writing"


@contextmanager
def writing():
    """Transactions begun inside may write: on SQLite they begin IMMEDIATE (jobs)."""
    before = g.get(_WRITING, False)
    setattr(g, _WRITING, True)
    try:
        yield
    finally:
        setattr(g, _WRITING, before)


#: Per thread: the SQLite connections it began an immediate transaction on.
_writers = threading.local()


def _holds_write_lock(dbapi_connection, info: dict) -> bool:
    """Whether this thread's immediate transaction on the connection is still open
    (the pool may since have lent the connection to another thread)."""
    try:
        open_now = dbapi_connection.in_transaction
    except sqlite3.ProgrammingError:  # closed since
        return False
    return open_now and info.get("writer_thread") == threading.get_ident()


def _writer_elsewhere_on_this_thread(dbapi_connection) -> bool:
    """Whether another connection of this thread holds the write lock.

    A second connection opened in the same request (a plugin reading what was
    just committed through ``db.engine.connect()``) would otherwise wait for a
    lock that its own thread holds, for the whole busy timeout. It begins
    deferred instead: it can read; it could not have written anyway.
    """
    held = [(c, i) for c, i in getattr(_writers, "connections", []) if _holds_write_lock(c, i)]
    _writers.connections = held
    return any(c is not dbapi_connection for c, _info in held)


def configure_sqlite(app: Flask) -> None:
    """Run SQLite in WAL mode with a busy timeout and enforced foreign keys.

    WAL lets readers proceed while one writer commits; the busy timeout makes
    a second writer wait instead of failing with "database is locked".
    Transactions are begun by us, not by Python's sqlite3 module (SQLAlchemy's
    documented pysqlite recipe), so that writers can begin them IMMEDIATE.
    """
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    timeout_ms = int(app.config["SQLITE_BUSY_TIMEOUT_MS"])

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
        cursor.close()
        # Stop the driver from issuing its own BEGIN; ``_begin`` does it.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        dbapi_connection = connection.connection.dbapi_connection
        statement = begin_statement()
        if statement == IMMEDIATE and _writer_elsewhere_on_this_thread(dbapi_connection):
            statement = "BEGIN"
        info = connection.connection.info
        # Claimed before BEGIN: the thread that last used this pooled connection
        # must never see it in a transaction still marked as its own.
        info["writer_thread"] = threading.get_ident() if statement == IMMEDIATE else None
        connection.exec_driver_sql(statement)
        if statement == IMMEDIATE:
            _writers.connections = [*getattr(_writers, "connections", []), (dbapi_connection, info)]
