"""Assessing startups in batches, and storing the items managers enter.

``assess_startups`` is the one entry point for pages that show the ladder
(the startup page, the startup and stage lists, the city view): the facts
of every startup given (``startup_facts``, five queries) and their entered
items (one query) are loaded together, then the plugins judge each startup
in memory. Six queries however many startups; none when no plugin assesses.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from core import hooks
from core.assessments.models import ManualScore
from core.enrollments.models import Enrollment, EnrollmentStatus
from core.extensions import db
from core.plugin_api import HELD, MET, NOT_MET, Assessment, AssessmentCheck
from core.registry.models import Startup
from core.rules.context import startup_facts


@dataclass(frozen=True)
class Ladder:
    """A startup's assessments, lowest rung first."""

    assessments: tuple[Assessment, ...]

    @property
    def reached(self) -> Assessment | None:
        """The highest rung held or met."""
        return next((a for a in reversed(self.assessments) if a.reached), None)

    @property
    def next(self) -> Assessment | None:
        """The lowest rung neither held nor met."""
        return next((a for a in self.assessments if not a.reached), None)

    def get(self, key: str) -> Assessment | None:
        return next((a for a in self.assessments if a.key == key), None)

    @property
    def one_away(self) -> list[tuple[Assessment, AssessmentCheck]]:
        """Rungs not reached where exactly one condition fails, with that condition."""
        return [
            (a, a.failing[0])
            for a in self.assessments
            if a.status == NOT_MET and len(a.failing) == 1
        ]


def status_word(assessment: Assessment) -> str:
    """Where a startup stands on one rung, in a word or three (the ladder's badges, exports)."""
    if assessment.status == HELD:
        return _("Held")
    if assessment.status == MET:
        return _("Ready")
    if assessment.status == NOT_MET:
        return _("1 condition away") if len(assessment.failing) == 1 else _("Not yet")
    return _("Cannot judge yet")


def summary(ladder: Ladder | None) -> str:
    """The whole ladder as one line of text, e.g. "科小 · Held; 高企 · Not yet"."""
    if ladder is None:
        return ""
    locale = str(get_locale())
    return "; ".join(f"{a.short(locale)} · {status_word(a)}" for a in ladder.assessments)


def manual_inputs(startup_ids: list[int]) -> dict[int, dict[str, dict[str, int]]]:
    """``{startup id: {assessment: {item: points}}}`` in one query."""
    found: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    if startup_ids:
        for row in db.session.scalars(
            select(ManualScore).where(ManualScore.startup_id.in_(startup_ids))
        ):
            found[row.startup_id][row.assessment][row.item] = row.value
    return found


def assess_startups(startups: Iterable[Startup], as_of: date) -> dict[int, Ladder]:
    """Each startup's ladder on ``as_of``, keyed by startup id; ``{}`` when no plugin assesses."""
    startups = list(startups)
    if not startups or not hooks.assessments_enabled():
        return {}
    facts = startup_facts(startups)
    inputs = manual_inputs([s.id for s in startups])
    return {
        s.id: Ladder(tuple(hooks.startup_assessments(facts[s.id], as_of, inputs.get(s.id, {}))))
        for s in startups
    }


def assess_startup(startup: Startup, as_of: date) -> Ladder | None:
    return assess_startups([startup], as_of).get(startup.id)


def enrolled_startups(tenant_id: int) -> list[Startup]:
    """The startups with an active enrollment at the carrier, by name."""
    active = select(Enrollment.startup_id).where(
        Enrollment.tenant_id == tenant_id, Enrollment.status == EnrollmentStatus.ACTIVE
    )
    return list(
        db.session.scalars(
            select(Startup).where(Startup.id.in_(active)).order_by(Startup.name_zh, Startup.id)
        )
    )


@dataclass(frozen=True)
class NearRow:
    startup: Startup
    assessment: Assessment
    #: The one condition that fails.
    missing: AssessmentCheck


def one_condition_away(tenant_id: int, as_of: date) -> list[NearRow]:
    """The carrier's enrolled startups one failing condition from a rung, lowest rung first."""
    startups = enrolled_startups(tenant_id)
    ladders = assess_startups(startups, as_of)
    rows = [
        NearRow(startup, assessment, check)
        for startup in startups
        if startup.id in ladders
        for assessment, check in ladders[startup.id].one_away
    ]
    return sorted(rows, key=lambda r: r.assessment.order)


@dataclass(frozen=True)
class RowsPage:
    """One page of rows computed in memory, shaped for the ``pager`` macro."""

    rows: list
    page: int
    per_page: int

    @property
    def items(self) -> list:
        start = (self.page - 1) * self.per_page
        return self.rows[start : start + self.per_page]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int:
        return self.page + 1
