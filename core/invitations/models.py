"""Invitations: access offered to an email address, taken up by the verified owner of it."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.extensions import db
from core.labelled import LabelledEnum
from core.timeutil import utcnow


class InvitationStatus(LabelledEnum):
    PENDING = "pending", _l("Pending")
    EXPIRED = "expired", _l("Expired")
    ACCEPTED = "accepted", _l("Accepted")
    WITHDRAWN = "withdrawn", _l("Withdrawn")


class Invitation(db.Model):
    """An offer of what a ``kind`` grants (a role at a carrier, a startup's founder) to ``email``.

    Only a hash of the link's token is kept, so reading the table gives nobody
    a working link.
    """

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Which registered kind (``core.invitations.kinds``): "membership", "founder", …
    kind: Mapped[str] = mapped_column(String(20))
    #: The row the kind grants access to: a carrier's id for "membership", a startup's for
    #: "founder".
    target_id: Mapped[int] = mapped_column(Integer, index=True)
    role: Mapped[str] = mapped_column(String(20), default="")
    #: The carrier whose log records it, when there is one.
    tenant_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    @property
    def status(self) -> InvitationStatus:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.withdrawn_at is not None:
            return InvitationStatus.WITHDRAWN
        expires = self.expires_at
        now = utcnow()
        if expires.tzinfo is None:  # SQLite gives back UTC without its zone
            now = now.replace(tzinfo=None)
        return InvitationStatus.EXPIRED if expires <= now else InvitationStatus.PENDING

    @property
    def open(self) -> bool:
        """Not accepted and not withdrawn: listed where it was made, and may be withdrawn."""
        return self.accepted_at is None and self.withdrawn_at is None
