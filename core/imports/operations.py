"""Writing a checked import: every startup, or none.

Nothing here commits; a refusal leaves nothing behind. Startups are
inserted together and flushed once, their figures in one multi-row insert,
and all are enrolled through ``core.enrollments.operations.enroll_many``, so
their time limits and the stage's milestones are those of an admission.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from core import unit_of_work
from core.audit import service as audit
from core.enrollments.operations import enroll_many
from core.extensions import db
from core.imports.validate import Plan
from core.refusals import Refused
from core.registry.models import AnnualFigures, Startup

REGISTRY_CHANGED = _l(
    "The registry changed while importing; nothing was imported. Check the file again."
)


def write(plan: Plan, tenant, stage: str, admitted_on: date, *, filename: str, actor) -> int:
    """Create the plan's startups, figures and enrollments; returns how many startups.

    ``Refused`` when another import or edit took a credit code meanwhile.
    """
    try:
        with unit_of_work.savepoint():
            return _write(plan, tenant, stage, admitted_on, filename=filename, actor=actor)
    except IntegrityError:
        raise Refused(REGISTRY_CHANGED) from None


def _write(plan: Plan, tenant, stage: str, admitted_on: date, *, filename: str, actor) -> int:
    startups = [Startup(**p.values) for p in plan.startups]
    db.session.add_all(startups)
    db.session.flush()
    figures = [
        {"startup_id": startup.id, "year": year, **values}
        for startup, planned in zip(startups, plan.startups, strict=True)
        for year, values in planned.figures.items()
    ]
    if figures:
        db.session.execute(insert(AnnualFigures), figures)
    enroll_many(
        [(s, p.admitted_on or admitted_on) for s, p in zip(startups, plan.startups, strict=True)],
        tenant,
        stage,
        actor=actor,
    )
    audit.record(
        "startups.imported",
        tenant,
        tenant=tenant,
        after={
            "file": filename,
            "stage": stage,
            "startups": len(startups),
            "figures": len(figures),
        },
        actor=actor,
    )
    db.session.flush()
    return len(startups)
