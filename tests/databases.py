"""The suite's PostgreSQL databases: one per pytest-xdist worker.

``INCUCHAIN_TEST_DB`` names the run's database, e.g. ``…/incuchain_test``.
Run in one process, the suite uses it as it is. Run with ``pytest -n N``,
each worker uses a database of its own named after it
(``incuchain_test_gw0``, ``incuchain_test_gw1``, …): the worker creates it
when it starts, and the controller drops every one of them when the run ends
(``tests/conftest.py``). ``.ci/run`` drops them again by name in its exit
trap, for runs killed before pytest could.
"""

from __future__ import annotations

import re

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

#: Where ``CREATE DATABASE`` and ``DROP DATABASE`` are issued from.
MAINTENANCE_DATABASE = "postgres"
#: Serialises the workers' ``CREATE DATABASE`` (a ``pg_advisory_lock`` key).
CREATE_LOCK = 0x1C0C4A1


def worker_database_url(url: str, worker: str) -> str:
    """``url`` with its database renamed for the xdist ``worker`` (``gw0``); as is without one."""
    if not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


def worker_database_pattern(url: str) -> str:
    """A regular expression matching the names of every worker database derived from ``url``."""
    return f"^{re.escape(make_url(url).database)}_gw[0-9]+$"


def _maintenance(url: URL):
    return create_engine(url.set(database=MAINTENANCE_DATABASE), isolation_level="AUTOCOMMIT")


def create_database(url: str) -> None:
    """Create the database ``url`` names, unless it exists."""
    parsed = make_url(url)
    engine = _maintenance(parsed)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": CREATE_LOCK})
            exists = conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
            )
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": CREATE_LOCK})
    finally:
        engine.dispose()


def drop_worker_databases(url: str) -> list[str]:
    """Drop every worker database derived from ``url``, connected or not; their names."""
    parsed = make_url(url)
    engine = _maintenance(parsed)
    try:
        with engine.connect() as conn:
            names = conn.scalars(
                text("SELECT datname FROM pg_database WHERE datname ~ :pattern ORDER BY datname"),
                {"pattern": worker_database_pattern(url)},
            ).all()
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
    return list(names)
