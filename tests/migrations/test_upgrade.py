"""Upgrading a database that holds data: the demo, as it was at each snapshot's revision,
survives ``flask --app wsgi init-db`` (Alembic's upgrade to head) intact.

Each file in ``snapshots/`` is one case (``snapshot.py`` says how one is made):
the database is built by the migrations up to the snapshot's revision, its
rows are inserted into the tables as they were at that revision, then the
migrations run to head and the data is read back through today's models.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, inspect, select, table, text

from core.audit.models import AuditEvent
from core.auth.models import User
from core.certificates.models import Certificate
from core.extensions import db
from core.enrollments.models import Enrollment
from core.registry.models import CarrierLink, Startup
from core.tenancy.models import Tenant
from tests.conftest import EXTERNAL_DB, empty_database
from tests.migrations import snapshot as snapshots


def utc(moment: datetime) -> datetime:
    """SQLite gives back UTC without its zone; PostgreSQL in the session's zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def by_id(rows: list[dict]) -> dict[int, dict]:
    return {row["id"]: row for row in rows}


@pytest.fixture
def bare_app(make_app):
    """An app whose database has no tables at all; the suite's schema is back afterwards."""
    app = make_app()
    with app.app_context():
        empty_database()
        db.drop_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        if EXTERNAL_DB:
            # The worker's PostgreSQL database is shared by the tests after this one.
            db.create_all()


def load_snapshot(data: dict) -> None:
    """Build the schema at the snapshot's revision and insert its rows there."""
    upgrade(revision=data["revision"])
    with db.engine.begin() as conn:
        tables = snapshots.reflect(conn)
        assert set(tables.tables) == set(data["tables"]), "the snapshot is not of this revision"
        for reflected in tables.sorted_tables:
            snapshots.load_rows(conn, reflected, data["tables"][reflected.name])
        if conn.dialect.name == "postgresql":  # rows came with their ids: move the sequences on
            for reflected in tables.sorted_tables:
                if "id" in reflected.columns and data["tables"][reflected.name]:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{reflected.name}', 'id'), "
                            f"(SELECT max(id) FROM {reflected.name}))"
                        )
                    )


@pytest.mark.parametrize("path", snapshots.snapshot_paths(), ids=lambda path: path.stem)
def test_the_demo_data_at_an_earlier_revision_survives_the_upgrade_to_head(bare_app, path):
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["tables"]
    assert rows["users"] and rows["startups"] and rows["audit_events"], "an empty snapshot"
    with bare_app.app_context():
        load_snapshot(data)
        upgrade()

        present = set(inspect(db.engine).get_table_names())
        counts = {
            name: db.session.scalar(select(func.count()).select_from(table(name)))
            for name in rows
            if name in present
        }
        # Rebuilding a table on SQLite must neither cascade to nor orphan its children.
        assert counts == {name: len(kept) for name, kept in rows.items()}
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []

        assert set(db.session.scalars(select(User.email))) == {u["email"] for u in rows["users"]}
        # Every account that existed before email verification counts as verified.
        assert all(u.email_verified and u.locale == "zh_CN" for u in db.session.scalars(select(User)))
        admins = db.session.scalars(select(User.email).where(User.is_platform_admin)).all()
        assert admins == [u["email"] for u in rows["users"] if u["is_platform_admin"]]
        assert set(db.session.scalars(select(Tenant.slug))) == {t["slug"] for t in rows["tenants"]}

        startups = db.session.execute(select(Startup.name_zh, Startup.credit_code)).all()
        assert set(startups) == {(s["name_zh"], s["credit_code"]) for s in rows["startups"]}

        startup_names = {s["id"]: s["name_zh"] for s in rows["startups"]}
        tenant_slugs = {t["id"]: t["slug"] for t in rows["tenants"]}
        enrollments = db.session.execute(
            select(
                Startup.name_zh,
                Tenant.slug,
                Enrollment.stage,
                Enrollment.status,
                Enrollment.admitted_on,
                Enrollment.due_on,
                Enrollment.ended_on,
            )
            .join(Enrollment.startup)
            .join(Enrollment.tenant)
        ).all()
        assert sorted(enrollments) == sorted(
            (
                startup_names[e["startup_id"]],
                tenant_slugs[e["tenant_id"]],
                e["stage"],
                e["status"],
                date.fromisoformat(e["admitted_on"]),
                date.fromisoformat(e["due_on"]) if e["due_on"] else None,
                date.fromisoformat(e["ended_on"]) if e["ended_on"] else None,
            )
            for e in rows["enrollments"]
        )

        emails = {u["id"]: u["email"] for u in rows["users"]}
        events = db.session.execute(
            select(AuditEvent.id, AuditEvent.action, AuditEvent.created_at, User.email).outerjoin(
                AuditEvent.actor
            )
        ).all()
        kept = by_id(rows["audit_events"])
        assert Counter(e.action for e in events) == Counter(e["action"] for e in kept.values())
        for event in events:
            assert utc(event.created_at) == datetime.fromisoformat(kept[event.id]["created_at"])
            assert event.email == emails.get(kept[event.id]["actor_id"])
        first = db.session.get(AuditEvent, rows["audit_events"][0]["id"])
        assert first.after == rows["audit_events"][0]["after"]

        certificates = db.session.scalars(select(Certificate)).all()
        assert {c.serial for c in certificates} == {c["serial"] for c in rows["certificates"]}
        for certificate in certificates:
            assert certificate.pdf.startswith(b"%PDF-")
            assert hashlib.sha256(certificate.pdf).hexdigest() == certificate.sha256

        # Data the later revisions derive from what was there.
        graduated_from = {g["id"]: g["enrollment_id"] for g in rows["graduations"]}
        for certificate in certificates:
            assert certificate.enrollment_id == graduated_from[certificate.graduation_id]
        # Each event names the startup it concerns (the startup's history reads them so).
        owners = {
            "Enrollment": {e["id"]: e["startup_id"] for e in rows["enrollments"]},
            "Application": {a["id"]: a["startup_id"] for a in rows["applications"]},
        }
        concerned = db.session.execute(
            select(AuditEvent.object_type, AuditEvent.object_id, AuditEvent.startup_id)
        ).all()
        assert any(t in owners for t, _id, _s in concerned)
        for object_type, object_id, startup_id in concerned:
            expected = owners.get(object_type, {}).get(int(object_id))
            assert startup_id == expected, (object_type, object_id)
        links = set(db.session.execute(select(CarrierLink.startup_id, CarrierLink.tenant_id)))
        assert links == {(e["startup_id"], e["tenant_id"]) for e in rows["enrollments"]} | {
            (a["startup_id"], a["tenant_id"]) for a in rows["applications"] if a["status"] != "draft"
        }
        # A link's state: enrolled there, an application pending or admitted, or closed.
        enrolled_at = {(e["startup_id"], e["tenant_id"]) for e in rows["enrollments"]}
        pending_at = {
            (a["startup_id"], a["tenant_id"])
            for a in rows["applications"]
            if a["status"] in ("submitted", "admitted")
        }
        states = db.session.execute(
            select(CarrierLink.startup_id, CarrierLink.tenant_id, CarrierLink.state)
        ).all()
        for startup_id, tenant_id, state in states:
            pair = (startup_id, tenant_id)
            expected = (
                "enrolled" if pair in enrolled_at else "applied" if pair in pending_at else "closed"
            )
            assert state == expected, pair
