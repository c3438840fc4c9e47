"""The early-warning rules (预警), evaluated for one carrier or for all at once.

Each rule is one query, whatever the number of startups, and yields
``EarlyWarning`` items; the kinds that are a plain SQL query (``QUERY_KINDS``)
are also counted and paged in the database, so the dashboard and the list
cost the same with ten items or a hundred thousand. Nothing here knows a
stage: the time limit is the enrollment's own ``due_on`` (fixed at
admission by the stage), the windows come from the configuration, and the
certification rules are keyed by certification kinds of the vocabulary and
ask each kind's one validity rule (``core.vocabulary``) when it ends.

The rules, at their edges (``today`` is China's date):

- ``enrollment.overdue``: an active enrollment whose ``due_on`` is before today.
- ``enrollment.due_soon``: ``due_on`` is today or up to
  ``WARNING_MONTHS_BEFORE_DUE`` calendar months after today.
- ``milestone.overdue``: a milestone of an active enrollment, due before today
  and not verified.
- ``figures.missing``: a registered company with an active enrollment and no
  annual figures for last year; companies founded this year are left out.
- ``high_tech.expiring``: the latest 高新技术企业 certificate of a startup with
  an active enrollment has its last valid day today or within
  ``WARNING_MONTHS_BEFORE_EXPIRY`` calendar months.
- ``tech_sme.not_renewed``: a startup with an active enrollment was registered
  as a 科技型中小企业 in an earlier year and holds no registration valid today.
- ``ip.*``: the IP rights of a startup with an active enrollment, by their legal
  life (``core.ip.life``): an annuity due today or within
  ``IP_WARNING_DAYS_BEFORE_ANNUITY`` days; a right in its grace period (the
  surcharge it costs today); a terminated patent whose restoration window is
  open; a patent's term ending within ``IP_WARNING_DAYS_BEFORE_TERM_END`` days;
  a trademark whose renewal window opens within
  ``IP_WARNING_DAYS_BEFORE_RENEWAL`` days (or is open); a licence not filed
  whose filing deadline is within ``IP_WARNING_DAYS_BEFORE_FILING`` days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import contains_eager

from core.enrollments.models import Enrollment, EnrollmentStatus, Milestone, MilestoneStatus
from core.extensions import db
from core.ip import life, queries
from core.plugin_api import add_months
from core.plugins import incuchain
from core.registry.models import AnnualFigures, Certification, IPAsset, Startup
from core.tenancy.models import Tenant

#: The certification kinds the rules watch, as keyed in the vocabulary (``core.vocabulary``).
HIGH_TECH = "high_tech"
TECH_SME = "tech_sme"

#: Every kind of warning, in the order the lists show them.
KINDS = (
    "enrollment.overdue",
    "enrollment.due_soon",
    "milestone.overdue",
    "figures.missing",
    "high_tech.expiring",
    "tech_sme.not_renewed",
    "ip.annuity_due",
    "ip.grace",
    "ip.restoration",
    "ip.term_ending",
    "ip.renewal_window",
    "ip.licence_filing",
)

DEFAULT_MONTHS_BEFORE_DUE = 6
DEFAULT_MONTHS_BEFORE_EXPIRY = 6


@dataclass(frozen=True)
class EarlyWarning:
    """One item to act on, at one carrier, about one startup."""

    kind: str
    tenant: Tenant
    startup: Startup
    #: The day that matters: the due date, the certificate's expiry, or ``None``.
    day: date | None = None
    #: The year that matters: of the missing figures or the lapsed registration.
    year: int | None = None
    enrollment_id: int | None = None
    milestone: Milestone | None = None
    #: Distinguishes items of one kind; with ``kind`` it names the item for reminders.
    ref: str = field(default="")
    #: What else the sentence names (an IP right, its clause, a surcharge).
    detail: tuple = ()

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.ref}"

    @property
    def stage(self) -> str:
        return self.milestone.enrollment.stage if self.milestone else ""

    def params(self) -> dict:
        """What a notification keeps, to be shown later in the reader's language."""
        params = {
            "startup": self.startup.name_zh,
            "startup_en": self.startup.name_en,
            "carrier": self.tenant.name_zh,
            "carrier_en": self.tenant.name_en,
        }
        if self.day is not None:
            params["day"] = self.day.isoformat()
        if self.year is not None:
            params["year"] = self.year
        if self.milestone is not None:
            params["milestone"] = self.milestone.title_zh
            params["milestone_en"] = self.milestone.title_en
        params.update(self.detail)
        return params


