"""The IP rights' part of the startup page: each right's legal status, and its events dated."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import gettext as _

from core.ip import queries
from core.ip.models import EventKind
from core.ip.queries import Right
from core.ip.texts import EVENT_NAMES
from core.registry.page import TimelineEntry
from core.timeutil import local_today
from core.web import panels


@dataclass(frozen=True)
class Rights:
    rights: list[Right]
    timeline: list[TimelineEntry]


def timeline(rights: list[Right]) -> list[TimelineEntry]:
    """Assignments, licences, pledges (and their release), restorations and renewals."""
    entries = []
    for right in rights:
        for event in right.events:
            what = str(EVENT_NAMES[event.kind])
            detail = " · ".join(filter(None, (right.asset.title, event.counterparty)))
            entries.append(TimelineEntry(event.happened_on, what, detail))
            if event.kind == EventKind.PLEDGE and event.released_on:
                entries.append(TimelineEntry(event.released_on, _("Pledge released"), detail))
    return entries


def rights(startup) -> Rights | None:
    found = queries.of_startup(startup.id, local_today())
    return Rights(found, timeline(found)) if found else None


def init_app(app: Flask) -> None:
    panels.add(
        app,
        "startup",
        panels.Panel(key="ip-life", order=40, template="ip/_panel.html", load=rights),
    )
