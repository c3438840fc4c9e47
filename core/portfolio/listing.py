"""A carrier's list of its startups: search, filters, sort and pagination.

The page is two queries for the startups (count and page) and one each for
the page's enrollments and applications at the carrier, however many rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from flask import g
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import case, func, or_, select, union
from sqlalchemy.orm import contains_eager

from core.applications.models import Application, ApplicationStatus
from core.enrollments.models import Enrollment, EnrollmentStatus
from core.extensions import db
from core.graduation import checks as graduation
from core.plugin_api import TECH_FIELD, is_english
from core.plugins import incuchain
from core.registry import credit_code
from core.registry.access import linked_startup_ids
from core.registry.models import Startup, startup_founders
from core.tenancy.access import has_role
from core.tenancy.models import Role
from core.timeutil import local_today

#: The ``status`` filter value for enrollments in any status.
ENROLLED = "enrolled"


def filtered_startup_ids(
    tenant_id: int,
    stage: str | None = None,
    status: str | None = None,
    ended_year: int | None = None,
):
    """Ids of the startups linked to a carrier, filtered, as a selectable for ``IN (...)``.

    ``stage`` narrows to enrollments and applications for that stage;
    ``status`` to enrollments in that status (any status for ``ENROLLED``), or
    to applications in that status when it is an application status
    (submitted, rejected); ``ended_year`` to enrollments that ended that year.
    """
    enrolled = select(Enrollment.startup_id).where(Enrollment.tenant_id == tenant_id)
    applied = select(Application.startup_id).where(
        Application.tenant_id == tenant_id, Application.status != ApplicationStatus.DRAFT
    )
    if stage:
        enrolled = enrolled.where(Enrollment.stage == stage)
        applied = applied.where(Application.stage == stage)
    if ended_year:
        enrolled = enrolled.where(
            Enrollment.ended_on >= date(ended_year, 1, 1),
            Enrollment.ended_on <= date(ended_year, 12, 31),
        )
        if status not in set(EnrollmentStatus):
            return enrolled
    if status in set(EnrollmentStatus):
        return enrolled.where(Enrollment.status == status)
    if status == ENROLLED:
        return enrolled
    if status:
        return applied.where(Application.status == status)
    return union(enrolled, applied) if stage else linked_startup_ids(tenant_id)


PAGE_SIZE = 50
#: Pages beyond this are empty anyway; the cap keeps the offset within the database's range.

#: Statuses to filter by: an enrollment's, or a pending or refused application's.
STATUSES = {
    **{status: status.label for status in EnrollmentStatus},
    ApplicationStatus.SUBMITTED: _l("Applied, under review"),
    ApplicationStatus.REJECTED: _l("Application rejected"),
    ENROLLED: _l("Admitted, any status"),
}

SORTS = {
    "name": _l("Name"),
    "admitted": _l("Latest admission"),
    "field": _l("Technology field"),
}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    stage: str = ""
    status: str = ""
    field: str = ""
    #: A year: only enrollments that ended in it (the dashboard's graduations per year).
    ended: str = ""
    sort: str = "name"

    @classmethod
    def from_args(cls, args, stage_keys) -> Filters:
        """The filters in the query string; anything not on offer is ignored."""

        def pick(name, allowed, default=""):
            value = args.get(name, "")
            return value if value in allowed else default

        return cls(
            q=args.get("q", "").strip()[:100],
            stage=pick("stage", set(stage_keys)),
            status=pick("status", {str(s) for s in STATUSES}),
            field=pick("field", set(incuchain().vocabulary.keys(TECH_FIELD))),
            ended=ended if len(ended := args.get("ended", "")) == 4 and ended.isdigit() else "",
            sort=pick("sort", SORTS, "name"),
        )

    def args(self) -> dict:
        """The non-empty filters, to carry into pagination links."""
        return {k: v for k, v in vars(self).items() if v}


def filter_menus(stages) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The list's drop-down menus: (query parameter, label, [(value, text)])."""
    locale = str(get_locale())
    everything = ("", _("All"))
    return [
        ("stage", _("Stage"), [everything, *((s.key, s.name(locale)) for s in stages)]),
        ("status", _("Status"), [everything, *((str(k), str(v)) for k, v in STATUSES.items())]),
        (
            "field",
            _("Technology field"),
            [everything, *incuchain().vocabulary.choices(TECH_FIELD, locale).items()],
        ),
        ("sort", _("Sort by"), [(k, str(v)) for k, v in SORTS.items()]),
    ]


def display_name():
    """The name column the reader sees (the English name, when there is one, in English)."""
    if is_english(get_locale()):
        return func.coalesce(func.nullif(Startup.name_en, ""), Startup.name_zh)
    return Startup.name_zh