def months_before_due() -> int:
    return int(current_app.config.get("WARNING_MONTHS_BEFORE_DUE", DEFAULT_MONTHS_BEFORE_DUE))


def months_before_expiry() -> int:
    return int(current_app.config.get("WARNING_MONTHS_BEFORE_EXPIRY", DEFAULT_MONTHS_BEFORE_EXPIRY))


def _active(query, tenant_id: int | None):
    query = query.where(Enrollment.status == EnrollmentStatus.ACTIVE)
    return query if tenant_id is None else query.where(Enrollment.tenant_id == tenant_id)


def _enrollments(*where):
    """Enrollments matching ``where``, joined to their startup and carrier, in list order."""
    return (
        select(Enrollment)
        .join(Enrollment.startup)
        .join(Enrollment.tenant)
        .where(*where)
        .order_by(Enrollment.tenant_id, Startup.name_zh, Enrollment.id)
    )


#: Loads the startup and carrier of each enrollment from the joins above.
WITH_ENROLLMENT = (contains_eager(Enrollment.startup), contains_eager(Enrollment.tenant))


def _overdue_enrollments(today: date):
    return _enrollments(Enrollment.due_on.is_not(None), Enrollment.due_on < today)


def _due_soon_enrollments(today: date):
    horizon = add_months(today, months_before_due())
    return _enrollments(Enrollment.due_on >= today, Enrollment.due_on <= horizon)


def _time_limit_warning(e: Enrollment, today: date) -> EarlyWarning:
    kind = "enrollment.overdue" if e.due_on < today else "enrollment.due_soon"
    return EarlyWarning(kind, e.tenant, e.startup, day=e.due_on, enrollment_id=e.id, ref=str(e.id))


def milestone_overdue(today: date):
    """The SQL condition for a milestone past its due date and not verified."""
    return (Milestone.due_on < today) & (Milestone.status != MilestoneStatus.VERIFIED)


def _overdue_milestones(today: date):
    return (
        select(Milestone)
        .join(Milestone.enrollment)
        .join(Enrollment.startup)
        .join(Enrollment.tenant)
        .where(milestone_overdue(today))
        .order_by(Enrollment.tenant_id, Milestone.due_on, Milestone.id)
    )


#: Loads each milestone's enrollment, startup and carrier from the joins above.
WITH_MILESTONE = (
    contains_eager(Milestone.enrollment).contains_eager(Enrollment.startup),
    contains_eager(Milestone.enrollment).contains_eager(Enrollment.tenant),
)


def _milestone_warning(m: Milestone, today: date) -> EarlyWarning:
    return EarlyWarning(
        "milestone.overdue",
        m.enrollment.tenant,
        m.enrollment.startup,
        day=m.due_on,
        enrollment_id=m.enrollment_id,
        milestone=m,
        ref=str(m.id),
    )


def _unreported(today: date):
    """Companies that owe last year's figures; a startup at two stages once per carrier."""
    conditions = (
        Enrollment.status == EnrollmentStatus.ACTIVE,
        Startup.kind == "company",
        (Startup.founded_on.is_(None)) | (Startup.founded_on < date(today.year, 1, 1)),
        ~exists().where(
            AnnualFigures.startup_id == Startup.id, AnnualFigures.year == today.year - 1
        ),
    )
    first = (
        select(func.min(Enrollment.id))
        .join(Enrollment.startup)
        .where(*conditions)
        .group_by(Enrollment.tenant_id, Enrollment.startup_id)
    )
    return _enrollments(Enrollment.id.in_(first))


