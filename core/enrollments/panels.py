"""The enrollments' part of the startup page (``core.web.panels``): where it is enrolled."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from core.enrollments.models import Enrollment, Milestone, MilestoneStatus
from core.extensions import db
from core.plugins import incuchain
from core.registry.page import TimelineEntry
from core.web import panels


@dataclass(frozen=True)
class EnrollmentRow:
    enrollment: Enrollment
    verified: int
    total: int
    #: The enrollment's own page, when the reader may open it.
    link: str | None

    @property
    def percent(self) -> int:
        return round(100 * self.verified / self.total) if self.total else 0


@dataclass(frozen=True)
class Enrollments:
    rows: list[EnrollmentRow]
    timeline: list[TimelineEntry]


def milestone_progress(startup_id: int) -> dict[int, tuple[int, int]]:
    """``{enrollment id: (verified, all)}`` for a startup's enrollments, in one query."""
    verified = func.sum(case((Milestone.status == MilestoneStatus.VERIFIED, 1), else_=0))
    rows = db.session.execute(
        select(Milestone.enrollment_id, verified, func.count())
        .join(Enrollment, Enrollment.id == Milestone.enrollment_id)
        .where(Enrollment.startup_id == startup_id)
        .group_by(Milestone.enrollment_id)
    )
    return {enrollment_id: (int(done or 0), total) for enrollment_id, done, total in rows}


def enrollments(startup, access) -> Enrollments:
    """The startup's enrollments with their progress; two queries. Shown even when empty."""
    found = db.session.scalars(
        select(Enrollment)
        .where(Enrollment.startup_id == startup.id)
        .options(joinedload(Enrollment.tenant))
        .order_by(Enrollment.admitted_on, Enrollment.id)
    ).all()
    progress = milestone_progress(startup.id)
    locale = str(get_locale())
    stages = incuchain().stages
    rows, entries = [], []
    for e in found:
        link = f"/enrollments/{e.id}" if access.can_open_enrollment(e.tenant_id) else None
        rows.append(EnrollmentRow(e, *progress.get(e.id, (0, 0)), link=link))
        stage = stages.get(e.stage)
        what = _("Admitted to %(stage)s", stage=stage.name(locale) if stage else e.stage)
        entries.append(TimelineEntry(e.admitted_on, what, e.tenant.name(locale)))
    return Enrollments(rows, entries)


def init_app(app: Flask) -> None:
    panels.add(
        app,
        "startup",
        panels.Panel(
            key="enrollments",
            order=30,
            template="enrollments/_startup_panel.html",
            load=enrollments,
        ),
    )
