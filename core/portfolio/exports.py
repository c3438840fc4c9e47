"""The carrier's lists as tables: every row matching the page's filters, not one page.

Each list reuses the query of its page (``core.portfolio.listing`` and
``core.portfolio.listing.stage_query``), so an export shows exactly what the
reader may see there, in a constant number of queries. The startup list adds
what a manager reports on: each startup's place on the recognition ladder and
its figures for the last calendar year (上年度).
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core import hooks
from core.assessments.service import assess_startups
from core.assessments.service import summary as ladder_summary
from core.extensions import db
from core.plugin_api import TECH_FIELD
from core.plugins import incuchain
from core.portfolio import listing
from core.registry.models import AnnualFigures
from core.registry.vocab import STARTUP_KINDS, name_of
from core.tabular import AMOUNT, DATE, WHOLE, Column, Table
from core.timeutil import local_today

#: The last year's figures the startup list shows: (field, heading, number format).
LAST_YEAR_FIGURES = (
    ("revenue", _l("Revenue %(year)s (万元)"), AMOUNT),
    ("rd_expense", _l("R&D expense %(year)s (万元)"), AMOUNT),
    ("employees", _l("Employees %(year)s"), WHOLE),
    ("tech_staff", _l("Tech staff %(year)s"), WHOLE),
)


def _names():
    """Helpers naming fields, stages and statuses in the reader's language."""
    locale = str(get_locale())
    stages = incuchain().stages

    def field(key):
        return incuchain().vocabulary.name(TECH_FIELD, key, locale)

    def stage(key):
        spec = stages.get(key)
        return spec.name(locale) if spec else key

    def status(key):
        return str(listing.STATUSES.get(key, key))

    return locale, field, stage, status


def figures_of(startup_ids: list[int], year: int) -> dict[int, AnnualFigures]:
    """The startups' figures for ``year``, by startup id: one query."""
    if not startup_ids:
        return {}
    rows = db.session.scalars(
        select(AnnualFigures).where(
            AnnualFigures.startup_id.in_(startup_ids), AnnualFigures.year == year
        )
    )
    return {row.startup_id: row for row in rows}


def startups_table(tenant, filters: listing.Filters) -> Table:
    """The carrier's startup list with its filters and sort order, the ladder and last year."""
    locale, field, stage, status = _names()
    today = local_today()
    year = today.year - 1
    found = listing.all_rows(tenant.id, filters)
    startups = [row.startup for row in found]
    figures = figures_of([s.id for s in startups], year)
    with_ladder = hooks.assessments_enabled()
    ladders = assess_startups(startups, today) if with_ladder else {}
    columns = [
        Column(_("Name (Chinese)")),
        Column(_("Name (English)")),
        Column(_("Team or company")),
        Column(_("Credit code")),
        Column(_("Technology field")),
        Column(_("Founding date"), DATE),
        Column(_("Here")),
        Column(_("Latest admission"), DATE),
        *([Column(_("Recognition ladder"))] if with_ladder else []),
        *(
            Column(str(heading) % {"year": year}, number_format)
            for _f, heading, number_format in LAST_YEAR_FIGURES
        ),
    ]
    rows = [
        [
            row.startup.name_zh,
            row.startup.name_en,
            name_of(STARTUP_KINDS, row.startup.kind, locale),
            row.startup.credit_code or "",
            field(row.startup.tech_field),
            row.startup.founded_on,
            "; ".join(
                [f"{stage(e.stage)} · {status(e.status)}" for e in row.enrollments]
                + [f"{stage(a.stage)} · {status(a.status)}" for a in row.applications]
            ),
            row.latest_admission,
            *([ladder_summary(ladders.get(row.startup.id))] if with_ladder else []),
            *(
                getattr(figures.get(row.startup.id), name, None)
                for name, _heading, _format in LAST_YEAR_FIGURES
            ),
        ]
        for row in found
    ]
    return Table(_("Startups"), columns, rows)


def stage_table(stage_spec) -> Table:
    """The carrier's enrollments in one stage, as the reader sees them on the stage page."""
    locale, field, _stage, status = _names()
    enrollments = db.session.scalars(listing.stage_query(stage_spec.key)).all()
    eligible = listing.graduation_badges(enrollments)
    columns = [
        Column(_("Startup")),
        Column(_("Credit code")),
        Column(_("Technology field")),
        Column(_("Admission date"), DATE),
        Column(_("Due date"), DATE),
        Column(_("Status")),
    ]
    if eligible is not None:
        columns.append(Column(_("Graduation")))

    def badge(enrollment):
        if enrollment.id not in eligible:
            return ""
        return _("Eligible") if eligible[enrollment.id] else _("Not yet")

    rows = [
        [
            e.startup.name(locale),
            e.startup.credit_code or "",
            field(e.startup.tech_field),
            e.admitted_on,
            e.due_on,
            status(e.status),
            *([badge(e)] if eligible is not None else []),
        ]
        for e in enrollments
    ]
    return Table(stage_spec.name(locale), columns, rows)
