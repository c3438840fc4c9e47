"""Backing up and restoring the whole database, for ``flask backup`` / ``flask restore``.

SQLite is copied with its online backup API, which gives a consistent copy
while the app keeps serving (the WAL file's committed pages included).
PostgreSQL is dumped with ``pg_dump -Fc`` and restored with ``pg_restore
--clean``; both tools must match the server's major version. Uploaded files
(``UPLOAD_DIR``) are not in the database: back that folder up beside it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


def _sqlite_path(url: URL) -> str:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return url.database


def _copy_sqlite(source: str, target: str) -> None:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _libpq(url: URL) -> tuple[str, dict]:
    """The libpq connection string for ``url``, the password passed in the environment."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict) -> None:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(f"{args[0]} is not installed") from error
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()}")


def backup(database_url: str, target: Path) -> None:
    """Write a consistent copy of the database at ``database_url`` to ``target``."""
    url = make_url(database_url)
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists; choose a new file name")
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(_sqlite_path(url), str(target))
    elif url.get_backend_name() == "postgresql":
        dsn, env = _libpq(url)
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", dsn], env)
    else:
        raise BackupError(f"no backup method for {url.get_backend_name()}")


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an intact SQLite database."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database: {error}") from error
    if ok != "ok":
        raise BackupError(f"{path} is damaged: {ok}")


def sqlite_revision(path: Path) -> str | None:
    """The Alembic revision an (intact) SQLite file is at, ``None`` when it has none."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        try:
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.DatabaseError:
            return None
    return rows[0][0] if len(rows) == 1 else None


def dump_revision(path: Path) -> str | None:
    """The Alembic revision a pg_dump archive holds, ``None`` when it has none."""
    try:
        done = subprocess.run(
            ["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as error:
        raise BackupError("pg_restore is not installed") from error
    if done.returncode != 0:
        raise BackupError(f"{path} is not a pg_dump archive: {done.stderr.strip()}")
    rows, copying = [], False
    for line in done.stdout.splitlines():
        if line.startswith("COPY ") and "alembic_version" in line:
            copying = True
        elif copying and line == "\\.":
            break
        elif copying and line:
            rows.append(line.strip())
    return rows[0] if len(rows) == 1 else None


def check_revision(revision: str | None, source: Path, known: Collection[str]) -> None:
    """Refuse a backup that is not an IncuChain database at one of ``known`` revisions."""
    if revision is None:
        raise BackupError(
            f"{source} is not an IncuChain database: it records no migration revision"
        )
    if revision not in known:
        raise BackupError(
            f"{source} is at migration revision {revision}, which this version of "
            "IncuChain does not know; restore it with the version that made it"
        )


def keep_current(database_url: str, folder: Path) -> Path:
    """Back up the database as it is now into ``folder``, before a restore replaces it."""
    url = make_url(database_url)
    suffix = ".sqlite3" if url.get_backend_name() == "sqlite" else ".backup"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"before-restore-{stamp}{suffix}"
    backup(database_url, target)
    return target


def restore(
    database_url: str, source: Path, *, known_revisions: Collection[str], keep_in: Path
) -> Path:
    """Replace every table of the database at ``database_url`` with the backup ``source``.

    The backup must be an IncuChain database at one of ``known_revisions``
    (this version's migrations); what it replaces is first backed up into
    ``keep_in``, and that copy's path is returned. Stop the app servers
    first: their open connections would otherwise see the database change
    under them (PostgreSQL would wait on their locks).
    """
    url = make_url(database_url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} does not exist")
    if url.get_backend_name() == "sqlite":
        check_sqlite_file(source)
        check_revision(sqlite_revision(source), source, known_revisions)
        kept = keep_current(database_url, keep_in)
        _copy_sqlite(str(source), _sqlite_path(url))
    elif url.get_backend_name() == "postgresql":
        check_revision(dump_revision(source), source, known_revisions)
        kept = keep_current(database_url, keep_in)
        dsn, env = _libpq(url)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={dsn}",
                str(source),
            ],
            env,
        )
    else:
        raise BackupError(f"no restore method for {url.get_backend_name()}")
    return kept
