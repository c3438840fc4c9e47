"""A carrier's trends over the years and its cohorts by admission year, for the dashboard's charts.

Five charts from four grouped queries, whatever the number of startups:

- *startups per stage*: enrollments at the carrier running at some time in
  the year (admitted by its end, not ended before it began), per stage;
- *revenue and R&D spend*: the annual figures reported for the year by the
  startups enrolled at the carrier at some time in that year, each startup's
  figures once however many of its stages ran there (as the city view adds
  R&D spend);
- *funding by kind*: rounds raised while enrolled at the carrier, by the
  year of the round and its kind, each round once;
- *IP granted*: rights granted while enrolled at the carrier, by the year of
  the grant and the IP kind;
- *cohorts*: enrollments by the year of admission and where they stand now
  (active, graduated, withdrawn, expired).

The years run from the first with anything to show to this year, at most
``YEARS`` of them. A year without reported figures has no value (``None``),
not zero, so a line stops there instead of falling to nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import and_, extract, func, or_, select

from core.enrollments.models import Enrollment, EnrollmentStatus
from core.extensions import db
from core.plugin_api import FUNDING, IP_KIND
from core.plugins import incuchain
from core.registry.models import AnnualFigures, FundingRound, IPAsset

#: How many years the trends show at most, this year included.
YEARS = 10


@dataclass(frozen=True)
class Series:
    key: str
    name: str
    #: One value per year of the chart; ``None`` where nothing was reported.
    values: list


@dataclass(frozen=True)
class Trend:
    """One chart: a series per stage, kind or status over the years."""

    key: str
    title: str
    years: list[int]
    series: list[Series] = field(default_factory=list)
    #: ``line`` for levels (startups, money reported), ``bar`` for what happened in a year.
    kind: str = "bar"
    stacked: bool = False
    #: The unit of the values, shown on the axis and in the table's header.
    unit: str = ""

    @property
    def caption(self) -> str:
        """The title with the unit, as the figure and a saved image show it."""
        if not self.unit:
            return self.title
        return _("%(title)s (%(unit)s)", title=self.title, unit=self.unit)

    @property
    def empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)

    def rows(self) -> list[tuple[int, list]]:
        """The chart as a table: a row per year, a column per series."""
        return [(year, [s.values[i] for s in self.series]) for i, year in enumerate(self.years)]

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "caption": self.caption,
            "kind": self.kind,
            "stacked": self.stacked,
            "unit": self.unit,
            "years": [str(y) for y in self.years],
            "series": [
                {"key": s.key, "name": s.name, "values": [_number(v) for v in s.values]}
                for s in self.series
            ],
        }


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


def _year(column):
    return extract("year", column)


def _enrolled_in_year(year_column):
    """The enrollment ran at some time in the year ``year_column`` holds."""
    return and_(
        _year(Enrollment.admitted_on) <= year_column,
        or_(Enrollment.ended_on.is_(None), _year(Enrollment.ended_on) >= year_column),
    )


def _enrolled_on(day_column):
    """The enrollment ran on the day ``day_column`` holds."""
    return and_(
        Enrollment.admitted_on <= day_column,
        or_(Enrollment.ended_on.is_(None), Enrollment.ended_on >= day_column),
    )


def _spans(tenant_id: int) -> list[tuple[str, str, int, int | None, int]]:
    """``(stage, status, year admitted, year ended or None, enrollments)``."""
    rows = db.session.execute(
        select(
            Enrollment.stage,
            Enrollment.status,
            _year(Enrollment.admitted_on),
            _year(Enrollment.ended_on),
            func.count(),
        )
        .where(Enrollment.tenant_id == tenant_id)
        .group_by(
            Enrollment.stage,
            Enrollment.status,
            _year(Enrollment.admitted_on),
            _year(Enrollment.ended_on),
        )
    )
    return [
        (stage, status, int(start), int(end) if end is not None else None, n)
        for stage, status, start, end, n in rows
    ]


def _figures(tenant_id: int) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """``{year: (revenue, R&D spend)}``; a sum is ``None`` when nobody reported it."""
    reported = (
        select(
            AnnualFigures.id, AnnualFigures.year, AnnualFigures.revenue, AnnualFigures.rd_expense
        )
        .join(Enrollment, Enrollment.startup_id == AnnualFigures.startup_id)
        .where(Enrollment.tenant_id == tenant_id, _enrolled_in_year(AnnualFigures.year))
        .distinct()
        .subquery()
    )
    rows = db.session.execute(
        select(
            reported.c.year, func.sum(reported.c.revenue), func.sum(reported.c.rd_expense)
        ).group_by(reported.c.year)
    )
    return {
        int(year): tuple(Decimal(v) if v is not None else None for v in sums)
        for year, *sums in rows
    }


def _funding(tenant_id: int) -> dict[tuple[int, str], Decimal]:
    """``{(year, funding kind): 万元}``."""
    rounds = (
        select(FundingRound.id, FundingRound.date, FundingRound.kind, FundingRound.amount)
        .join(Enrollment, Enrollment.startup_id == FundingRound.startup_id)
        .where(Enrollment.tenant_id == tenant_id, _enrolled_on(FundingRound.date))
        .distinct()
        .subquery()
    )
    year = _year(rounds.c.date)
    rows = db.session.execute(
        select(year, rounds.c.kind, func.sum(rounds.c.amount)).group_by(year, rounds.c.kind)
    )
    return {(int(y), kind): Decimal(amount or 0) for y, kind, amount in rows}


def _ip_granted(tenant_id: int) -> dict[tuple[int, str], int]:
    """``{(year, IP kind): rights granted}``."""
    granted = (
        select(IPAsset.id, IPAsset.granted_on.label("date"), IPAsset.kind)
        .join(Enrollment, Enrollment.startup_id == IPAsset.startup_id)
        .where(
            Enrollment.tenant_id == tenant_id,
            IPAsset.status == "granted",
            IPAsset.granted_on.is_not(None),
            _enrolled_on(IPAsset.granted_on),
        )
        .distinct()
        .subquery()
    )
    year = _year(granted.c.date)
    rows = db.session.execute(
        select(year, granted.c.kind, func.count()).group_by(year, granted.c.kind)
    )
    return {(int(y), kind): n for y, kind, n in rows}


def _window(first_years, today: date) -> list[int]:
    """From the first year with data (at most ``YEARS`` ago) to this year."""
    earliest = today.year - YEARS + 1
    first = min((y for y in first_years if y <= today.year), default=today.year)
    return list(range(max(first, earliest), today.year + 1))


def _by_kind(sums: dict[tuple[int, str], object], vocabulary: str, years: list[int], zero):
    """A series per kind that has any value, in the vocabulary's order."""
    locale = str(get_locale())
    registry = incuchain().vocabulary
    present = {kind for _year, kind in sums}
    ordered = [t.key for t in registry.terms(vocabulary) if t.key in present]
    ordered += sorted(present - set(ordered))
    return [
        Series(
            kind,
            registry.name(vocabulary, kind, locale),
            [sums.get((y, kind), zero) for y in years],
        )
        for kind in ordered
    ]


