"""Snapshots of the demo data at one schema revision, for the migration upgrade test.

A snapshot is ``tests/migrations/snapshots/<revision>.json``: every table at
that revision (but ``alembic_version``) with every row of the demo data, as
``flask --app wsgi seed-demo`` leaves it on a database built by the
migrations up to that revision. Values are JSON: dates and times in ISO 8601
(times in UTC), decimals as strings, binary columns (the certificates' PDFs)
in base64. ``tests/migrations/test_upgrade.py`` loads each snapshot at its
revision, upgrades to head and checks the data is intact.

Before writing a revision that transforms data (anything more than adding
tables or nullable columns), snapshot the current head, the revision the new
one builds on, and commit the snapshot with it:

    .venv/bin/python -m tests.migrations.snapshot            # the current head
    .venv/bin/python -m tests.migrations.snapshot REVISION   # must be where the models are

The demo is loaded by today's code, so the models must describe the schema
at ``REVISION``: the script refuses otherwise (check out the commit at which
``REVISION`` was head to snapshot an older one). The data is dated today
(milestones due, applications submitted), so a snapshot made again differs;
keep the committed one unless the demo itself changed.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import JSON, Date, DateTime, LargeBinary, MetaData, Numeric, Table, select

from core import ROOT, create_app, demo
from core.extensions import db

HERE = Path(__file__).resolve().parent
SNAPSHOTS = HERE / "snapshots"
#: Alembic's own table: a snapshot's revision is in its ``revision`` key instead.
SKIPPED_TABLES = {"alembic_version"}


def snapshot_paths() -> list[Path]:
    return sorted(SNAPSHOTS.glob("*.json"))


def reflect(connection) -> MetaData:
    """The tables as they are in the database (the schema at its revision, not the models)."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    for name in SKIPPED_TABLES & set(metadata.tables):
        metadata.remove(metadata.tables[name])
    return metadata


def encode(column, value):
    """A column's value as JSON."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        if value.tzinfo is None:  # SQLite keeps UTC without the zone
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(kind, Date):
        return value.isoformat()
    if isinstance(kind, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(kind, Numeric) and isinstance(value, Decimal):
        return str(value)
    return value


def decode(column, value):
    """A snapshot's JSON value as the column takes it (the inverse of ``encode``)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        moment = datetime.fromisoformat(value)
        return moment if getattr(kind, "timezone", False) else moment.replace(tzinfo=None)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    if isinstance(kind, Numeric):
        return Decimal(value) if kind.asdecimal else float(value)
    return value


def dump(connection, revision: str) -> dict:
    """Every row of every table, ordered by primary key, with the revision they belong to."""
    tables: dict[str, list[dict]] = {}
    for table in reflect(connection).sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        rows = connection.execute(select(table).order_by(*order)).mappings()
        tables[table.name] = [
            {column.name: encode(column, row[column.name]) for column in table.columns}
            for row in rows
        ]
    return {"revision": revision, "tables": tables}


def load_rows(connection, table: Table, rows: list[dict]) -> None:
    """Insert a snapshot's rows into ``table`` as reflected at the snapshot's revision."""
    for column in table.columns:
        if isinstance(column.type, JSON):  # a JSON column's None was a NULL, not JSON null
            column.type = type(column.type)(none_as_null=True)
    if rows:
        connection.execute(
            table.insert(),
            [{c.name: decode(c, row.get(c.name)) for c in table.columns} for row in rows],
        )


def write(snapshot: dict, path: Path) -> None:
    """One row a line, so that a snapshot made again reads as a diff."""
    lines = ["{", f'"revision": {json.dumps(snapshot["revision"])},', '"tables": {']
    names = list(snapshot["tables"])
    for i, name in enumerate(names):
        rows = snapshot["tables"][name]
        body = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)
        rows_json = f"[\n{body}\n]" if rows else "[]"
        lines.append(f"{json.dumps(name)}: {rows_json}{',' if i < len(names) - 1 else ''}")
    lines += ["}", "}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def make(revision: str | None, output: Path | None) -> Path:
    """Load the demo on a new SQLite database at ``revision`` (default: head); its snapshot."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ["INSTANCE_PATH"] = folder
        app = create_app(
            {
                "SECRET_KEY": "snapshot",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'snapshot.sqlite3'}",
                "UPLOAD_DIR": str(Path(folder) / "uploads"),
                "INCUCHAIN_LOAD_ENTRYPOINTS": False,
            }
        )
        with app.app_context():
            upgrade(revision=revision or "head")
            with db.engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
                diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
            if diff:
                sys.exit(
                    f"The models are not at revision {current}: the demo cannot be loaded "
                    f"there by this checkout's code (differences: {diff[:3]}…). Check out the "
                    "commit at which it was head."
                )
            demo.load(ROOT / "demo" / "dataset.json")
            with db.engine.connect() as conn:
                snapshot = dump(conn, current)
            db.session.remove()
            db.engine.dispose()
    path = output or SNAPSHOTS / f"{current}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write(snapshot, path)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", nargs="?", help="the revision to snapshot (default: head)")
    parser.add_argument("--output", type=Path, help="default: snapshots/<revision>.json")
    args = parser.parse_args(argv)
    path = make(args.revision, args.output)
    counts = json.loads(path.read_text(encoding="utf-8"))["tables"]
    print(f"{path}: {sum(map(len, counts.values()))} rows in {len(counts)} tables")


if __name__ == "__main__":
    main()
