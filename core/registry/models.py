"""Startups and their enrollments at carriers' stages."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.extensions import db
from core.tenancy.models import Tenant
from core.timeutil import utcnow

startup_founders = Table(
    "startup_founders",
    db.metadata,
    Column("startup_id", ForeignKey("startups.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Startup(db.Model):
    """A team or company; it may move between carriers as it climbs the chain."""

    __tablename__ = "startups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(160), default="")
    #: Key into ``core.registry.fields.TECH_FIELDS``.
    tech_field: Mapped[str] = mapped_column(String(40))
    #: 统一社会信用代码, once the team has registered a company.
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    founded_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    founders: Mapped[list[User]] = relationship(secondary=startup_founders)

    def name(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") and self.name_en else self.name_zh


class EnrollmentStatus(enum.StrEnum):
    ACTIVE = "active"
    GRADUATED = "graduated"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class Enrollment(db.Model):
    """A startup admitted to one stage at one carrier."""

    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("startup_id", "tenant_id", "stage"),
        CheckConstraint("status IN ('active', 'graduated', 'withdrawn', 'expired')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(20), default=EnrollmentStatus.ACTIVE)
    admitted_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    startup: Mapped[Startup] = relationship()
    tenant: Mapped[Tenant] = relationship()
