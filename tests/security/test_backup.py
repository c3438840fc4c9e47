"""``flask backup`` and ``flask restore``: a round trip gives back every row of every table.

Runs on the suite's database: SQLite's online backup API, or pg_dump and
pg_restore on PostgreSQL.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, update

from core import backup
from core.extensions import db
from core.registry.models import Startup
from tests.security import world as seeded


def snapshot() -> dict[str, list[tuple]]:
    """Every table's rows, ordered by primary key."""
    tables = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table).order_by(*table.primary_key.columns))
        tables[table.name] = [tuple(row) for row in rows]
    return tables


def test_a_backup_restored_gives_back_every_table(app, runner, tmp_path):
    seeded.build(app)
    with app.app_context():
        before = snapshot()
    assert sum(map(len, before.values())) > 50
    target = tmp_path / "incuchain.backup"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0

    with app.app_context():  # changes made after the backup
        db.session.execute(update(Startup).values(name_zh="改过的名字"))
        db.session.add(Startup(name_zh="备份之后的公司", kind="team", tech_field="new_materials"))
        db.session.commit()
        assert snapshot() != before

    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert "Restored the database" in result.output
    with app.app_context():
        assert snapshot() == before


def test_restore_asks_first(app, runner, tmp_path):
    target = tmp_path / "b.backup"
    runner.invoke(args=["backup", str(target)])
    result = runner.invoke(args=["restore", str(target)], input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output


def test_backup_refuses_to_overwrite_a_file(runner, tmp_path):
    target = tmp_path / "exists.backup"
    target.write_bytes(b"keep me")
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 1 and "exists" in result.output
    assert target.read_bytes() == b"keep me"


def test_restore_refuses_a_missing_or_foreign_file(app, runner, tmp_path):
    seeded_rows = None
    with app.app_context():
        seeded_rows = snapshot()
    result = runner.invoke(args=["restore", str(tmp_path / "none.backup"), "--yes"])
    assert result.exit_code == 1 and "does not exist" in result.output
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all" * 100)
    result = runner.invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code == 1 and "Error" in result.output
    with app.app_context():
        assert snapshot() == seeded_rows


def test_a_sqlite_backup_is_a_complete_database_file(tmp_path):
    source = tmp_path / "live.sqlite3"
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
    copy = tmp_path / "copy.sqlite3"
    backup.backup(f"sqlite:///{source}", copy)
    backup.check_sqlite_file(copy)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]


@pytest.mark.parametrize("url", ["sqlite://", "mysql://localhost/x"])
def test_unsupported_databases_are_refused_clearly(url, tmp_path):
    with pytest.raises(backup.BackupError):
        backup.backup(url, tmp_path / "x")
