"""Applications to a stage at a carrier, and their reviews."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.extensions import db
from core.labelled import LabelledEnum
from core.registry.models import Startup
from core.tenancy.models import Tenant
from core.timeutil import utcnow


class ApplicationStatus(LabelledEnum):
    DRAFT = "draft", _l("Draft")
    SUBMITTED = "submitted", _l("Under review")
    ADMITTED = "admitted", _l("Admitted")
    REJECTED = "rejected", _l("Rejected")
    WITHDRAWN = "withdrawn", _l("Withdrawn")


class Application(db.Model):
    """A startup's application to one stage at one carrier."""

    __tablename__ = "applications"
    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'submitted', 'admitted', 'rejected', 'withdrawn')", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(20), default=ApplicationStatus.DRAFT)
    #: The answers on the stage's intake form, as submitted (or saved as a draft).
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The intake rules' results at submission: code, passed, details, citation.
    intake_results: Mapped[list] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When it was decided, or withdrawn by a founder (``decided_by_id`` then names the founder).
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision_reason: Mapped[str] = mapped_column(Text, default="")

    startup: Mapped[Startup] = relationship()
    tenant: Mapped[Tenant] = relationship()
    reviews: Mapped[list[Review]] = relationship(
        back_populates="application", order_by="Review.id", cascade="all, delete-orphan"
    )


class Review(db.Model):
    """A reviewer's assignment to an application and, once given, their scores."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: ``{criterion key: score 0..10}``
    scores: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The weighted total on a 0..100 scale.
    total: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    comment: Mapped[str] = mapped_column(Text, default="")
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When the reviewer declared no conflict of interest (before their first scores).
    no_conflict_declared_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When the reviewer abstained instead of scoring, and why (optional).
    abstained_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    abstention_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    application: Mapped[Application] = relationship(back_populates="reviews")
    reviewer: Mapped[User] = relationship()
