"""Enrollments' state changes: admission, and every change to a milestone.

Each operation checks who may make the change (``core.enrollments.access``),
changes the rows, writes the milestone's history (``MilestoneChange``) and the
audit event, and queues ``incuchain_milestone_changed`` for after the commit
(``core.unit_of_work``). Nothing here commits. Evidence files are written to
disk before the commit and removed again if the transaction is rolled back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, literal, select
from sqlalchemy.exc import IntegrityError

from core import hooks, unit_of_work, uploads
from core.audit import service as audit
from core.enrollments.access import Access, refusal
from core.enrollments.models import (
    Enrollment,
    EnrollmentStatus,
    Evidence,
    Milestone,
    MilestoneChange,
    MilestoneStatus,
)
from core.enrollments.queries import managers_of, page_link
from core.extensions import db
from core.notifications.operations import notify
from core.plugin_api import StartupFacts, TenantRef, add_months
from core.refusals import NotPermitted, Refused
from core.registry import operations as registry
from core.registry.models import LinkState, Startup
from core.rules.context import one_startup, startup_facts
from core.settings.services import tenant_ref
from core.tenancy.models import Tenant
from core.timeutil import utcnow

#: Key prefix of the milestones managers add to one enrollment.
CUSTOM_PREFIX = "custom-"

KEY_TAKEN = _l("Someone else added a milestone at the same time. Please try again.")


# -- admission -------------------------------------------------------------------------


def enroll(
    startup: Startup,
    tenant: Tenant,
    stage: str,
    admitted_on: date,
    *,
    application_id: int | None = None,
    actor=None,
) -> Enrollment:
    """Create the enrollment with its time limit and the stage's milestones."""
    ref = tenant_ref(tenant)
    enrollment = _enrollment(
        startup, tenant, stage, admitted_on, ref, one_startup(startup), application_id
    )
    db.session.add(enrollment)
    registry.link([startup.id], tenant.id, LinkState.ENROLLED)
    for position, template in enumerate(hooks.milestone_templates(stage, ref)):
        milestone = Milestone(
            enrollment=enrollment, **_milestone_values(template, position, enrollment)
        )
        db.session.add(milestone)
        db.session.add(MilestoneChange(milestone=milestone, **_created(actor)))
    _record(enrollment, actor)
    return enrollment


def enroll_many(
    startups: list[tuple[Startup, date]], tenant: Tenant, stage: str, *, actor=None
) -> list[Enrollment]:
    """``enroll`` for many (startup, admission date) pairs at once.

    The carrier's settings and the startups' facts are gathered once for
    all, the enrollments flushed together and the milestones and their
    first history rows written in two statements, so that importing 10,000
    startups is a handful of statements, not 10,000 × N.
    """
    ref = tenant_ref(tenant)
    facts = startup_facts([startup for startup, _day in startups])
    templates = hooks.milestone_templates(stage, ref)
    enrollments = [
        _enrollment(startup, tenant, stage, day, ref, facts[startup.id])
        for startup, day in startups
    ]
    db.session.add_all(enrollments)
    db.session.flush()
    registry.link([e.startup_id for e in enrollments], tenant.id, LinkState.ENROLLED)
    milestones = [
        {"enrollment_id": enrollment.id, **_milestone_values(template, position, enrollment)}
        for enrollment in enrollments
        for position, template in enumerate(templates)
    ]
    if milestones:
        # Plain multi-row inserts, no RETURNING (which makes the driver parse a
        # statement per batch): the history rows are copied from the new
        # milestones in one INSERT … SELECT.
        db.session.execute(insert(Milestone.__table__), milestones)
        changes = MilestoneChange.__table__
        created = _created(actor)
        db.session.execute(
            insert(changes).from_select(
                ["milestone_id", *created],
                select(
                    Milestone.id, *(literal(v, changes.c[k].type) for k, v in created.items())
                ).where(Milestone.enrollment_id.in_([e.id for e in enrollments])),
            )
        )
    for enrollment in enrollments:
        _record(enrollment, actor)
    return enrollments


def _enrollment(
    startup: Startup,
    tenant: Tenant,
    stage: str,
    admitted_on: date,
    ref: TenantRef,
    facts: StartupFacts,
    application_id: int | None = None,
) -> Enrollment:
    """The enrollment, its time limit fixed by the stage for this startup."""
    months = hooks.time_limit_months(stage, ref, facts)
    return Enrollment(
        startup=startup,
        tenant=tenant,
        stage=stage,
        status=EnrollmentStatus.ACTIVE,
        admitted_on=admitted_on,
        time_limit_months=months,
        due_on=add_months(admitted_on, months) if months else None,
        application_id=application_id,
    )


