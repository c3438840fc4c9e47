"""The record of reminders sent, which makes ``send-reminders`` safe to run again."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.timeutil import utcnow


class ReminderSent(db.Model):
    """One warning item reminded to one person on one day (China's date).

    The unique constraint is the "at most once per item per day" guarantee:
    the in-app notification is added in the same transaction as this row, and
    the email is marked sent once the mail server has accepted it.
    """

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("item_key", "user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``<warning kind>:<reference>``, e.g. ``milestone.overdue:42``.
    item_key: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    emailed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
