"""Graduating an enrollment: the decision, its rule snapshot and the certificate.

``graduate`` is the one way an enrollment graduates, for a single startup
and for a batch alike. It claims the enrollment with a conditional update
(``status = 'graduated' WHERE status = 'active'``) as the transaction's first
statement: on PostgreSQL the row lock makes a concurrent request wait and
then find nothing to claim; on SQLite the statement takes the write lock
before anything is read, so no transaction decides on a stale snapshot. The
unique ``graduations.enrollment_id`` is the last line of defence.

The event ``incuchain_graduated`` is called after the commit; the referrals
it asks for are stored in a second, short transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from core import hooks
from core.audit import service as audit
from core.certificates import issue
from core.certificates.models import Certificate
from core.extensions import db
from core.graduation.models import Graduation, Referral
from core.registry.models import Enrollment, EnrollmentStatus
from core.rules import graduation as rules
from core.workflow.notifications import notify


class GraduationRefused(Exception):
    """Why an enrollment was not graduated: ``ended`` or ``ineligible``."""

    def __init__(self, reason: str, checklist: list[dict] | None = None):
        super().__init__(reason)
        self.reason = reason
        self.checklist = checklist or []


@dataclass(frozen=True)
class Graduated:
    graduation: Graduation
    certificate: Certificate
    referrals: list[Referral]


def _claim(enrollment_id: int, on: date) -> bool:
    """Mark the enrollment graduated if it is still active; the first write of the transaction."""
    claimed = db.session.execute(
        update(Enrollment)
        .where(Enrollment.id == enrollment_id, Enrollment.status == EnrollmentStatus.ACTIVE)
        .values(status=EnrollmentStatus.GRADUATED, ended_on=on)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def _decide(
    enrollment_id: int, actor, on: date, override_reason: str
) -> tuple[Graduation, Certificate]:
    """Claim, judge, record and issue, in one transaction; raises ``GraduationRefused``."""
    db.session.commit()  # end any read transaction: the claim must come first
    if not _claim(enrollment_id, on):
        db.session.rollback()
        raise GraduationRefused("ended")
    enrollment = db.session.scalar(
        select(Enrollment)
        .where(Enrollment.id == enrollment_id)
        .options(joinedload(Enrollment.startup), joinedload(Enrollment.tenant))
        .execution_options(populate_existing=True)
    )
    verdict = rules.evaluate_enrollments([enrollment], on)[enrollment_id]
    eligible = rules.eligible(verdict)
    checklist = rules.checklist(verdict)
    if not eligible and not override_reason:
        db.session.rollback()
        raise GraduationRefused("ineligible", checklist)
    graduation = Graduation(
        enrollment=enrollment,
        tenant=enrollment.tenant,
        startup=enrollment.startup,
        stage=enrollment.stage,
        graduated_on=on,
        eligible=eligible,
        override_reason="" if eligible else override_reason,
        results=checklist,
        decided_by_id=actor.id,
    )
    db.session.add(graduation)
    db.session.flush()
    certificate = issue.issue(graduation)
    audit.record(
        "enrollment.graduated",
        graduation,
        tenant=enrollment.tenant,
        after={
            "startup": enrollment.startup.name_zh,
            "stage": enrollment.stage,
            "graduated_on": on.isoformat(),
            "eligible": eligible,
            "override_reason": graduation.override_reason,
            "serial": certificate.serial,
        },
        actor=actor,
    )
    return graduation, certificate


def graduate(enrollment_id: int, actor, on: date, override_reason: str = "") -> Graduated:
    """Graduate the enrollment on ``on``; commits. Raises ``GraduationRefused``.

    An eligible enrollment graduates as it is; an ineligible one only with an
    ``override_reason``, which is kept with the decision.
    """
    try:
        graduation, certificate = _decide(enrollment_id, actor, on, override_reason.strip())
        db.session.commit()
    except IntegrityError:
        # Another request graduated it between our claim and commit (only
        # possible where the claim did not lock, the constraint decides).
        db.session.rollback()
        raise GraduationRefused("ended") from None
    referrals = open_referrals(graduation, actor)
    return Graduated(graduation, certificate, referrals)


def open_referrals(graduation: Graduation, actor) -> list[Referral]:
    """Ask the stage plugins for referrals, store them and tell the founders."""
    offers = hooks.referral_offers(graduation)
    referrals = [
        Referral(
            graduation=graduation,
            startup_id=graduation.startup_id,
            stage=offer.stage,
            note_zh=offer.note_zh,
            note_en=offer.note_en,
        )
        for offer in offers
    ]
    db.session.add_all(referrals)
    startup, tenant = graduation.startup, graduation.tenant
    params = {
        "startup": startup.name_zh,
        "startup_en": startup.name_en,
        "stage": graduation.stage,
        "carrier": tenant.name_zh,
        "carrier_en": tenant.name_en,
    }
    db.session.flush()
    for founder in startup.founders:
        notify(founder, "enrollment.graduated", params, link=f"/startups/{startup.id}")
        for referral in referrals:
            notify(
                founder,
                "referral.opened",
                params | {"next_stage": referral.stage},
                link=f"/referrals/{referral.id}",
            )
    db.session.commit()
    hooks.graduated(graduation, actor)
    return referrals
