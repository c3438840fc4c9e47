"""Who may do what on one enrollment's page, and why a change is refused now."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.enrollments.models import Enrollment, EnrollmentStatus, Milestone, MilestoneStatus
from core.extensions import db
from core.registry.access import access_to
from core.tenancy.models import Role


@dataclass(frozen=True)
class Access:
    """What the current user may do on one enrollment's page."""

    enrollment: Enrollment
    is_founder: bool
    #: The user's roles at the enrollment's carrier (the platform admin counts as manager).
    roles: frozenset[str]
    #: Staff of a carrier the startup has moved on to, reading a graduated
    #: enrollment as the startup's history.
    is_later_carrier: bool = False

    @property
    def can_view(self) -> bool:
        staff = bool(self.roles & {Role.MANAGER, Role.REVIEWER})
        return self.is_founder or staff or self.is_later_carrier

    @property
    def is_manager(self) -> bool:
        return Role.MANAGER in self.roles

    @property
    def is_active(self) -> bool:
        return self.enrollment.status == EnrollmentStatus.ACTIVE

    @property
    def may_manage(self) -> bool:
        """Verify, send back and add milestones: the carrier's managers, while active."""
        return self.is_manager and self.is_active

    def may_update(self, milestone: Milestone) -> bool:
        """Update and attach evidence: the founders, while active, until verified."""
        return self.is_founder and self.is_active and milestone.status != MilestoneStatus.VERIFIED

    def may_verify(self, milestone: Milestone) -> bool:
        return self.may_manage and milestone.status != MilestoneStatus.VERIFIED

    def may_return(self, milestone: Milestone) -> bool:
        """Send back a submission, or a verification made by mistake."""
        return self.may_manage and milestone.status in (
            MilestoneStatus.SUBMITTED,
            MilestoneStatus.VERIFIED,
        )


def refusal(access: Access, milestone: Milestone | None = None):
    """Why a change the user's role allows cannot be made now."""
    if not access.is_active:
        return _l("This enrollment has ended; its milestones can no longer be changed.")
    if milestone is not None and milestone.status == MilestoneStatus.VERIFIED:
        return _l("This milestone has been verified and can no longer be changed.")
    return _l("Only a milestone submitted for verification can be sent back.")


def load_access(enrollment_id: int, user) -> Access | None:
    """The enrollment (with startup and carrier) and the user's rights on it; three queries.

    The carrier's managers have their role on it, its reviewers only when
    assigned to one of the startup's applications there
    (``core.registry.access``). Staff of another carrier that sees the
    startup now (``is_later_carrier``) read a graduated enrollment as its
    history; a carrier that rejected it reads nothing here.
    """
    enrollment = db.session.scalar(
        select(Enrollment)
        .where(Enrollment.id == enrollment_id)
        .options(joinedload(Enrollment.startup), joinedload(Enrollment.tenant))
    )
    if enrollment is None:
        return None
    startup_access = access_to(user, enrollment.startup_id)
    roles = set(startup_access.roles.get(enrollment.tenant_id, ()))
    if user.is_platform_admin:
        roles.add(Role.MANAGER)
    is_founder = startup_access.founder
    later = (
        not roles
        and not is_founder
        and enrollment.status == EnrollmentStatus.GRADUATED
        and bool(startup_access.roles)
    )
    return Access(
        enrollment=enrollment,
        is_founder=bool(is_founder),
        roles=frozenset(roles),
        is_later_carrier=later,
    )
