"""Reading applications: which stage is open, who sees which, a startup's standing, scores."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from core.applications.models import Application, ApplicationStatus, Review
from core.enrollments.models import Enrollment, EnrollmentStatus
from core.extensions import db
from core.plugins import incuchain
from core.tenancy.access import stage_enabled
from core.tenancy.models import Membership, Role, Tenant

OPEN_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)


def stage_open(tenant_slug: str, stage: str) -> Tenant | None:
    """The carrier, if it exists and runs ``stage``, which an installed plugin defines."""
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == tenant_slug))
    return tenant if tenant is not None and stage_enabled(tenant, stage) else None


def visible_to(tenant: Tenant, user, roles):
    """Submitted or decided applications here; a reviewer sees only those assigned to them."""
    query = select(Application).where(
        Application.tenant_id == tenant.id, Application.status != ApplicationStatus.DRAFT
    )
    if Role.MANAGER not in roles:
        query = query.where(
            Application.id.in_(select(Review.application_id).where(Review.reviewer_id == user.id))
        )
    return query


def assigned_tenant_ids(user_id: int, startup_id: int):
    """The carriers where ``user_id`` reviews one of the startup's applications, as a select.

    Handed down to the registry (``register_assignments``): a reviewer sees
    the record of these startups only.
    """
    return (
        select(Application.tenant_id)
        .join(Review, Review.application_id == Application.id)
        .where(
            Review.reviewer_id == user_id,
            Application.startup_id == startup_id,
            Application.status != ApplicationStatus.DRAFT,
        )
    )


def awaiting_review(user_id: int) -> list[Review]:
    """What awaits the reviewer's scores, oldest submission first; one query.

    Their reviews of submitted (undecided) applications that they have neither
    scored nor abstained from, at carriers where they are still a reviewer or
    manager. Each review's application, its startup and carrier are loaded.
    """
    staff = select(Membership.id).where(
        Membership.tenant_id == Application.tenant_id,
        Membership.user_id == user_id,
        Membership.role.in_([Role.REVIEWER, Role.MANAGER]),
    )
    return list(
        db.session.scalars(
            select(Review)
            .join(Review.application)
            .join(Application.startup)
            .join(Application.tenant)
            .where(
                Review.reviewer_id == user_id,
                Review.submitted_at.is_(None),
                Review.abstained_at.is_(None),
                Application.status == ApplicationStatus.SUBMITTED,
                staff.exists(),
            )
            .options(
                contains_eager(Review.application).contains_eager(Application.startup),
                contains_eager(Review.application).contains_eager(Application.tenant),
            )
            .order_by(Application.submitted_at, Application.id)
        )
    )


def open_application(startup, tenant: Tenant, stage: str) -> Application | None:
    """The startup's draft, pending or admitted application to this stage here, if any."""
    return db.session.scalar(
        select(Application).where(
            Application.startup_id == startup.id,
            Application.tenant_id == tenant.id,
            Application.stage == stage,
            Application.status.in_([*OPEN_STATUSES, ApplicationStatus.ADMITTED]),
        )
    )


def stages_to_apply(startup_ids: list[int]) -> dict[int, list]:
    """For each startup, the stages it may apply to now, in chain order (three queries).

    A stage counts when a carrier runs it and the startup neither has an
    application under review for it nor is enrolled in it (active or
    graduated) anywhere; a draft leaves it open, the apply page reopens it.
    """
    running = {
        key for keys in db.session.scalars(select(Tenant.enabled_stages)) for key in keys or ()
    }
    taken: dict[int, set[str]] = {i: set() for i in startup_ids}
    rows = db.session.execute(
        select(Application.startup_id, Application.stage).where(
            Application.startup_id.in_(startup_ids),
            Application.status == ApplicationStatus.SUBMITTED,
        )
    ).all()
    rows += db.session.execute(
        select(Enrollment.startup_id, Enrollment.stage).where(
            Enrollment.startup_id.in_(startup_ids),
            Enrollment.status.in_([EnrollmentStatus.ACTIVE, EnrollmentStatus.GRADUATED]),
        )
    ).all()
    for startup_id, stage in rows:
        taken[startup_id].add(stage)
    stages = incuchain().stages.in_order(running)
    return {i: [s for s in stages if s.key not in taken[i]] for i in startup_ids}


def enrolled(startup, tenant: Tenant, stage: str) -> bool:
    """Whether the startup already has an enrollment (of any status) in this stage here."""
    return (
        db.session.scalar(
            select(Enrollment.id).where(
                Enrollment.startup_id == startup.id,
                Enrollment.tenant_id == tenant.id,
                Enrollment.stage == stage,
            )
        )
        is not None
    )


def managers_of(tenant: Tenant):
    return [
        m.user
        for m in db.session.scalars(
            select(Membership).where(
                Membership.tenant_id == tenant.id, Membership.role == Role.MANAGER
            )
        )
    ]


def reviews_visible_to(application: Application, user, roles) -> list[Review]:
    """The reviews ``user`` may read: blind review.

    Managers read every review. A reviewer reads their own, and the others'
    only once they have given their own scores; at a carrier that keeps
    reviews hidden until the decision, only once the application is decided.
    """
    if Role.MANAGER in roles:
        return list(application.reviews)
    own = [r for r in application.reviews if r.reviewer_id == user.id]
    if Role.REVIEWER not in roles or not own:
        return []
    if own[0].submitted_at is None:
        return own
    if (
        application.tenant.reviews_hidden_until_decision
        and application.status == ApplicationStatus.SUBMITTED
    ):
        return own
    return list(application.reviews)


@dataclass(frozen=True)
class ScoreSummary:
    count: int
    mean: Decimal | None
    spread: Decimal | None
    stdev: Decimal | None


def summary(reviews: list[Review]) -> ScoreSummary:
    """Mean, range (max − min) and population standard deviation of the given totals."""
    totals = [r.total for r in reviews if r.total is not None]
    if not totals:
        return ScoreSummary(0, None, None, None)
    two = Decimal("0.01")
    floats = [float(t) for t in totals]
    return ScoreSummary(
        len(totals),
        (sum(totals) / len(totals)).quantize(two),
        (max(totals) - min(totals)).quantize(two),
        Decimal(str(statistics.pstdev(floats))).quantize(two),
    )
