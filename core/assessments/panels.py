"""The recognition ladder's part of the startup page (``core.web.panels``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, url_for

from core.assessments.service import Ladder, assess_startup
from core.timeutil import local_today
from core.web import panels


@dataclass(frozen=True)
class LadderPanel:
    ladder: Ladder
    #: ``manual_url(assessment key)``: where the carrier's managers enter manual items.
    manual_url: Callable[[str], str] | None


def ladder(startup, access, carrier_manager: bool) -> LadderPanel | None:
    found = assess_startup(startup, local_today())
    if found is None:
        return None
    manual_url = None
    if carrier_manager:

        def manual_url(key: str) -> str:
            return url_for("assessments.manual", startup_id=startup.id, key=key)

    return LadderPanel(found, manual_url)


def init_app(app: Flask) -> None:
    panels.add(
        app,
        "startup",
        panels.Panel(
            key="ladder", order=50, template="assessments/_startup_panel.html", load=ladder
        ),
    )
