"""Reading graduations back: for an enrollment's page, a startup's page, an application."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from core.certificates.models import Certificate
from core.extensions import db
from core.graduation.models import Graduation, Referral
from core.plugin_api import GraduationFact
from core.plugins import incuchain


@dataclass(frozen=True)
class GraduationRecord:
    graduation: Graduation
    certificate: Certificate


def _records(*conditions) -> list[GraduationRecord]:
    """Graduations with their certificate and carrier: one query."""
    rows = db.session.execute(
        select(Graduation, Certificate)
        .join(Certificate, Certificate.graduation_id == Graduation.id)
        .join(Graduation.tenant)
        .options(contains_eager(Graduation.tenant))
        .where(*conditions)
        .order_by(Graduation.graduated_on, Graduation.id)
    )
    return [GraduationRecord(graduation, certificate) for graduation, certificate in rows]


def for_enrollment(enrollment_id: int) -> GraduationRecord | None:
    found = _records(Graduation.enrollment_id == enrollment_id)
    return found[0] if found else None


def for_startup(startup_id: int) -> list[GraduationRecord]:
    """The startup's graduations, oldest first."""
    return _records(Graduation.startup_id == startup_id)


def referrals_for(startup_id: int) -> list[Referral]:
    return list(
        db.session.scalars(
            select(Referral).where(Referral.startup_id == startup_id).order_by(Referral.id)
        )
    )


def facts(history: list[GraduationRecord]) -> tuple[GraduationFact, ...]:
    """The graduations as plugins see them."""
    stages = incuchain().stages
    result = []
    for record in history:
        graduation, certificate = record.graduation, record.certificate
        stage = stages.get(graduation.stage)
        result.append(
            GraduationFact(
                stage=graduation.stage,
                stage_name_zh=stage.name_zh if stage else graduation.stage,
                stage_name_en=stage.name_en if stage else graduation.stage,
                carrier_zh=certificate.carrier_zh,
                carrier_en=certificate.carrier_en,
                graduated_on=graduation.graduated_on,
                serial=certificate.serial,
            )
        )
    return tuple(result)
