"""Reading enrollments: the milestones of one, a founder's due list, single rows, links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from core.auth.models import User
from core.enrollments.models import (
    Enrollment,
    EnrollmentStatus,
    Evidence,
    Milestone,
    MilestoneChange,
    MilestoneStatus,
)
from core.extensions import db
from core.registry.models import Startup, startup_founders
from core.tenancy.models import Membership, Role


@dataclass(frozen=True)
class EnrollmentMilestones:
    milestones: list[Milestone]
    changes: dict[int, list[MilestoneChange]]
    evidence: dict[int, list[Evidence]]

    @property
    def verified(self) -> int:
        return sum(1 for m in self.milestones if m.status == MilestoneStatus.VERIFIED)

    @property
    def percent(self) -> int:
        return round(100 * self.verified / len(self.milestones)) if self.milestones else 0


def for_enrollment(enrollment_id: int) -> EnrollmentMilestones:
    """The milestones in order, with their history and files: three queries for any number."""
    milestones = db.session.scalars(
        select(Milestone)
        .where(Milestone.enrollment_id == enrollment_id)
        .order_by(Milestone.position, Milestone.id)
    ).all()
    changes = defaultdict(list)
    for change in db.session.scalars(
        select(MilestoneChange)
        .join(Milestone, Milestone.id == MilestoneChange.milestone_id)
        .where(Milestone.enrollment_id == enrollment_id)
        .options(joinedload(MilestoneChange.actor))
        .order_by(MilestoneChange.created_at.desc(), MilestoneChange.id.desc())
    ):
        changes[change.milestone_id].append(change)
    evidence = defaultdict(list)
    for item in db.session.scalars(
        select(Evidence)
        .join(Milestone, Milestone.id == Evidence.milestone_id)
        .where(Milestone.enrollment_id == enrollment_id)
        .order_by(Evidence.id)
    ):
        evidence[item.milestone_id].append(item)
    return EnrollmentMilestones(list(milestones), dict(changes), dict(evidence))


def due_for_founder(user_id: int) -> list[Milestone]:
    """The founder's unverified milestones at active enrollments, soonest due first; one query."""
    return list(
        db.session.scalars(
            select(Milestone)
            .join(Milestone.enrollment)
            .join(startup_founders, startup_founders.c.startup_id == Enrollment.startup_id)
            .join(Enrollment.startup)
            .join(Enrollment.tenant)
            .where(
                startup_founders.c.user_id == user_id,
                Enrollment.status == EnrollmentStatus.ACTIVE,
                Milestone.status != MilestoneStatus.VERIFIED,
            )
            .options(
                contains_eager(Milestone.enrollment).contains_eager(Enrollment.startup),
                contains_eager(Milestone.enrollment).contains_eager(Enrollment.tenant),
            )
            .order_by(
                Milestone.due_on.asc().nulls_last(),
                Startup.name_zh,
                Milestone.position,
                Milestone.id,
            )
        )
    )


def find_milestone(milestone_id: int, *, lock: bool = False) -> Milestone | None:
    """The milestone; with ``lock``, its row is locked until the transaction ends.

    Whoever changes a milestone locks it first (``SELECT … FOR UPDATE`` on
    PostgreSQL; SQLite's write transactions are exclusive already), so that two
    simultaneous updates take turns and each one's "before" in the history and
    the audit log is what the other left (docs/performance.md "Concurrency").
    """
    return db.session.get(Milestone, milestone_id, with_for_update=True if lock else None)


def find_evidence(evidence_id: int) -> Evidence | None:
    return db.session.get(Evidence, evidence_id)


def managers_of(enrollment: Enrollment) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.tenant_id == enrollment.tenant_id, Membership.role == Role.MANAGER)
            .order_by(User.id)
        )
    )


def page_link(enrollment_id: int, milestone_id: int | None = None, *, focus: bool = False) -> str:
    """The enrollment page, at the milestone's card if given.

    With ``focus`` the card is the focused one: its form is open and the
    flashed messages are shown inside it (where the page scrolls to).
    """
    anchor = f"milestone-{milestone_id}" if milestone_id else None
    args = {"focus": milestone_id} if focus and milestone_id else {}
    return url_for("enrollments.enrollment", enrollment_id=enrollment_id, _anchor=anchor, **args)
