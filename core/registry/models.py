"""Startups, what they report, and their enrollments at carriers' stages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.extensions import db
from core.plugin_api import bilingual
from core.timeutil import utcnow

#: Money in 万元 with four decimals, i.e. to the yuan.
Money = Numeric(16, 4)

startup_founders = Table(
    "startup_founders",
    db.metadata,
    Column("startup_id", ForeignKey("startups.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Startup(db.Model):
    """A team or company; it may move between carriers as it climbs the chain."""

    __tablename__ = "startups"
    __table_args__ = (CheckConstraint("kind IN ('team', 'company')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(160), default="")
    #: ``team`` until the founders register a company.
    kind: Mapped[str] = mapped_column(String(10), default="team")
    #: A ``tech_field`` term of the vocabulary (``core.vocabulary``).
    tech_field: Mapped[str] = mapped_column(String(40))
    #: 统一社会信用代码, normalised (half-width, upper case), once registered.
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    #: Why a manager accepted a credit code that fails the GB 32100 check.
    credit_code_override: Mapped[str] = mapped_column(String(300), default="")
    founded_on: Mapped[date | None] = mapped_column(Date)
    address: Mapped[str] = mapped_column(String(200), default="")
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    founders: Mapped[list[User]] = relationship(secondary=startup_founders)

    def name(self, locale: str) -> str:
        return bilingual(locale, self.name_zh, self.name_en)


class AnnualFigures(db.Model):
    """What a startup reports for one year; money in 万元."""

    __tablename__ = "annual_figures"
    __table_args__ = (UniqueConstraint("startup_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    revenue: Mapped[Decimal | None] = mapped_column(Money)
    rd_expense: Mapped[Decimal | None] = mapped_column(Money)
    #: The part of ``rd_expense`` spent in mainland China.
    rd_expense_domestic: Mapped[Decimal | None] = mapped_column(Money)
    total_cost: Mapped[Decimal | None] = mapped_column(Money)
    employees: Mapped[int | None] = mapped_column(Integer)
    tech_staff: Mapped[int | None] = mapped_column(Integer)
    total_assets: Mapped[Decimal | None] = mapped_column(Money)
    liabilities: Mapped[Decimal | None] = mapped_column(Money)
    high_tech_revenue: Mapped[Decimal | None] = mapped_column(Money)
    tax_paid: Mapped[Decimal | None] = mapped_column(Money)


#: The figures a startup reports each year, as named on ``AnnualFigures``.
FIGURE_FIELDS = (
    "revenue",
    "rd_expense",
    "rd_expense_domestic",
    "total_cost",
    "employees",
    "tech_staff",
    "total_assets",
    "liabilities",
    "high_tech_revenue",
    "tax_paid",
)


class FundingRound(db.Model):
    __tablename__ = "funding_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[date] = mapped_column(Date)
    #: 万元
    amount: Mapped[Decimal] = mapped_column(Money)
    investor: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))


class IPAsset(db.Model):
    """A patent, copyright, trademark or other right; its class (Ⅰ/Ⅱ) follows from the kind.

    The dates are those on the documents: ``filed_on`` the application (申请日,
    from which a patent's term and its patent years run), ``published_on`` the
    publication (a software's first publication, from which its term runs),
    ``granted_on`` the grant or registration announcement (授权公告日, 核准注册日).
    The legal life derived from them is ``core.ip``'s.
    """

    __tablename__ = "ip_assets"
    __table_args__ = (CheckConstraint("status IN ('applied', 'granted')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10))
    #: The application or registration number, normalised (``core.registry.ip_numbers``).
    number: Mapped[str] = mapped_column(String(60), default="")
    filed_on: Mapped[date | None] = mapped_column(Date)
    published_on: Mapped[date | None] = mapped_column(Date)
    granted_on: Mapped[date | None] = mapped_column(Date)
    #: 实质审查 requested (发明 only; 专利法 第三十五条).
    exam_requested_on: Mapped[date | None] = mapped_column(Date)
    #: The IPC main group of a patent, e.g. ``G06F 16/00``.
    ipc_main_group: Mapped[str] = mapped_column(String(20), default="")
    #: Owners besides the startup, one per line.
    co_owners: Mapped[str] = mapped_column(Text, default="")
    #: Granted family members abroad, one per line (e.g. ``US 11234567 B2``).
    overseas_family: Mapped[str] = mapped_column(Text, default="")
    #: An ``IP_AWARDS`` key (国家科学技术奖, 中国专利奖…), or ``""``.
    award: Mapped[str] = mapped_column(String(30), default="")
    award_year: Mapped[int | None] = mapped_column(Integer)
    #: 专利权期限补偿 in days, as CNIPA decided it (专利法 第四十二条); never computed.
    term_extension_days: Mapped[int | None] = mapped_column(Integer)
    #: Receipt of CNIPA's notice that the right terminated (the restoration window runs from it).
    termination_notice_on: Mapped[date | None] = mapped_column(Date)
    #: Declared invalid (宣告无效) on this day.
    invalidated_on: Mapped[date | None] = mapped_column(Date)

    def owners(self) -> list[str]:
        return [line.strip() for line in self.co_owners.splitlines() if line.strip()]

    def family(self) -> list[str]:
        return [line.strip() for line in self.overseas_family.splitlines() if line.strip()]


class Certification(db.Model):
    """A recognition such as 科技型中小企业 or 高新技术企业."""

    __tablename__ = "certifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    #: A ``certification`` term of the vocabulary (``core.vocabulary``).
    kind: Mapped[str] = mapped_column(String(20))
    #: Registration or certificate number.
    number: Mapped[str] = mapped_column(String(60), default="")
    #: Evaluation year, for yearly registrations (科技型中小企业).
    year: Mapped[int | None] = mapped_column(Integer)
    issued_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)


class CorporateEvent(db.Model):
    """An exit event: acquired, merged or listed."""

    __tablename__ = "corporate_events"
    __table_args__ = (CheckConstraint("kind IN ('acquired', 'listed')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(300), default="")


class LinkState:
    """How far a startup shares its record with a carrier (``CarrierLink.state``)."""

    #: An application is under review there: its staff see the record.
    APPLIED = "applied"
    #: It is (or was) enrolled there: its staff see the record.
    ENROLLED = "enrolled"
    #: Every application there was rejected (or withdrawn) and it never enrolled: the
    #: carrier keeps its own applications and decisions, nothing of the record.
    CLOSED = "closed"

    #: The states in which the carrier sees the record.
    OPEN = (APPLIED, ENROLLED)


class CarrierLink(db.Model):
    """A carrier a startup shared its record with: it applied there (beyond a draft) or enrolled.

    While the link is open (``LinkState.OPEN``) the carrier's managers, and
    its reviewers assigned to one of the startup's applications there, see the
    startup's record (``core.registry.access``). Submitting an application and
    enrolling open it, through ``core.registry.operations.link``; rejecting the
    last pending application of a startup never enrolled there closes it
    (``close``), and a new submission opens it again.
    """

    __tablename__ = "carrier_links"
    __table_args__ = (
        UniqueConstraint("startup_id", "tenant_id"),
        CheckConstraint("state IN ('applied', 'enrolled', 'closed')", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    startup_id: Mapped[int] = mapped_column(
        ForeignKey("startups.id", ondelete="CASCADE"), index=True
    )
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(10), default=LinkState.APPLIED)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
