"""The annual statistics record of a carrier's startups (火炬统计, policy-rules.md §7).

One row per startup enrolled at the carrier on or before the end of the
year, with the items the Torch Center's statistics collect about incubated
enterprises. Money is stored in 万元 and written in 千元, the unit of the
official forms (×10). The current forms' exact fields are UNVERIFIED
(§7): the columns follow the verified indicators and the suggested
per-enterprise record, and docs/exchange.md lists them.

Nothing here is about one stage: the record covers every stage the carrier
runs, and the stage of each row is named from the stage registry.

The record is built from ``startup_facts`` (five queries for any number of
startups) plus one query for the enrollments: a constant number of queries.

``problems`` lists what the manager should check before sending the record
on: missing figures, technical staff above employees, R&D above revenue and
the like, each with the row of the sheet it concerns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from core.enrollments.models import Enrollment
from core.extensions import db
from core.plugin_api import EQUITY, GRANT, LOAN, TECH_FIELD, Figures, StartupFacts
from core.plugins import incuchain
from core.portfolio.listing import STATUSES
from core.registry.models import Startup
from core.registry.vocab import EVENT_KINDS, name_of
from core.rules.context import startup_facts
from core.tabular import DATE, Column, Table

#: 万元 → 千元
TO_THOUSANDS = Decimal(10)
MONEY_FORMAT = "#,##0.000"
#: Funding categories (of the vocabulary's funding kinds) counted as investment
#: (投融资): equity and loans; grants are 财政资助.
INVESTMENT = frozenset({EQUITY, LOAN})
VENTURE = frozenset({EQUITY})


@dataclass(frozen=True)
class Entry:
    """One startup in the record: its facts and its enrollments at the carrier."""

    facts: StartupFacts
    enrollments: list[Enrollment]

    def figures(self, year: int) -> Figures | None:
        return self.facts.figures.get(year)


@dataclass(frozen=True)
class Field:
    key: str
    label: object
    value: Callable[[Entry, int], object]
    number_format: str | None = None


def _money(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else amount * TO_THOUSANDS


def _figure(name: str, money: bool = False):
    def value(entry: Entry, year: int):
        figures = entry.figures(year)
        amount = getattr(figures, name) if figures else None
        return _money(amount) if money else amount

    return value


def _certification(kind: str, attribute: str):
    """The number (or end of validity) of a certification held during the year."""

    def value(entry: Entry, year: int):
        for c in entry.facts.certifications:
            if c.kind == kind and _valid_during(c, year):
                return getattr(c, attribute) or (_("yes") if attribute == "number" else None)
        return None

    return value


def _valid_during(certification, year: int) -> bool:
    """Valid at some time in the year, by its kind's validity (a yearly one: its own year)."""
    return certification.valid_on(date(year, 12, 31)) or certification.valid_on(date(year, 1, 1))


def _ip_count(*, in_year: bool, invention_only: bool):
    """Granted IP: granted during the year, or held (granted by its end)."""

    def value(entry: Entry, year: int):
        return sum(
            1
            for ip in entry.facts.ip
            if ip.status == "granted"
            and ip.date is not None
            and (ip.date.year == year if in_year else ip.date.year <= year)
            and (not invention_only or ip.kind == "invention_patent")
        )

    return value


def _funding(categories: frozenset[str], *, in_year: bool):
    def value(entry: Entry, year: int):
        total = sum(
            (
                f.amount
                for f in entry.facts.funding
                if f.category in categories
                and (f.date.year == year if in_year else f.date.year <= year)
            ),
            Decimal(0),
        )
        return _money(total)

    return value


def _exits(entry: Entry, year: int) -> str:
    locale = str(get_locale())
    return "; ".join(
        name_of(EVENT_KINDS, e.kind, locale) for e in entry.facts.events if e.date.year == year
    )


def _first_admission(entry: Entry, _year: int):
    return min(e.admitted_on for e in entry.enrollments)


def _latest(entry: Entry) -> Enrollment:
    return max(entry.enrollments, key=lambda e: (e.admitted_on, e.id))


def _stage(entry: Entry, _year: int) -> str:
    spec = incuchain().stages.get(_latest(entry).stage)
    return spec.name(str(get_locale())) if spec else _latest(entry).stage


def _status(entry: Entry, _year: int) -> str:
    status = _latest(entry).status
    return str(STATUSES.get(status, status))


def _field(entry: Entry, _year: int) -> str:
    return incuchain().vocabulary.name(TECH_FIELD, entry.facts.tech_field, str(get_locale()))


