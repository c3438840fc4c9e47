"""Enrolling a startup in a stage: the time limit and the stage's milestones."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, literal, select

from core import hooks
from core.audit import service as audit
from core.extensions import db
from core.plugin_api import StartupFacts, TenantRef, add_months
from core.registry.models import Enrollment, EnrollmentStatus, Startup
from core.rules.context import one_startup, startup_facts
from core.settings.services import tenant_ref
from core.tenancy.models import Tenant
from core.workflow.models import Milestone, MilestoneChange, MilestoneStatus


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
