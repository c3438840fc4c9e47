"""A carrier's tuned values of a stage's settings."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db


class StageSettings(db.Model):
    """Values a carrier changed from the stage's defaults; numbers kept as strings."""

    __tablename__ = "stage_settings"
    __table_args__ = (UniqueConstraint("tenant_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    values: Mapped[dict] = mapped_column(JSON, default=dict)
