"""Score items a carrier's manager enters for an assessment, when no data computes them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.timeutil import utcnow


class ManualScore(db.Model):
    """One entered item, keyed by the plugin's assessment key and item key.

    Who entered it, and what it was before, is in the audit log.
    """

    __tablename__ = "manual_scores"
    __table_args__ = (UniqueConstraint("startup_id", "assessment", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    assessment: Mapped[str] = mapped_column(String(40))
    item: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
