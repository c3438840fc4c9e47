"""Graduating an enrollment: the decision, its rule snapshot, the certificate, the referrals.

``graduate`` is the one way an enrollment graduates, for a single startup
and for a batch alike. It claims the enrollment with a conditional update
(``status = 'graduated' WHERE status = 'active'``) before judging it: on
PostgreSQL the row lock makes a concurrent request wait and then find nothing
to claim; on SQLite a writing request's transaction holds the write lock from
its start (``core.database``), so no other one decides in between. The unique
``graduations.enrollment_id`` is the last line of defence.

Each graduation is a savepoint of the request's transaction: a refused one
leaves nothing behind, and a batch keeps the others. The stages' referral
offers are stored with it; the event ``incuchain_graduated`` is called after
the commit (``core.unit_of_work``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from core import hooks, unit_of_work
from core.audit import service as audit
from core.certificates import operations as certificates
from core.certificates.models import Certificate
from core.enrollments.models import Enrollment, EnrollmentStatus
from core.extensions import db
from core.graduation import checks as rules
from core.graduation.forms import GraduateForm
from core.graduation.models import Graduation, Referral
from core.notifications.operations import notify
from core.refusals import NotPermitted, Refused
from core.tenancy.access import roles_at
from core.tenancy.models import Role


class GraduationRefused(Refused):
    """Why an enrollment was not graduated: ``ended`` or ``ineligible``."""

    def __init__(self, reason: str, checklist: list[dict] | None = None):
        super().__init__(GraduateForm.ENDED if reason == "ended" else GraduateForm.INELIGIBLE)
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
    """Claim, judge, record and issue; raises ``GraduationRefused``."""
    if not _claim(enrollment_id, on):
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
    certificate = certificates.issue(
        graduation.id, enrollment, on, by_review=bool(graduation.override_reason)
    )
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
    """Graduate the enrollment on ``on``, or raise ``GraduationRefused`` and change nothing.

    An eligible enrollment graduates as it is; an ineligible one only with an
    ``override_reason``, which is kept with the decision. Only the carrier's
    managers (and the platform admin) graduate.
    """
    enrollment = db.session.get(Enrollment, enrollment_id)
    if enrollment is None or Role.MANAGER not in roles_at(enrollment.tenant, actor):
        raise NotPermitted()
    try:
        with unit_of_work.savepoint():
            graduation, certificate = _decide(enrollment_id, actor, on, override_reason.strip())
            referrals = _open_referrals(graduation, actor)
    except IntegrityError:
        # Another request graduated it meanwhile (only possible where the claim
        # did not lock: the constraint decides).
        raise GraduationRefused("ended") from None
    return Graduated(graduation, certificate, referrals)


def _open_referrals(graduation: Graduation, actor) -> list[Referral]:
    """Store the stages' referral offers, tell the founders, and queue the event."""
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
    unit_of_work.after_commit(lambda: hooks.graduated(graduation, actor))
    return referrals
