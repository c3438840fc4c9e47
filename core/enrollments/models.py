"""Enrollments of startups at carriers' stages, and their milestones."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.extensions import db
from core.labelled import LabelledEnum
from core.plugin_api import bilingual
from core.registry.models import Startup
from core.tenancy.models import Tenant
from core.timeutil import utcnow


class EnrollmentStatus(LabelledEnum):
    ACTIVE = "active", _l("Active")
    GRADUATED = "graduated", _l("Graduated")
    WITHDRAWN = "withdrawn", _l("Withdrawn")
    EXPIRED = "expired", _l("Expired")


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
    #: The stage's time limit for this startup, fixed at admission.
    time_limit_months: Mapped[int | None] = mapped_column(Integer)
    #: ``admitted_on`` plus the time limit; ``None`` when the stage has none.
    due_on: Mapped[date | None] = mapped_column(Date)
    #: The day the enrollment ended: graduated, withdrawn or expired.
    ended_on: Mapped[date | None] = mapped_column(Date)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    startup: Mapped[Startup] = relationship()
    tenant: Mapped[Tenant] = relationship()


class MilestoneStatus(LabelledEnum):
    OPEN = "open", _l("Open")
    IN_PROGRESS = "in_progress", _l("In progress")
    SUBMITTED = "submitted", _l("Awaiting verification")
    RETURNED = "returned", _l("Sent back")
    VERIFIED = "verified", _l("Verified")


class Milestone(db.Model):
    """One milestone of an enrollment, from a stage template or added by a manager."""

    __tablename__ = "milestones"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "key"),
        CheckConstraint(
            "status IN ('open', 'in_progress', 'submitted', 'returned', 'verified')",
            name="status",
        ),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(60))
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Added by a manager for this enrollment only.
    custom: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default=MilestoneStatus.OPEN)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    enrollment: Mapped[Enrollment] = relationship()

    def title(self, locale: str) -> str:
        return bilingual(locale, self.title_zh, self.title_en)

    def is_overdue(self, today: date) -> bool:
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status != MilestoneStatus.VERIFIED
        )


class MilestoneChange(db.Model):
    """The history of a milestone: every update, submission, verification and return."""

    __tablename__ = "milestone_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: ``created``, ``updated``, ``evidence``, ``verified`` or ``returned``.
    action: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    progress: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")

    milestone: Mapped[Milestone] = relationship()
    actor: Mapped[User | None] = relationship()


class Evidence(db.Model):
    """A file attached to a milestone, stored outside the web root under a random name."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), index=True
    )
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    original_name: Mapped[str] = mapped_column(String(200))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
