"""Everything the startup page shows, in a fixed number of queries.

One query for the enrollments (with their carriers), one grouped query for
their milestone progress, one for the applications, one per section, one for
the certificates, one for the referrals and one for the founders: the count
does not grow with the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from core.applications.models import Application, ApplicationStatus
from core.enrollments.models import Enrollment, Milestone, MilestoneStatus
from core.extensions import db
from core.graduation import records
from core.graduation.models import Referral
from core.graduation.records import GraduationRecord
from core.plugins import incuchain
from core.registry import vocab
from core.registry.access import StartupAccess
from core.registry.models import Startup
from core.registry.sections import SECTIONS, Section, money
from core.tenancy.models import Role


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
class ApplicationRow:
    application: Application
    #: Where the reader follows the application, if anywhere.
    link: str | None


@dataclass(frozen=True)
class TimelineEntry:
    when: date
    what: str
    detail: str = ""
    #: Known to the year only (a yearly registration); shown as the year.
    year_only: bool = False


@dataclass(frozen=True)
class CertificateRow:
    record: GraduationRecord
    #: The founders and the issuing carrier's managers download the PDF.
    downloadable: bool


@dataclass
class StartupPage:
    startup: Startup
    #: "Team" or "Registered company", in the reader's language.
    kind_name: str
    enrollments: list[EnrollmentRow]
    applications: list[ApplicationRow]
    #: Each section with the startup's rows, newest first.
    sections: list[tuple[Section, list]]
    timeline: list[TimelineEntry] = field(default_factory=list)
    certificates: list[CertificateRow] = field(default_factory=list)
    #: Invitations to apply to a next stage; shown to the founders only.
    referrals: list[Referral] = field(default_factory=list)


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


def enrollment_rows(startup: Startup, access: StartupAccess) -> list[EnrollmentRow]:
    enrollments = db.session.scalars(
        select(Enrollment)
        .where(Enrollment.startup_id == startup.id)
        .options(joinedload(Enrollment.tenant))
        .order_by(Enrollment.admitted_on, Enrollment.id)
    ).all()
    progress = milestone_progress(startup.id)
    return [
        EnrollmentRow(
            e,
            *progress.get(e.id, (0, 0)),
            # The enrollment page belongs to the workflow; linked by path.
            link=f"/enrollments/{e.id}" if access.can_open_enrollment(e.tenant_id) else None,
        )
        for e in enrollments
    ]


def application_rows(startup: Startup, access: StartupAccess) -> list[ApplicationRow]:
    """The startup's applications: founders see their drafts too, carriers only submissions."""
    query = (
        select(Application)
        .where(Application.startup_id == startup.id)
        .options(joinedload(Application.tenant))
        .order_by(Application.created_at.desc())
    )
    if not (access.founder or access.admin):
        query = query.where(Application.status != ApplicationStatus.DRAFT)
    rows = []
    for item in db.session.scalars(query):
        link = None
        if access.founder:
            link = f"/applications/{item.id}"
            if item.status == ApplicationStatus.DRAFT:
                link = f"/t/{item.tenant.slug}/apply/{item.stage}?startup={startup.id}"
        elif access.admin or Role.MANAGER in access.roles.get(item.tenant_id, ()):
            link = f"/t/{item.tenant.slug}/applications/{item.id}"
        rows.append(ApplicationRow(item, link))
    return rows


def timeline(
    startup: Startup, enrollments: list[EnrollmentRow], rows: dict, certificates: list
) -> list:
    """The startup's dated events from every part of its record, oldest first."""
    locale = str(get_locale())
    stages = incuchain().stages
    entries: list[TimelineEntry] = []
    if startup.founded_on:
        founded = _("Company registered") if startup.kind == "company" else _("Team formed")
        entries.append(TimelineEntry(startup.founded_on, founded))
    for row in enrollments:
        e = row.enrollment
        stage = stages.get(e.stage)
        entries.append(
            TimelineEntry(
                e.admitted_on,
                _(
                    "Admitted to %(stage)s",
                    stage=stage.name(locale) if stage else e.stage,
                ),
                e.tenant.name(locale),
            )
        )
    for row in certificates:
        graduation = row.record.graduation
        stage = stages.get(graduation.stage)
        entries.append(
            TimelineEntry(
                graduation.graduated_on,
                _(
                    "Graduated from %(stage)s",
                    stage=stage.name(locale) if stage else graduation.stage,
                ),
                row.record.certificate.serial,
            )
        )
    for r in rows["funding"]:
        what = vocab.name_of(vocab.FUNDING_KINDS, r.kind, locale)
        detail = _("%(amount)s 万元", amount=money(r.amount))
        entries.append(TimelineEntry(r.date, what, f"{detail} · {r.investor}".rstrip(" ·")))
    for r in rows["ip"]:
        if r.date:
            what = " · ".join(
                vocab.name_of(terms, key, locale)
                for terms, key in ((vocab.IP_KINDS, r.kind), (vocab.IP_STATUSES, r.status))
            )
            entries.append(TimelineEntry(r.date, what, r.title))
    for r in rows["certifications"]:
        what = vocab.name_of(vocab.CERTIFICATION_KINDS, r.kind, locale)
        if r.issued_on:
            entries.append(TimelineEntry(r.issued_on, what, r.number))
        elif r.year:
            entries.append(TimelineEntry(date(r.year, 1, 1), what, r.number, year_only=True))
    for r in rows["events"]:
        entries.append(
            TimelineEntry(r.date, vocab.name_of(vocab.EVENT_KINDS, r.kind, locale), r.note)
        )
    entries.sort(key=lambda entry: entry.when)
    return entries


def certificate_rows(startup: Startup, access: StartupAccess) -> list[CertificateRow]:
    return [
        CertificateRow(
            record,
            downloadable=access.founder
            or access.admin
            or Role.MANAGER in access.roles.get(record.graduation.tenant_id, ()),
        )
        for record in records.for_startup(startup.id)
    ]


def build(startup: Startup, access: StartupAccess) -> StartupPage:
    enrollments = enrollment_rows(startup, access)
    rows = {section.key: section.rows(startup.id) for section in SECTIONS}
    certificates = certificate_rows(startup, access)
    return StartupPage(
        startup=startup,
        kind_name=vocab.name_of(vocab.STARTUP_KINDS, startup.kind, str(get_locale())),
        enrollments=enrollments,
        applications=application_rows(startup, access),
        sections=[(section, rows[section.key]) for section in SECTIONS],
        timeline=timeline(startup, enrollments, rows, certificates),
        certificates=certificates,
        referrals=records.referrals_for(startup.id) if access.founder else [],
    )
