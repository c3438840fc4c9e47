"""Milestones of an enrollment: who may do what, and the changes they make.

Every change writes a ``MilestoneChange`` (the history shown on the page)
and an audit event in the same transaction. The callers commit (``update``
commits itself: evidence files and their rows go together), then call
``changed()`` so that plugins hear of the change only once it is stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select
from sqlalchemy.orm import contains_eager, joinedload

from core import hooks, uploads
from core.audit import service as audit
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
from core.notifications.operations import notify
from core.registry.access import access_to
from core.registry.models import Startup, startup_founders
from core.tenancy.models import Membership, Role
from core.timeutil import utcnow

#: Key prefix of the milestones managers add to one enrollment.
CUSTOM_PREFIX = "custom-"


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
    """The enrollment (with startup and carrier) and the user's rights on it; three queries."""
    enrollment = db.session.scalar(
        select(Enrollment)
        .where(Enrollment.id == enrollment_id)
        .options(joinedload(Enrollment.startup), joinedload(Enrollment.tenant))
    )
    if enrollment is None:
        return None
    roles = set(
        db.session.scalars(
            select(Membership.role).where(
                Membership.tenant_id == enrollment.tenant_id,
                Membership.user_id == user.id,
                Membership.role.in_((Role.MANAGER, Role.REVIEWER)),
            )
        )
    )
    if user.is_platform_admin:
        roles.add(Role.MANAGER)
    is_founder = db.session.scalar(
        select(
            exists().where(
                startup_founders.c.startup_id == enrollment.startup_id,
                startup_founders.c.user_id == user.id,
            )
        )
    )
    later = (
        not roles
        and not is_founder
        and enrollment.status == EnrollmentStatus.GRADUATED
        and bool(access_to(user, enrollment.startup_id).roles)
    )
    return Access(
        enrollment=enrollment,
        is_founder=bool(is_founder),
        roles=frozenset(roles),
        is_later_carrier=later,
    )


# -- reading ---------------------------------------------------------------------------


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


# -- changing --------------------------------------------------------------------------


def _history(milestone: Milestone, action: str, actor, comment: str = "") -> MilestoneChange:
    change = MilestoneChange(
        milestone=milestone,
        actor_id=actor.id,
        action=action,
        status=milestone.status,
        progress=milestone.progress,
        comment=comment,
    )
    db.session.add(change)
    return change


def _state(milestone: Milestone) -> dict:
    return {"status": milestone.status, "progress": milestone.progress, "notes": milestone.notes}


def update(
    milestone: Milestone,
    actor,
    *,
    status: str,
    progress: int,
    notes: str,
    files: Sequence[uploads.CheckedFile] = (),
) -> list[MilestoneChange]:
    """A founder's update and any new evidence files, stored together or not at all.

    Returns the history rows written: one ``updated`` when status, progress or
    notes changed, then one ``evidence`` per file; an empty list when nothing
    changed and no file came (nothing is written then). Commits, because a file
    on disk and its row must succeed or fail together; on any failure the
    transaction is rolled back and no file is left behind.
    """
    written: list[str] = []
    changes: list[MilestoneChange] = []
    try:
        change = _update_fields(milestone, actor, status=status, progress=progress, notes=notes)
        if change is not None:
            changes.append(change)
        for checked in files:
            stored_name = uploads.write(checked)
            written.append(stored_name)
            changes.append(_add_evidence(milestone, actor, checked, stored_name))
        if changes:
            db.session.commit()
    except BaseException:
        db.session.rollback()
        uploads.remove(written)
        raise
    return changes


def _update_fields(milestone: Milestone, actor, *, status: str, progress: int, notes: str):
    """Status, progress and notes; ``None`` when none of them changed."""
    before = _state(milestone)
    after = {"status": status, "progress": progress, "notes": notes}
    if before == after:
        return None
    milestone.status, milestone.progress, milestone.notes = status, progress, notes
    change = _history(milestone, "updated", actor)
    old, new = audit.changes(before, after)
    audit.record(
        "milestone.updated",
        milestone,
        tenant=milestone.enrollment.tenant,
        before=old,
        after=new,
        actor=actor,
    )
    if status == MilestoneStatus.SUBMITTED and before["status"] != MilestoneStatus.SUBMITTED:
        _notify(milestone, "milestone.submitted", managers_of(milestone.enrollment), actor)
    return change