def _figures_warning(e: Enrollment, today: date) -> EarlyWarning:
    year = today.year - 1
    return EarlyWarning(
        "figures.missing", e.tenant, e.startup, year=year, ref=f"{e.startup_id}:{year}"
    )


@dataclass(frozen=True)
class QueryKind:
    """A kind of warning that is one SQL query: counted and paged in the database."""

    kind: str
    #: The rows, joined to what the warning shows, without loader options.
    query: Callable[[date], Select]
    warning: Callable[[object, date], EarlyWarning]
    #: Loader options that fill the rows' relationships from the joins.
    eager: tuple

    def select(self, today: date, tenant_id: int | None) -> Select:
        return _active(self.query(today), tenant_id)

    def items(self, today: date, tenant_id: int | None, offset=0, limit=None) -> list:
        query = self.select(today, tenant_id).options(*self.eager).offset(offset).limit(limit)
        return [self.warning(row, today) for row in db.session.scalars(query).unique()]

    def count(self, today: date, tenant_id: int | None) -> int:
        counted = self.select(today, tenant_id).order_by(None)
        return db.session.scalar(
            counted.with_only_columns(func.count(), maintain_column_froms=True)
        )


QUERY_KINDS = {
    k.kind: k
    for k in (
        QueryKind("enrollment.overdue", _overdue_enrollments, _time_limit_warning, WITH_ENROLLMENT),
        QueryKind(
            "enrollment.due_soon", _due_soon_enrollments, _time_limit_warning, WITH_ENROLLMENT
        ),
        QueryKind("milestone.overdue", _overdue_milestones, _milestone_warning, WITH_MILESTONE),
        QueryKind("figures.missing", _unreported, _figures_warning, WITH_ENROLLMENT),
    )
}


def time_limits(today: date, tenant_id: int | None = None) -> list[EarlyWarning]:
    return [
        w
        for kind in ("enrollment.overdue", "enrollment.due_soon")
        for w in QUERY_KINDS[kind].items(today, tenant_id)
    ]


def overdue_milestones(today: date, tenant_id: int | None = None) -> list[EarlyWarning]:
    return QUERY_KINDS["milestone.overdue"].items(today, tenant_id)


def missing_figures(today: date, tenant_id: int | None = None) -> list[EarlyWarning]:
    return QUERY_KINDS["figures.missing"].items(today, tenant_id)


def _per_carrier_startup(enrollments) -> list[Enrollment]:
    """One enrollment per (carrier, startup): a startup at two stages is warned about once."""
    seen, kept = set(), []
    for e in enrollments:
        if (e.tenant_id, e.startup_id) not in seen:
            seen.add((e.tenant_id, e.startup_id))
            kept.append(e)
    return kept


def _certifications(kind: str, tenant_id: int | None):
    """Active enrollments with the startup's certifications of ``kind``: one query."""
    query = (
        select(Enrollment, Certification)
        .join(Enrollment.startup)
        .join(Enrollment.tenant)
        .join(Certification, Certification.startup_id == Enrollment.startup_id)
        .options(*WITH_ENROLLMENT)
        .where(Certification.kind == kind)
        .order_by(Enrollment.tenant_id, Startup.name_zh, Enrollment.id)
    )
    grouped = defaultdict(list)
    enrollments = {}
    for enrollment, certification in db.session.execute(_active(query, tenant_id)):
        enrollments.setdefault(enrollment.id, enrollment)
        grouped[enrollment.id].append(certification)
    return [(e, grouped[e.id]) for e in _per_carrier_startup(enrollments.values())]