def startups_query(tenant_id: int, filters: Filters):
    latest = (
        select(Enrollment.startup_id, func.max(Enrollment.admitted_on).label("admitted_on"))
        .where(Enrollment.tenant_id == tenant_id)
        .group_by(Enrollment.startup_id)
        .subquery()
    )
    query = (
        select(Startup)
        .outerjoin(latest, latest.c.startup_id == Startup.id)
        .where(
            Startup.id.in_(
                filtered_startup_ids(
                    tenant_id, filters.stage, filters.status, int(filters.ended or 0)
                )
            ),
            # Only startups that share their record with the carrier now: one it
            # rejected keeps its application on the applications list, not here.
            Startup.id.in_(linked_startup_ids(tenant_id)),
        )
    )
    if filters.q:
        words = [
            Startup.name_zh.icontains(filters.q, autoescape=True),
            Startup.name_en.icontains(filters.q, autoescape=True),
        ]
        code = credit_code.normalise(filters.q)
        if code:
            words.append(Startup.credit_code.contains(code, autoescape=True))
        query = query.where(or_(*words))
    if filters.field:
        query = query.where(Startup.tech_field == filters.field)
    name = display_name()
    if filters.sort == "admitted":
        order = (latest.c.admitted_on.desc().nulls_last(), name)
    elif filters.sort == "field":
        locale = str(get_locale())
        field_name = case(
            incuchain().vocabulary.choices(TECH_FIELD, locale), value=Startup.tech_field
        )
        order = (field_name, name)
    else:
        order = (name,)
    return query.order_by(*order, Startup.id)


@dataclass(frozen=True)
class Row:
    startup: Startup
    enrollments: list
    applications: list

    @property
    def latest_admission(self):
        return max((e.admitted_on for e in self.enrollments), default=None)


def page(tenant_id: int, filters: Filters, number: int):
    """The page of startups and, per startup, its enrollments and open applications here."""
    pagination = db.paginate(
        startups_query(tenant_id, filters),
        page=number,
        per_page=PAGE_SIZE,
        error_out=False,
    )
    return pagination, rows_for(tenant_id, pagination.items, [s.id for s in pagination.items])


def all_rows(tenant_id: int, filters: Filters) -> list[Row]:
    """Every matching startup, not only a page (for exports); three queries."""
    query = startups_query(tenant_id, filters)
    ids = query.with_only_columns(Startup.id).order_by(None)
    return rows_for(tenant_id, db.session.scalars(query).all(), ids)


def rows_for(tenant_id: int, startups: list[Startup], ids) -> list[Row]:
    """``startups`` with their enrollments and open applications here.

    ``ids`` are the startups' ids: a list, or a select of them when there
    are too many to send as parameters.
    """
    enrollments, applications = defaultdict(list), defaultdict(list)
    if startups:
        for e in db.session.scalars(
            select(Enrollment)
            .where(Enrollment.tenant_id == tenant_id, Enrollment.startup_id.in_(ids))
            .order_by(Enrollment.admitted_on)
        ):
            enrollments[e.startup_id].append(e)
        for a in db.session.scalars(
            select(Application)
            .where(
                Application.tenant_id == tenant_id,
                Application.startup_id.in_(ids),
                Application.status.in_((ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED)),
            )
            .order_by(Application.id)
        ):
            applications[a.startup_id].append(a)
    return [Row(s, enrollments[s.id], applications[s.id]) for s in startups]


def stage_query(stage: str):
    """The carrier's enrollments in ``stage`` as the current reader may see them."""
    query = (
        select(Enrollment)
        .join(Enrollment.startup)
        .where(Enrollment.tenant_id == g.tenant.id, Enrollment.stage == stage)
        .options(contains_eager(Enrollment.startup))
        .order_by(Enrollment.admitted_on.desc(), Startup.name_zh, Enrollment.id)
    )
    if not has_role(Role.MANAGER):
        # Founders (and reviewers) see only their own startups, never the carrier's roster.
        query = query.join(
            startup_founders, startup_founders.c.startup_id == Enrollment.startup_id
        ).where(startup_founders.c.user_id == current_user.id)
    return query


def graduation_badges(enrollments) -> dict[int, bool] | None:
    """Managers only: whether each active enrollment meets its graduation rules, by id.

    The rows are evaluated together: a constant number of queries.
    """
    if not has_role(Role.MANAGER):
        return None
    active = [e for e in enrollments if e.status == EnrollmentStatus.ACTIVE]
    verdicts = graduation.evaluate_enrollments(active, local_today())
    return {key: graduation.eligible(verdict) for key, verdict in verdicts.items()}
