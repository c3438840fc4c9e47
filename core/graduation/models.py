"""Graduation decisions and the referrals they open to the next stage."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.enrollments.models import Enrollment
from core.extensions import db
from core.plugin_api import bilingual
from core.registry.models import Startup
from core.tenancy.models import Tenant
from core.timeutil import utcnow


class Graduation(db.Model):
    """A manager's decision that an enrollment has graduated.

    ``enrollment_id`` is unique: the database itself refuses a second
    graduation of the same enrollment, whatever requests race.
    """

    __tablename__ = "graduations"

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), unique=True
    )
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(32))
    graduated_on: Mapped[date] = mapped_column(Date)
    #: Whether the stage's rules were met when the manager decided.
    eligible: Mapped[bool] = mapped_column(Boolean)
    #: Why an ineligible startup graduated all the same; empty when eligible.
    override_reason: Mapped[str] = mapped_column(Text, default="")
    #: The graduation rules' results at the decision, as the checklist shows them.
    results: Mapped[list] = mapped_column(JSON, default=list)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    enrollment: Mapped[Enrollment] = relationship()
    startup: Mapped[Startup] = relationship()
    tenant: Mapped[Tenant] = relationship()
    decided_by: Mapped[User | None] = relationship()


class Referral(db.Model):
    """An invitation to the startup's founders to apply to the next stage.

    Opened from what plugins answer to ``incuchain_referral_offers``. It
    names no receiving carrier: the founders choose one (the same carrier or
    any other that runs the stage), and nothing reaches that carrier until
    they submit an application there.
    """

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    graduation_id: Mapped[int] = mapped_column(
        ForeignKey("graduations.id", ondelete="CASCADE"), index=True
    )
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(32))
    note_zh: Mapped[str] = mapped_column(Text, default="")
    note_en: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    graduation: Mapped[Graduation] = relationship()

    def note(self, locale: str) -> str:
        return bilingual(locale, self.note_zh, self.note_en)
