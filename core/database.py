"""Database connection settings that depend on the backend."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event

from core.extensions import db


def engine_options(app: Flask) -> dict:
    """Engine options for the configured database URL."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return {"connect_args": {"timeout": app.config["SQLITE_BUSY_TIMEOUT_MS"] / 1000}}
    return {"pool_pre_ping": True}


def configure_sqlite(app: Flask) -> None:
    """Run SQLite in WAL mode with a busy timeout and enforced foreign keys.

    WAL lets readers proceed while one writer commits; the busy timeout makes
    a second writer wait instead of failing with "database is locked".
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