def build(tenant_id: int, stages, today: date) -> list[Trend]:
    """The dashboard's trend charts: four queries."""
    from core.web import localized

    spans = _spans(tenant_id)
    figures = _figures(tenant_id)
    funding = _funding(tenant_id)
    granted = _ip_granted(tenant_id)
    years = _window(
        [start for _s, _st, start, _e, _n in spans]
        + list(figures)
        + [y for y, _k in funding]
        + [y for y, _k in granted],
        today,
    )

    running = defaultdict(int)
    cohorts = defaultdict(int)
    for stage, status, start, end, n in spans:
        for year in years:
            if start <= year and (end is None or end >= year):
                running[stage, year] += n
        cohorts[status, start] += n

    return [
        Trend(
            "stages",
            _("Startups per stage over the years"),
            years,
            [Series(s.key, localized(s), [running[s.key, y] for y in years]) for s in stages],
            kind="line",
        ),
        Trend(
            "figures",
            _("The portfolio's revenue and R&D spend"),
            years,
            [
                Series("revenue", _("Revenue"), [figures.get(y, (None, None))[0] for y in years]),
                Series(
                    "rd_expense", _("R&D spend"), [figures.get(y, (None, None))[1] for y in years]
                ),
            ],
            kind="line",
            unit=_("10k CNY"),
        ),
        Trend(
            "funding",
            _("Funding raised by kind"),
            years,
            _by_kind(funding, FUNDING, years, Decimal(0)),
            stacked=True,
            unit=_("10k CNY"),
        ),
        Trend(
            "ip",
            _("IP granted by kind"),
            years,
            _by_kind(granted, IP_KIND, years, 0),
            stacked=True,
        ),
        Trend(
            "cohorts",
            _("Cohorts by year of admission: where they stand now"),
            years,
            [
                Series(status.value, str(status.label), [cohorts[status, y] for y in years])
                for status in EnrollmentStatus
            ],
            stacked=True,
        ),
    ]
