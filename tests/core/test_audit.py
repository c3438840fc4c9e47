"""The audit log is append-only."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from core.audit.models import AuditEvent, AuditLogIsAppendOnly
from core.extensions import db


@pytest.fixture
def event_id(app, factory):
    factory.tenant("alpha")
    with app.app_context():
        return db.session.scalar(select(AuditEvent.id))


def test_an_audit_event_cannot_be_edited(app, event_id):
    with app.app_context():
        event = db.session.get(AuditEvent, event_id)
        event.action = "tenant.forged"
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(AuditEvent, event_id).action == "tenant.created"


def test_an_audit_event_cannot_be_deleted(app, event_id):
    with app.app_context():
        db.session.delete(db.session.get(AuditEvent, event_id))
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()


@pytest.mark.parametrize(
    "statement",
    [update(AuditEvent).values(action="x"), delete(AuditEvent)],
    ids=["bulk update", "bulk delete"],
)
def test_bulk_statements_cannot_change_the_log(app, event_id, statement):
    with app.app_context():
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.execute(statement)
        db.session.rollback()
        assert db.session.get(AuditEvent, event_id) is not None
