"""The startup's history: every change to its shared record, from the audit log.

The startup page shows it as a panel (``core.web.panels``) to whoever may
see the record: its founders, the platform admin, and the carriers where it
has applied or is enrolled (``core.registry.access``). It lists the
record's own events — the profile (a moved 成立日期 included), founders added
and removed, rows of figures, funding, IP, certifications and corporate
events — by whomever they were made, on the founders' pages or on any
carrier's, so a change made at one carrier is seen at every other. Events of
applications and enrollments stay in their carrier's own log.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.audit import report
from core.audit.models import AuditEvent
from core.extensions import db
from core.registry.sections import SECTIONS
from core.web import panels

#: The most recent events the panel shows.
LIMIT = 200

#: The startup's own actions (profile and founders); the sections' rows are added below.
PROFILE_ACTIONS = (
    "startup.created",
    "startup.updated",
    "startup.credit_code_exception",
    "startup.founder_added",
    "startup.founder_removed",
)


#: The audit log's names of the profile's fields (the form's labels).
PROFILE_FIELDS = {
    "kind": _l("Team or company"),
    "founded_on": _l("Founding date"),
    "tech_field": _l("Technology field"),
    "address": _l("Address"),
    "contact_name": _l("Contact person"),
    "contact_phone": _l("Contact phone"),
    "contact_email": _l("Contact email"),
    "description": _l("Description"),
    "credit_code_override": _l("Credit code exception"),
}


def record_actions() -> tuple[str, ...]:
    rows = tuple(f"{s.key}.{verb}" for s in SECTIONS for verb in ("created", "updated", "deleted"))
    return PROFILE_ACTIONS + rows


@dataclass(frozen=True)
class HistoryRow:
    row: report.Row
    #: The carrier on whose pages the change was made, or ``None`` (the founders' pages).
    carrier: str | None


@dataclass(frozen=True)
class History:
    rows: list[HistoryRow]
    #: More events exist than are shown.
    truncated: bool


def history(startup) -> History:
    """The newest ``LIMIT`` events of the record, in the reader's language.

    One query for the events, and one per kind of row they name.
    """
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.startup_id == startup.id, AuditEvent.action.in_(record_actions()))
        .options(joinedload(AuditEvent.actor), joinedload(AuditEvent.tenant))
        .order_by(AuditEvent.id.desc())
        .limit(LIMIT + 1)
    ).all()
    locale = str(get_locale())
    rows = [
        HistoryRow(row, row.event.tenant.name(locale) if row.event.tenant else None)
        for row in report.rows(events[:LIMIT])
    ]
    return History(rows, truncated=len(events) > LIMIT)


def init_app(app: Flask) -> None:
    panels.add(
        app,
        "startup",
        panels.Panel(
            key="history", order=90, template="registry/_history_panel.html", load=history
        ),
    )
