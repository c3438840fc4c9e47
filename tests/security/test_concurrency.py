"""Concurrent writers: no errors, no lost updates, one certificate per graduation.

A short run of bench/concurrency.py (4 threads, 40 posts each) on the suite's
database: SQLite in WAL mode, or PostgreSQL. On SQLite, the same run with
deferred write transactions fails, which is why writes begin IMMEDIATE
(core/database.py).
"""

from __future__ import annotations

import logging

import pytest

from bench import concurrency as bench
from tests.conftest import EXTERNAL_DB


@pytest.fixture
def database_url(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    return EXTERNAL_DB or f"sqlite:///{tmp_path / 'race.sqlite3'}"


def test_concurrent_writers_see_no_errors_and_lose_nothing(database_url, tmp_path):
    outcome = bench.run(database_url, tmp_path, workers=4, seconds=600, threads=True, limit=40)
    assert outcome["requests"] == 160
    assert outcome["errors"] == 0, outcome
    assert outcome["lost_updates"] == 0, outcome
    assert outcome["graduated_twice"] == 0
    assert outcome["certificates_per_graduation"] == [1]
    assert set(outcome["statuses"]) == {302}


@pytest.mark.skipif(bool(EXTERNAL_DB), reason="SQLite's transaction modes; PostgreSQL has none")
def test_on_sqlite_deferred_write_transactions_would_fail(database_url, tmp_path, monkeypatch):
    """The control: without BEGIN IMMEDIATE the same load surfaces errors to users."""
    from core import database

    monkeypatch.setattr(database, "begin_statement", database.begin_statement)  # restored after
    logging.disable(logging.ERROR)  # the expected 500s would log their tracebacks
    try:
        outcome = bench.run(
            database_url, tmp_path, workers=4, seconds=600, threads=True, limit=40, deferred=True
        )
    finally:
        logging.disable(logging.NOTSET)
    assert outcome["errors"] > 0, outcome
