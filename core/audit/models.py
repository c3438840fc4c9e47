"""The append-only audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from core.auth.models import User
from core.extensions import db
from core.tenancy.models import Tenant
from core.timeutil import utcnow


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEvent(db.Model):
    """Who did what to which object, and the values before and after."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``None`` for platform-level events such as creating a carrier.
    tenant_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="RESTRICT"), index=True
    )
    #: ``None`` when the change came from the command line.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    #: The startup the event concerns, if any: its history (``core.registry.history``)
    #: reads the events of its record by this column. No foreign key: the log
    #: outlives what it describes.
    startup_id: Mapped[int | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship()
    tenant: Mapped[Tenant | None] = relationship()


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(_mapper, _connection, target):
    raise AuditLogIsAppendOnly(f"audit event {target.id} cannot be changed")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state):
    if (state.is_update or state.is_delete) and any(
        m.class_ is AuditEvent for m in state.all_mappers
    ):
        raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")
