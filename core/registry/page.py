"""Everything the startup page shows, in a fixed number of queries.

The registry draws the profile, its sections (one query each) and the
timeline; the parts other capabilities own (applications, enrollments,
certificates, the ladder…) are their panels (``core.web.panels``, page
``"startup"``), loaded with ``startup``, ``access`` (a ``StartupAccess``)
and ``carrier_manager`` (whether the reader manages the carrier whose pages
these are), each in a fixed number of queries. A panel's data may
carry ``timeline``, a list of ``TimelineEntry``, merged into the page's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import get_locale
from flask_babel import gettext as _

from core.plugin_api import CERTIFICATION, FUNDING, IP_KIND
from core.registry import vocab
from core.registry.access import StartupAccess
from core.registry.models import Startup
from core.registry.sections import SECTIONS, Section, money
from core.web import panels


@dataclass(frozen=True)
class TimelineEntry:
    when: date
    what: str
    detail: str = ""
    #: Known to the year only (a yearly registration); shown as the year.
    year_only: bool = False


@dataclass
class StartupPage:
    startup: Startup
    #: "Team" or "Registered company", in the reader's language.
    kind_name: str
    #: Each section with the startup's rows, newest first.
    sections: list[tuple[Section, list]]
    timeline: list[TimelineEntry] = field(default_factory=list)
    #: The other capabilities' parts of the page, in order.
    panels: list[panels.Filled] = field(default_factory=list)


def timeline(startup: Startup, rows: dict, filled: list[panels.Filled]) -> list[TimelineEntry]:
    """The startup's dated events from every part of its record, oldest first."""
    locale = str(get_locale())
    entries: list[TimelineEntry] = []
    if startup.founded_on:
        founded = _("Company registered") if startup.kind == "company" else _("Team formed")
        entries.append(TimelineEntry(startup.founded_on, founded))
    for part in filled:
        entries.extend(getattr(part.data, "timeline", ()))
    for r in rows["funding"]:
        what = vocab.name_of(FUNDING, r.kind, locale)
        detail = _("%(amount)s 万元", amount=money(r.amount))
        entries.append(TimelineEntry(r.date, what, f"{detail} · {r.investor}".rstrip(" ·")))
    for r in rows["ip"]:
        kind = vocab.name_of(IP_KIND, r.kind, locale)
        for day, what in ((r.filed_on, _("filed")), (r.granted_on, _("granted"))):
            if day:
                entries.append(TimelineEntry(day, f"{kind} · {what}", r.title))
    for r in rows["certifications"]:
        what = vocab.name_of(CERTIFICATION, r.kind, locale)
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


def build(startup: Startup, access: StartupAccess, *, carrier_manager: bool) -> StartupPage:
    rows = {section.key: section.rows(startup.id) for section in SECTIONS}
    filled = panels.fill("startup", startup=startup, access=access, carrier_manager=carrier_manager)
    return StartupPage(
        startup=startup,
        kind_name=vocab.name_of(vocab.STARTUP_KINDS, startup.kind, str(get_locale())),
        sections=[(section, rows[section.key]) for section in SECTIONS],
        timeline=timeline(startup, rows, filled),
        panels=filled,
    )