def expiry(certification: Certification) -> date | None:
    """The certificate's last valid day, by its kind's validity (``core.vocabulary``)."""
    return incuchain().vocabulary.valid_until(
        certification.kind,
        issued_on=certification.issued_on,
        year=certification.year,
        recorded=certification.valid_until,
    )


def registration_year(certification: Certification) -> int | None:
    """The evaluation year of a yearly registration, or the year it was issued."""
    if certification.year is not None:
        return certification.year
    return certification.issued_on.year if certification.issued_on else None


def expiring_high_tech(today: date, tenant_id: int | None = None) -> list[EarlyWarning]:
    horizon = add_months(today, months_before_expiry())
    warnings = []
    for e, certifications in _certifications(HIGH_TECH, tenant_id):
        last = max(filter(None, map(expiry, certifications)), default=None)
        if last is not None and today <= last <= horizon:
            warnings.append(
                EarlyWarning(
                    "high_tech.expiring",
                    e.tenant,
                    e.startup,
                    day=last,
                    ref=f"{e.startup_id}:{last.isoformat()}",
                )
            )
    return warnings


def unrenewed_tech_sme(today: date, tenant_id: int | None = None) -> list[EarlyWarning]:
    warnings = []
    vocabulary = incuchain().vocabulary
    for e, certifications in _certifications(TECH_SME, tenant_id):
        latest = max(filter(None, map(registration_year, certifications)), default=None)
        renewed = any(vocabulary.valid_on(c, today) for c in certifications)
        if latest is not None and not renewed:
            warnings.append(
                EarlyWarning(
                    "tech_sme.not_renewed",
                    e.tenant,
                    e.startup,
                    year=latest,
                    ref=f"{e.startup_id}:{today.year}",
                )
            )
    return warnings


def _days(name: str) -> timedelta:
    return timedelta(days=int(current_app.config[name]))


def _ip_warnings(right: queries.Right, today: date) -> list[tuple[str, date, life.Clause, dict]]:
    """``(kind, day, clause, extra)`` for each warning one right gives today."""
    lived, annuity = right.life, right.life.annuity
    valid = lived.status == life.Status.VALID

    def within(day: date | None, setting: str) -> bool:
        return day is not None and day <= today + _days(setting)

    found = []
    if (
        valid
        and annuity
        and today <= annuity.due
        and within(annuity.due, "IP_WARNING_DAYS_BEFORE_ANNUITY")
    ):
        found.append(("ip.annuity_due", annuity.due, life.ANNUITY, {}))
    if lived.status == life.Status.GRACE and annuity:
        found.append(
            ("ip.grace", annuity.grace_ends, life.SURCHARGE, {"percent": annuity.surcharge})
        )
    elif lived.status == life.Status.GRACE:
        found.append(("ip.grace", lived.renewal_grace_ends, life.TRADEMARK, {"percent": 0}))
    if (
        lived.status == life.Status.TERMINATED
        and lived.restoration_until
        and today <= lived.restoration_until
    ):
        found.append(("ip.restoration", lived.restoration_until, life.RESTORATION, {}))
    if (
        valid
        and not lived.renewal_opens
        and within(lived.term_end, "IP_WARNING_DAYS_BEFORE_TERM_END")
    ):
        found.append(("ip.term_ending", lived.term_end, lived.term_clause, {}))
    if valid and within(lived.renewal_opens, "IP_WARNING_DAYS_BEFORE_RENEWAL"):
        found.append(("ip.renewal_window", lived.term_end, life.TRADEMARK, {}))
    for licence in lived.licences:
        due = life.licence_filing_due(licence, queries.rules())
        if (
            licence.filed_on is None
            and today <= due
            and within(due, "IP_WARNING_DAYS_BEFORE_FILING")
        ):
            found.append(("ip.licence_filing", due, life.LICENCE_FILING, {}))
    return found


