"""The city view: every carrier side by side, and the city's total as their sum.

Per carrier, for the platform admin (the city's science bureau):

- active startups per stage, now;
- the ladder 微成长、小升高、高变强: startups active at the carrier holding,
  today, a recognition of each rung (the certification kinds with a
  ``rung`` in the vocabulary: 科技型中小企业, 高新技术企业, 创新型中小企业,
  专精特新…), valid by its kind's one validity rule;
- graduations in the chosen year (by the day the enrollment ended);
- funding raised in that year while enrolled at the carrier (each round once
  per carrier, whatever the number of its stages there);
- R&D spend reported for that year by startups enrolled at the carrier at
  some time in that year.

A startup enrolled at two carriers counts at both, so the city's total is
the sum of the carriers, as the bureau adds up carriers' statistics.
Six queries, whatever the number of carriers and startups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, extract, func, or_, select

from core.enrollments.models import Enrollment, EnrollmentStatus
from core.extensions import db
from core.plugin_api import CERTIFICATION
from core.plugins import incuchain
from core.registry.models import AnnualFigures, Certification, FundingRound
from core.tenancy.models import Tenant


def ladder() -> tuple[str, ...]:
    """The ladder's rungs in order: certification kinds of the vocabulary."""
    return tuple(term.key for term in incuchain().vocabulary.ladder())


@dataclass
class CarrierRow:
    tenant: Tenant | None
    active: dict[str, int] = field(default_factory=dict)
    ladder: dict[str, int] = field(default_factory=dict)
    graduations: int = 0
    funding: Decimal = Decimal(0)
    rd_spend: Decimal = Decimal(0)

    @property
    def active_total(self) -> int:
        return sum(self.active.values())


@dataclass(frozen=True)
class CityView:
    year: int
    stages: list
    rows: list[CarrierRow]
    #: The certification kinds of the ladder's rungs, lowest first.
    ladder: tuple[str, ...] = ()

    @property
    def total(self) -> CarrierRow:
        """The city: the sum of the carriers, column by column."""
        total = CarrierRow(None)
        for row in self.rows:
            for key, n in row.active.items():
                total.active[key] = total.active.get(key, 0) + n
            for key, n in row.ladder.items():
                total.ladder[key] = total.ladder.get(key, 0) + n
            total.graduations += row.graduations
            total.funding += row.funding
            total.rd_spend += row.rd_spend
        return total


def _in_year(column, year: int):
    return and_(column >= date(year, 1, 1), column <= date(year, 12, 31))


def build(stages, year: int, today: date) -> CityView:
    tenants = db.session.scalars(select(Tenant).order_by(Tenant.name_zh, Tenant.id)).all()
    rows = {t.id: CarrierRow(t) for t in tenants}
    active = Enrollment.status == EnrollmentStatus.ACTIVE

    for tenant_id, stage, n in db.session.execute(
        select(Enrollment.tenant_id, Enrollment.stage, func.count())
        .where(active)
        .group_by(Enrollment.tenant_id, Enrollment.stage)
    ):
        rows[tenant_id].active[stage] = n

    vocabulary = incuchain().vocabulary
    rungs = ladder()
    counted = [
        t.key for t in vocabulary.terms(CERTIFICATION) if vocabulary.counts_as(t.key) & set(rungs)
    ]
    holders = defaultdict(set)
    for tenant_id, certification in db.session.execute(
        select(Enrollment.tenant_id, Certification)
        .join(Certification, Certification.startup_id == Enrollment.startup_id)
        .where(active, Certification.kind.in_(counted))
    ):
        if vocabulary.valid_on(certification, today):
            for kind in vocabulary.counts_as(certification.kind) & set(rungs):
                holders[tenant_id, kind].add(certification.startup_id)
    for (tenant_id, kind), startups in holders.items():
        rows[tenant_id].ladder[kind] = len(startups)

    for tenant_id, n in db.session.execute(
        select(Enrollment.tenant_id, func.count())
        .where(
            Enrollment.status == EnrollmentStatus.GRADUATED,
            extract("year", Enrollment.ended_on) == year,
        )
        .group_by(Enrollment.tenant_id)
    ):
        rows[tenant_id].graduations = n

    rounds = (
        select(Enrollment.tenant_id, FundingRound.id, FundingRound.amount)
        .join(FundingRound, FundingRound.startup_id == Enrollment.startup_id)
        .where(
            _in_year(FundingRound.date, year),
            FundingRound.date >= Enrollment.admitted_on,
            or_(Enrollment.ended_on.is_(None), FundingRound.date <= Enrollment.ended_on),
        )
        .distinct()
        .subquery()
    )
    for tenant_id, amount in db.session.execute(
        select(rounds.c.tenant_id, func.sum(rounds.c.amount)).group_by(rounds.c.tenant_id)
    ):
        rows[tenant_id].funding = Decimal(amount or 0)

    figures = (
        select(Enrollment.tenant_id, AnnualFigures.id, AnnualFigures.rd_expense)
        .join(AnnualFigures, AnnualFigures.startup_id == Enrollment.startup_id)
        .where(
            AnnualFigures.year == year,
            Enrollment.admitted_on <= date(year, 12, 31),
            or_(Enrollment.ended_on.is_(None), Enrollment.ended_on >= date(year, 1, 1)),
        )
        .distinct()
        .subquery()
    )
    for tenant_id, amount in db.session.execute(
        select(figures.c.tenant_id, func.sum(figures.c.rd_expense)).group_by(figures.c.tenant_id)
    ):
        rows[tenant_id].rd_spend = Decimal(amount or 0)

    return CityView(year=year, stages=stages, rows=list(rows.values()), ladder=rungs)
