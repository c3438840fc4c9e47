"""Enrolling a startup in a stage: the time limit and the stage's milestones."""

from __future__ import annotations

import calendar
from datetime import date

from core import hooks
from core.audit import service as audit
from core.extensions import db
from core.registry.models import Enrollment, EnrollmentStatus, Startup
from core.rules.context import one_startup
from core.settings.services import tenant_ref
from core.tenancy.models import Tenant
from core.workflow.models import Milestone, MilestoneChange, MilestoneStatus


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


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
    months = hooks.time_limit_months(stage, ref, one_startup(startup))
    enrollment = Enrollment(
        startup=startup,
        tenant=tenant,
        stage=stage,
        status=EnrollmentStatus.ACTIVE,
        admitted_on=admitted_on,
        time_limit_months=months,
        due_on=add_months(admitted_on, months) if months else None,
        application_id=application_id,
    )
    db.session.add(enrollment)
    for position, template in enumerate(hooks.milestone_templates(stage, ref)):
        milestone = Milestone(
            enrollment=enrollment,
            key=template.key,
            title_zh=template.title_zh,
            title_en=template.title_en,
            description_zh=template.description_zh,
            description_en=template.description_en,
            due_on=add_months(admitted_on, template.due_after_months),
            required=template.required,
            position=position,
        )
        db.session.add(milestone)
        db.session.add(
            MilestoneChange(
                milestone=milestone,
                actor_id=actor.id if actor else None,
                action="created",
                status=MilestoneStatus.OPEN,
                progress=0,
            )
        )
    audit.record(
        "enrollment.created",
        enrollment,
        tenant=tenant,
        after={
            "startup": startup.name_zh,
            "stage": stage,
            "admitted_on": admitted_on.isoformat(),
            "time_limit_months": months,
        },
        actor=actor,
    )
    return enrollment