def ip_rights(today: date, tenant_id: int | None = None) -> list[EarlyWarning]:
    """Warnings on the rights of startups with an active enrollment: three queries."""
    query = (
        select(Enrollment, IPAsset)
        .join(Enrollment.startup)
        .join(Enrollment.tenant)
        .join(IPAsset, IPAsset.startup_id == Enrollment.startup_id)
        .options(*WITH_ENROLLMENT)
        .order_by(Enrollment.tenant_id, Startup.name_zh, Enrollment.id, IPAsset.id)
    )
    pairs, seen = [], set()
    for enrollment, asset in db.session.execute(_active(query, tenant_id)):
        if (enrollment.tenant_id, asset.id) not in seen:
            seen.add((enrollment.tenant_id, asset.id))
            pairs.append((enrollment, asset))
    rights = {r.asset.id: r for r in queries.with_life({a for _e, a in pairs}, today)}
    warnings = []
    for enrollment, asset in pairs:
        name = " ".join(filter(None, (asset.title, asset.number)))
        for kind, day, clause, extra in _ip_warnings(rights[asset.id], today):
            detail = {"right": name, "clause": str(clause), **extra}
            warnings.append(
                EarlyWarning(
                    kind,
                    enrollment.tenant,
                    enrollment.startup,
                    day=day,
                    ref=f"{asset.id}:{day.isoformat()}",
                    detail=tuple(detail.items()),
                )
            )
    return warnings


RULES = (
    time_limits,
    overdue_milestones,
    missing_figures,
    expiring_high_tech,
    unrenewed_tech_sme,
    ip_rights,
)
#: The rules judged in Python over a startup's rows (few per startup, evaluated whole).
PYTHON_RULES = (expiring_high_tech, unrenewed_tech_sme, ip_rights)
PYTHON_KINDS = frozenset(k for k in KINDS if k not in QUERY_KINDS)


def _python_warnings(today: date, tenant_id: int | None) -> list[EarlyWarning]:
    return [w for rule in PYTHON_RULES for w in rule(today, tenant_id)]


def evaluate(today: date, tenant_id: int | None = None) -> list[EarlyWarning]:
    """Every warning at one carrier (or at all of them), in ``KINDS`` order: eight queries.

    For reminders, which act on every item; pages count with ``count_kinds``
    and show one page with ``page_of``, whatever the number of items.
    """
    found = [w for rule in RULES for w in rule(today, tenant_id)]
    return sorted(found, key=lambda w: KINDS.index(w.kind))


def count_kinds(today: date, tenant_id: int | None = None, known=None) -> dict[str, int]:
    """How many warnings of each kind: eight queries at most.

    ``known`` gives counts the caller already has (the dashboard's overdue
    milestones), which are not counted again.
    """
    known = known or {}
    tally = {
        kind: known[kind] if kind in known else q.count(today, tenant_id)
        for kind, q in QUERY_KINDS.items()
    }
    for kind in PYTHON_KINDS:
        tally[kind] = 0
    for warning in _python_warnings(today, tenant_id):
        tally[warning.kind] += 1
    return {kind: tally[kind] for kind in KINDS}


def page_of(
    today: date, tenant_id: int, tally: dict[str, int], kinds, offset: int, limit: int
) -> list[EarlyWarning]:
    """Warnings ``offset`` to ``offset + limit`` of ``kinds`` in ``KINDS`` order.

    Each kind is fetched only for the part of it on the page (``LIMIT`` and
    ``OFFSET`` in SQL), so a page costs the same with ten or a hundred
    thousand items.
    """
    shown, judged = [], None
    for kind in (k for k in KINDS if k in kinds):
        if offset >= tally[kind]:
            offset -= tally[kind]
            continue
        wanted = limit - len(shown)
        if kind in QUERY_KINDS:
            shown += QUERY_KINDS[kind].items(today, tenant_id, offset, wanted)
        else:
            judged = judged if judged is not None else _python_warnings(today, tenant_id)
            of_kind = [w for w in judged if w.kind == kind]
            shown += of_kind[offset : offset + wanted]
        offset = 0
        if len(shown) >= limit:
            break
    return shown
