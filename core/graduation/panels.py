"""Graduation's parts of other capabilities' pages (``core.web.panels``).

On the enrollment page: the graduation check with the managers' form while
the enrollment is active, and the decision with its certificate once it has
graduated. On the startup page: the founders' invitations to the next stage
and the startup's certificates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Flask
from flask_babel import get_locale
from flask_babel import gettext as _

from core.graduation import checks, records
from core.graduation.forms import GraduateForm
from core.graduation.models import Referral
from core.plugins import incuchain
from core.registry.page import TimelineEntry
from core.tenancy.models import Role
from core.web import panels


@dataclass(frozen=True)
class Check:
    eligible: bool
    #: The rules' results, as ``macros/rules.html`` shows them.
    checklist: list[dict]
    today: date
    #: The managers' form; ``None`` for founders.
    form: GraduateForm | None


def check(access, today: date, state: dict) -> Check | None:
    """For the founders and managers of an active enrollment."""
    if not (access.is_active and (access.is_manager or access.is_founder)):
        return None
    verdict = checks.evaluate_enrollments([access.enrollment], today)[access.enrollment.id]
    form = state.get("graduate_form")
    if form is None and access.may_manage:
        form = GraduateForm(formdata=None)
    return Check(checks.eligible(verdict), checks.checklist(verdict), today, form)


def record(access, today: date, state: dict) -> records.GraduationRecord | None:
    return records.for_enrollment(access.enrollment.id)


def referrals(startup, access) -> list[Referral] | None:
    """The founders' invitations to apply to a next stage."""
    return (records.referrals_for(startup.id) or None) if access.founder else None


@dataclass(frozen=True)
class CertificateRow:
    record: records.GraduationRecord
    #: The founders and the issuing carrier's managers download the PDF.
    downloadable: bool


@dataclass(frozen=True)
class Certificates:
    rows: list[CertificateRow]
    timeline: list[TimelineEntry]


def certificates(startup, access) -> Certificates:
    locale = str(get_locale())
    stages = incuchain().stages
    rows, entries = [], []
    for found in records.for_startup(startup.id):
        graduation = found.graduation
        manager = Role.MANAGER in access.roles.get(graduation.tenant_id, ())
        rows.append(CertificateRow(found, access.founder or access.admin or manager))
        stage = stages.get(graduation.stage)
        what = _(
            "Graduated from %(stage)s", stage=stage.name(locale) if stage else graduation.stage
        )
        entries.append(TimelineEntry(graduation.graduated_on, what, found.certificate.serial))
    return Certificates(rows, entries)


def init_app(app: Flask) -> None:
    for panel in (
        panels.Panel(
            key="graduation-check", order=10, template="graduation/_check_panel.html", load=check
        ),
        panels.Panel(
            key="graduation-record", order=20, template="graduation/_record_panel.html", load=record
        ),
    ):
        panels.add(app, "enrollment", panel)
    for panel in (
        panels.Panel(
            key="referrals", order=20, template="graduation/_referrals_panel.html", load=referrals
        ),
        panels.Panel(
            key="certificates",
            order=40,
            template="graduation/_certificates_panel.html",
            load=certificates,
        ),
    ):
        panels.add(app, "startup", panel)
