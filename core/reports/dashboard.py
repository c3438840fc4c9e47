"""A carrier's numbers for its dashboard: each a SQL GROUP BY, so a constant number of queries.

The funnel counts startups per stage: *applied* are those with an
application beyond a draft or an enrollment there (a manager may enroll
directly), *admitted* those with an enrollment in any status, *graduated*
those whose enrollment ended in graduation. The total row counts each
startup once, however many stages it went through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, distinct, extract, func, literal, select, union

from core.applications.models import Application, ApplicationStatus
from core.enrollments.models import Enrollment, EnrollmentStatus, Milestone, MilestoneStatus
from core.extensions import db
from core.warnings.rules import milestone_overdue


@dataclass(frozen=True)
class Funnel:
    applied: int = 0
    admitted: int = 0
    graduated: int = 0


def status_counts(tenant_id: int) -> dict[tuple[str, str], int]:
    """``{(stage, enrollment status): startups}``."""
    rows = db.session.execute(
        select(Enrollment.stage, Enrollment.status, func.count())
        .where(Enrollment.tenant_id == tenant_id)
        .group_by(Enrollment.stage, Enrollment.status)
    )
    return {(stage, status): n for stage, status, n in rows}


def under_review(tenant_id: int) -> dict[str, int]:
    """``{stage: applications submitted and not yet decided}``."""
    rows = db.session.execute(
        select(Application.stage, func.count())
        .where(
            Application.tenant_id == tenant_id,
            Application.status == ApplicationStatus.SUBMITTED,
        )
        .group_by(Application.stage)
    )
    return dict(rows.all())


def _funnel_pairs(tenant_id: int):
    graduated = case((Enrollment.status == EnrollmentStatus.GRADUATED, 1), else_=0)
    return union(
        select(
            Enrollment.startup_id.label("startup_id"),
            Enrollment.stage.label("stage"),
            literal(1).label("enrolled"),
            graduated.label("graduated"),
        ).where(Enrollment.tenant_id == tenant_id),
        select(Application.startup_id, Application.stage, literal(0), literal(0)).where(
            Application.tenant_id == tenant_id,
            Application.status != ApplicationStatus.DRAFT,
        ),
    ).subquery()


def funnel(tenant_id: int) -> tuple[dict[str, Funnel], Funnel]:
    """The funnel per stage and in total: two queries."""
    pairs = _funnel_pairs(tenant_id)
    columns = (
        func.count(distinct(pairs.c.startup_id)),
        func.count(distinct(case((pairs.c.enrolled == 1, pairs.c.startup_id)))),
        func.count(distinct(case((pairs.c.graduated == 1, pairs.c.startup_id)))),
    )
    by_stage = {
        stage: Funnel(*numbers)
        for stage, *numbers in db.session.execute(
            select(pairs.c.stage, *columns).group_by(pairs.c.stage)
        )
    }
    total = Funnel(*db.session.execute(select(*columns)).one())
    return by_stage, total


def graduations_by_year(tenant_id: int) -> list[tuple[int, int]]:
    """``[(year, graduations)]`` by the year the enrollment ended, oldest first."""
    year = extract("year", Enrollment.ended_on)
    rows = db.session.execute(
        select(year, func.count())
        .where(
            Enrollment.tenant_id == tenant_id,
            Enrollment.status == EnrollmentStatus.GRADUATED,
            Enrollment.ended_on.is_not(None),
        )
        .group_by(year)
        .order_by(year)
    )
    return [(int(y), n) for y, n in rows]


@dataclass(frozen=True)
class MilestoneSummary:
    by_status: dict[str, int]
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def verified(self) -> int:
        return self.by_status.get(MilestoneStatus.VERIFIED, 0)


def milestones(tenant_id: int, today: date) -> MilestoneSummary:
    """Milestones of the carrier's active enrollments by status, and how many are overdue."""
    overdue = case((milestone_overdue(today), 1), else_=0)
    rows = db.session.execute(
        select(Milestone.status, func.count(), func.sum(overdue))
        .join(Milestone.enrollment)
        .where(Enrollment.tenant_id == tenant_id, Enrollment.status == EnrollmentStatus.ACTIVE)
        .group_by(Milestone.status)
    ).all()
    return MilestoneSummary(
        by_status={status: n for status, n, _late in rows},
        overdue=sum(int(late or 0) for *_rest, late in rows),
    )