FIELDS: tuple[Field, ...] = (
    Field(
        "credit_code",
        _l("Unified social credit code (统一社会信用代码)"),
        lambda e, y: e.facts.credit_code,
    ),
    Field("name", _l("Enterprise name"), lambda e, y: e.facts.name_zh),
    Field("founded_on", _l("Founding date"), lambda e, y: e.facts.founded_on, DATE),
    Field("admitted_on", _l("Admission date"), _first_admission, DATE),
    Field("stage", _l("Stage"), _stage),
    Field("status", _l("Status"), _status),
    Field("tech_field", _l("Technology field"), _field),
    Field(
        "tech_sme", _l("Tech-based SME registration number"), _certification("tech_sme", "number")
    ),
    Field(
        "high_tech",
        _l("High-tech enterprise certificate number"),
        _certification("high_tech", "number"),
    ),
    Field(
        "high_tech_until",
        _l("High-tech enterprise valid until"),
        _certification("high_tech", "valid_until"),
        DATE,
    ),
    Field("employees", _l("Employees"), _figure("employees"), "0"),
    Field("tech_staff", _l("Of whom technical staff"), _figure("tech_staff"), "0"),
    Field("revenue", _l("Total revenue (千元)"), _figure("revenue", True), MONEY_FORMAT),
    Field("rd_expense", _l("R&D expense (千元)"), _figure("rd_expense", True), MONEY_FORMAT),
    Field(
        "high_tech_revenue",
        _l("High-tech product revenue (千元)"),
        _figure("high_tech_revenue", True),
        MONEY_FORMAT,
    ),
    Field("tax_paid", _l("Tax paid (千元)"), _figure("tax_paid", True), MONEY_FORMAT),
    Field("total_assets", _l("Total assets (千元)"), _figure("total_assets", True), MONEY_FORMAT),
    Field("liabilities", _l("Liabilities (千元)"), _figure("liabilities", True), MONEY_FORMAT),
    Field(
        "ip_granted",
        _l("IP granted in the year"),
        _ip_count(in_year=True, invention_only=False),
        "0",
    ),
    Field(
        "ip_held",
        _l("Valid IP held at year end"),
        _ip_count(in_year=False, invention_only=False),
        "0",
    ),
    Field(
        "inventions_held",
        _l("Of which invention patents"),
        _ip_count(in_year=False, invention_only=True),
        "0",
    ),
    Field(
        "investment_year",
        _l("Investment received in the year (千元)"),
        _funding(INVESTMENT, in_year=True),
        MONEY_FORMAT,
    ),
    Field(
        "investment_total",
        _l("Investment received, cumulative (千元)"),
        _funding(INVESTMENT, in_year=False),
        MONEY_FORMAT,
    ),
    Field(
        "venture_total",
        _l("Of which venture capital, cumulative (千元)"),
        _funding(VENTURE, in_year=False),
        MONEY_FORMAT,
    ),
    Field(
        "grants_total",
        _l("Government grants, cumulative (千元)"),
        _funding(frozenset({GRANT}), in_year=False),
        MONEY_FORMAT,
    ),
    Field("exits", _l("Listed or acquired in the year"), _exits),
)
_BY_KEY = {f.key: f for f in FIELDS}


@dataclass(frozen=True)
class Problem:
    #: The row of the sheet (the headers are row 1).
    row: int
    name: str
    field: str
    reason: str


@dataclass(frozen=True)
class Record:
    tenant_id: int
    year: int
    entries: list[Entry]
    problems: list[Problem]

    def table(self) -> Table:
        columns = [Column(str(f.label), f.number_format) for f in FIELDS]
        rows = [[f.value(e, self.year) for f in FIELDS] for e in self.entries]
        return Table(_("Statistics %(year)s", year=self.year), columns, rows)

    def problems_table(self) -> Table:
        columns = [Column(_("Row")), Column(_("Startup")), Column(_("Field")), Column(_("Problem"))]
        rows = [[p.row, p.name, p.field, p.reason] for p in self.problems]
        return Table(_("Checks"), columns, rows)


def build(tenant_id: int, year: int) -> Record:
    """The record of ``year``: startups enrolled here at some time in it, by name."""
    enrolled = (
        Enrollment.tenant_id == tenant_id,
        Enrollment.admitted_on <= date(year, 12, 31),
        or_(Enrollment.ended_on.is_(None), Enrollment.ended_on >= date(year, 1, 1)),
    )
    by_startup: dict[int, list[Enrollment]] = {}
    for enrollment in db.session.scalars(select(Enrollment).where(*enrolled)):
        by_startup.setdefault(enrollment.startup_id, []).append(enrollment)
    startups = []
    if by_startup:
        startups = db.session.scalars(
            select(Startup).where(Startup.id.in_(select(Enrollment.startup_id).where(*enrolled)))
        ).all()
    facts = startup_facts(startups)
    entries = sorted(
        (Entry(facts[s.id], by_startup[s.id]) for s in startups),
        key=lambda e: (e.facts.name_zh, e.facts.id),
    )
    return Record(tenant_id, year, entries, check(entries, year))


def check(entries: list[Entry], year: int) -> list[Problem]:
    """Every problem in the record, in row order."""
    problems = []
    for number, entry in enumerate(entries, start=2):
        for key, reason in _entry_problems(entry, year):
            label = str(_BY_KEY[key].label)
            problems.append(Problem(number, entry.facts.name_zh, label, reason))
    return problems


def _entry_problems(entry: Entry, year: int):
    facts = entry.facts
    if facts.kind == "company" and not facts.credit_code:
        yield "credit_code", _("A registered company without its credit code.")
    elif facts.credit_code and not facts.credit_code_valid:
        yield "credit_code", _("The credit code fails the GB 32100 check.")
    if facts.founded_on is None:
        yield "founded_on", _("Missing.")
    figures = entry.figures(year)
    if figures is None:
        yield "revenue", _("No annual figures for %(year)s.", year=year)
        return
    for key in ("employees", "revenue", "rd_expense"):
        if getattr(figures, key) is None:
            yield key, _("Missing.")
    if _exceeds(figures.tech_staff, figures.employees):
        yield (
            "tech_staff",
            _(
                "Technical staff (%(tech)s) exceed employees (%(employees)s).",
                tech=figures.tech_staff,
                employees=figures.employees,
            ),
        )
    if _exceeds(figures.rd_expense, figures.revenue):
        yield "rd_expense", _("R&D expense exceeds total revenue.")
    if _exceeds(figures.high_tech_revenue, figures.revenue):
        yield "high_tech_revenue", _("High-tech product revenue exceeds total revenue.")


def _exceeds(part, whole) -> bool:
    return part is not None and whole is not None and part > whole