def _add_evidence(
    milestone: Milestone, actor, checked: uploads.CheckedFile, stored_name: str
) -> MilestoneChange:
    """The row, history and audit event of one file already written as ``stored_name``."""
    item = Evidence(
        milestone_id=milestone.id,
        uploaded_by_id=actor.id,
        original_name=checked.display_name,
        stored_name=stored_name,
        content_type=checked.kind.mime,
        size=len(checked.data),
        sha256=checked.sha256,
    )
    db.session.add(item)
    change = _history(milestone, "evidence", actor, checked.display_name)
    audit.record(
        "evidence.added",
        item,
        tenant=milestone.enrollment.tenant,
        after={
            "milestone": milestone.id,
            "name": item.original_name,
            "content_type": item.content_type,
            "size": item.size,
            "sha256": item.sha256,
        },
        actor=actor,
    )
    return change


def verify(milestone: Milestone, actor, comment: str = "") -> MilestoneChange:
    before = {"status": milestone.status, "progress": milestone.progress}
    milestone.status = MilestoneStatus.VERIFIED
    milestone.progress = 100
    milestone.verified_at = utcnow()
    milestone.verified_by_id = actor.id
    change = _history(milestone, "verified", actor, comment)
    audit.record(
        "milestone.verified",
        milestone,
        tenant=milestone.enrollment.tenant,
        before=before,
        after={"status": milestone.status, "progress": 100, "comment": comment},
        actor=actor,
    )
    _notify(milestone, "milestone.verified", milestone.enrollment.startup.founders, actor, comment)
    return change


def send_back(milestone: Milestone, actor, comment: str) -> MilestoneChange:
    before = {"status": milestone.status}
    milestone.status = MilestoneStatus.RETURNED
    milestone.verified_at = None
    milestone.verified_by_id = None
    change = _history(milestone, "returned", actor, comment)
    audit.record(
        "milestone.returned",
        milestone,
        tenant=milestone.enrollment.tenant,
        before=before,
        after={"status": milestone.status, "comment": comment},
        actor=actor,
    )
    _notify(milestone, "milestone.returned", milestone.enrollment.startup.founders, actor, comment)
    return change


def next_custom_key(enrollment_id: int) -> str:
    keys = db.session.scalars(
        select(Milestone.key).where(
            Milestone.enrollment_id == enrollment_id, Milestone.key.startswith(CUSTOM_PREFIX)
        )
    )
    numbers = [int(k[len(CUSTOM_PREFIX) :]) for k in keys if k[len(CUSTOM_PREFIX) :].isdigit()]
    return f"{CUSTOM_PREFIX}{max(numbers, default=0) + 1}"


def add_custom(
    enrollment: Enrollment,
    actor,
    *,
    title_zh: str,
    title_en: str,
    due_on: date | None,
    required: bool,
) -> tuple[Milestone, MilestoneChange]:
    """A milestone for this enrollment only, after the stage's own."""
    last = db.session.scalar(
        select(func.max(Milestone.position)).where(Milestone.enrollment_id == enrollment.id)
    )
    milestone = Milestone(
        enrollment=enrollment,
        key=next_custom_key(enrollment.id),
        title_zh=title_zh,
        title_en=title_en,
        due_on=due_on,
        required=required,
        custom=True,
        position=(last if last is not None else -1) + 1,
        status=MilestoneStatus.OPEN,
        progress=0,
        notes="",
    )
    db.session.add(milestone)
    change = _history(milestone, "created", actor)
    audit.record(
        "milestone.created",
        milestone,
        tenant=enrollment.tenant,
        after={
            "key": milestone.key,
            "title_zh": title_zh,
            "title_en": title_en,
            "due_on": due_on.isoformat() if due_on else None,
            "required": required,
        },
        actor=actor,
    )
    return milestone, change


def changed(milestone: Milestone, changes: list[MilestoneChange], actor) -> None:
    """Tell the plugins, once the changes are committed."""
    for change in changes:
        hooks.milestone_changed(milestone, change, actor)


# -- notifications -----------------------------------------------------------------------


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


def _notify(milestone: Milestone, kind: str, recipients, actor, comment: str = "") -> None:
    """Plain-JSON parameters; docs/milestones.md lists them for whoever renders the kinds."""
    enrollment = milestone.enrollment
    params = {
        "enrollment": enrollment.id,
        "milestone_id": milestone.id,
        "milestone": milestone.title_zh,
        "milestone_en": milestone.title_en,
        "startup": enrollment.startup.name_zh,
        "startup_en": enrollment.startup.name_en,
        "stage": enrollment.stage,
        "carrier": enrollment.tenant.name_zh,
        "carrier_en": enrollment.tenant.name_en,
        "actor": actor.name,
        "comment": comment,
    }
    link = page_link(enrollment.id, milestone.id)
    for user in recipients:
        if user.id != actor.id:
            notify(user, kind, params, link=link, tenant=enrollment.tenant)
