"""What happens to an IP right after it is recorded: annuities paid, and 转移 events."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.registry.models import IPAsset, Money
from core.timeutil import utcnow

#: Official fees in 元, to the fen.
Yuan = Numeric(12, 2)


class AnnuityPayment(db.Model):
    """The annuity (年费) of one patent year, paid (细则 第一百一十五条)."""

    __tablename__ = "ip_annuity_payments"
    __table_args__ = (UniqueConstraint("ip_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ip_id: Mapped[int] = mapped_column(ForeignKey("ip_assets.id", ondelete="CASCADE"), index=True)
    #: The patent year, counted from the filing date (the first year is 1).
    year: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date] = mapped_column(Date)
    amount_yuan: Mapped[Decimal | None] = mapped_column(Yuan)
    #: The 滞纳金 paid with it, in 元.
    surcharge_yuan: Mapped[Decimal | None] = mapped_column(Yuan)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    ip: Mapped[IPAsset] = relationship()


class EventKind:
    """What can happen to a right (``IPEvent.kind``)."""

    #: 转让: effective on its registration (专利法 第十条).
    ASSIGNMENT = "assignment"
    #: 实施许可: to be filed within three months (细则 第十五条).
    LICENCE = "licence"
    #: 质押: set up on registration (民法典 第四百四十四条).
    PLEDGE = "pledge"
    #: 恢复权利 granted by CNIPA after a lapse (细则 第六条).
    RESTORATION = "restoration"
    #: A trademark's 续展 (商标法 第四十条).
    RENEWAL = "renewal"

    ALL = (ASSIGNMENT, LICENCE, PLEDGE, RESTORATION, RENEWAL)


#: 独占 / 排他 / 普通 许可.
LICENCE_KINDS = ("exclusive", "sole", "ordinary")


class IPEvent(db.Model):
    """One 转移 or other recorded event of a right, dated as registered."""

    __tablename__ = "ip_events"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('assignment', 'licence', 'pledge', 'restoration', 'renewal')", name="kind"
        ),
        CheckConstraint("direction IN ('in', 'out')", name="direction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ip_id: Mapped[int] = mapped_column(ForeignKey("ip_assets.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: Registered (assignment, pledge), effective (licence) or decided (restoration, renewal).
    happened_on: Mapped[date] = mapped_column(Date, index=True)
    #: Assignee or assignor, licensee, pledgee (质权人).
    counterparty: Mapped[str] = mapped_column(String(200), default="")
    #: ``out``: the startup assigns or licenses to the counterparty; ``in``: it acquires.
    direction: Mapped[str] = mapped_column(String(3), default="out")
    #: A licence's kind, one of ``LICENCE_KINDS``.
    licence_kind: Mapped[str] = mapped_column(String(10), default="")
    #: A licence's filing (备案) with CNIPA.
    filed_on: Mapped[date | None] = mapped_column(Date)
    #: A licence's or a pledge's end.
    ends_on: Mapped[date | None] = mapped_column(Date)
    #: A pledge's secured amount (被担保主债权金额), in 万元.
    amount: Mapped[Decimal | None] = mapped_column(Money)
    #: A pledge's release (注销).
    released_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    ip: Mapped[IPAsset] = relationship()