def _milestone_values(template, position: int, enrollment: Enrollment) -> dict:
    return {
        "key": template.key,
        "title_zh": template.title_zh,
        "title_en": template.title_en,
        "description_zh": template.description_zh,
        "description_en": template.description_en,
        "due_on": add_months(enrollment.admitted_on, template.due_after_months),
        "required": template.required,
        "position": position,
    }


def _created(actor) -> dict:
    """The first history row of a new milestone."""
    return {
        "actor_id": actor.id if actor else None,
        "action": "created",
        "status": MilestoneStatus.OPEN,
        "progress": 0,
    }


def _record(enrollment: Enrollment, actor) -> None:
    audit.record(
        "enrollment.created",
        enrollment,
        tenant=enrollment.tenant,
        after={
            "startup": enrollment.startup.name_zh,
            "stage": enrollment.stage,
            "admitted_on": enrollment.admitted_on.isoformat(),
            "time_limit_months": enrollment.time_limit_months,
        },
        actor=actor,
    )


# -- milestones ------------------------------------------------------------------------


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


def _changed(milestone: Milestone, changes: list[MilestoneChange], actor) -> None:
    """Tell the plugins of the changes, once they are committed."""
    for change in changes:
        unit_of_work.after_commit(
            lambda change=change: hooks.milestone_changed(milestone, change, actor)
        )


def _state(milestone: Milestone) -> dict:
    return {"status": milestone.status, "progress": milestone.progress, "notes": milestone.notes}


# Who may change what. Pages and the API call these before reading the input,
# so a reader without the role gets 403 whatever they send; the operations
# call them again before changing anything.


def may_update(access: Access, milestone: Milestone) -> None:
    """Update and attach evidence: the founders, while active, until verified."""
    if not access.is_founder:
        raise NotPermitted()
    if not access.may_update(milestone):
        raise Refused(refusal(access, milestone))


def may_verify(access: Access, milestone: Milestone) -> None:
    if not access.is_manager:
        raise NotPermitted()
    if not access.may_verify(milestone):
        raise Refused(refusal(access, milestone))


def may_return(access: Access, milestone: Milestone) -> None:
    if not access.is_manager:
        raise NotPermitted()
    if not access.may_return(milestone):
        raise Refused(refusal(access, milestone))


def may_add(access: Access) -> None:
    if not access.is_manager:
        raise NotPermitted()
    if not access.may_manage:
        raise Refused(refusal(access))


def update(
    access: Access,
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
    changed and no file came (nothing is written then). A file is written to
    disk at once and removed again if the transaction does not commit.
    """
    may_update(access, milestone)
    changes: list[MilestoneChange] = []
    change = _update_fields(milestone, actor, status=status, progress=progress, notes=notes)
    if change is not None:
        changes.append(change)
    for checked in files:
        stored_name = uploads.write(checked)
        unit_of_work.on_rollback(lambda name=stored_name: uploads.remove([name]))
        changes.append(_add_evidence(milestone, actor, checked, stored_name))
    db.session.flush()
    _changed(milestone, changes, actor)
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


def verify(access: Access, milestone: Milestone, actor, comment: str = "") -> MilestoneChange:
    may_verify(access, milestone)
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
    _changed(milestone, [change], actor)
    return change


def send_back(access: Access, milestone: Milestone, actor, comment: str) -> MilestoneChange:
    may_return(access, milestone)
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
    _changed(milestone, [change], actor)
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
    access: Access,
    actor,
    *,
    title_zh: str,
    title_en: str,
    due_on: date | None,
    required: bool,
) -> tuple[Milestone, MilestoneChange]:
    """A milestone for this enrollment only, after the stage's own.

    Raises ``Refused`` when another manager added one at the same moment and
    took its key; nothing is kept of this one then.
    """
    may_add(access)
    enrollment = access.enrollment
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
    try:
        with unit_of_work.savepoint():
            db.session.add(milestone)
            db.session.flush()
    except IntegrityError:
        raise Refused(KEY_TAKEN) from None
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
    _changed(milestone, [change], actor)
    return milestone, change


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
