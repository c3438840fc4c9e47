"""``flask backup`` and ``flask restore``: a round trip gives back every row of every table.

Runs on the suite's database: SQLite's online backup API, or pg_dump and
pg_restore on PostgreSQL.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, text, update

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


def stamp(app) -> None:
    """Mark the test's database (made by ``create_all``) as at the newest migration."""
    from flask_migrate import stamp as alembic_stamp

    with app.app_context():
        alembic_stamp()


@pytest.fixture(autouse=True)
def _no_revision_left(app):
    """On PostgreSQL the schema outlives the test: take the stamp away again."""
    yield
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def test_a_backup_restored_gives_back_every_table(app, runner, tmp_path):
    seeded.build(app)
    stamp(app)
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

    with app.app_context():
        changed = snapshot()
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert "Restored the database" in result.output
    with app.app_context():
        assert snapshot() == before
    # What it replaced is kept, and restores like any backup.
    kept = [p for p in (tmp_path / "instance" / "backups").iterdir()]
    assert len(kept) == 1 and str(kept[0]) in result.output.replace("\n", "")
    result = runner.invoke(args=["restore", str(kept[0]), "--yes"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert snapshot() == changed


def test_restore_refuses_a_database_that_is_not_incuchains(app, runner, tmp_path):
    """A SQLite file with one table ``foo`` once replaced the whole database."""
    unstamped = tmp_path / "unstamped.backup"
    runner.invoke(args=["backup", str(unstamped)])  # a database without a migration revision
    stamp(app)
    with app.app_context():
        before = snapshot()
    foreign = tmp_path / "foo.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE foo (x)")
    for file in (foreign, unstamped):
        result = runner.invoke(args=["restore", str(file), "--yes"])
        assert result.exit_code == 1
        assert (
            "is not an IncuChain database: it records no migration revision" in result.output
            or (file == foreign and "is not a pg_dump archive" in result.output)
        ), result.output
    with app.app_context():
        assert snapshot() == before
    assert not (tmp_path / "instance" / "backups").exists()


def test_restore_refuses_a_backup_at_an_unknown_revision(app, runner, tmp_path):
    stamp(app)
    target = tmp_path / "later.backup"
    runner.invoke(args=["backup", str(target)])
    if db_is_sqlite(app):
        with sqlite3.connect(target) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    else:
        with app.app_context(), db.engine.begin() as conn:
            head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeedbeef'"))
        target.unlink()
        runner.invoke(args=["backup", str(target)])
        with app.app_context(), db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 1
    assert "is at migration revision f00dfeedbeef, which this version" in result.output


def db_is_sqlite(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")


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
