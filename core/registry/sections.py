"""The kinds of record a startup keeps besides its profile, as one registry.

Figures, funding, IP, certifications and corporate events are all "rows of a
startup": each section names its model, its form, how its table is shown and
how its rows are ordered, and one set of views and templates serves them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core.extensions import db
from core.plugin_api import CERTIFICATION, FUNDING, IP_KIND
from core.plugins import incuchain
from core.registry import forms, vocab
from core.registry.models import (
    AnnualFigures,
    Certification,
    CorporateEvent,
    FundingRound,
    IPAsset,
)
from core.timeutil import local_today

EMPTY = "—"


def text(value) -> str:
    return EMPTY if value is None or value == "" else str(value)


def money(value: Decimal | None) -> str:
    """An amount in 万元 with thousands separators and no trailing zeros."""
    return EMPTY if value is None else f"{Decimal(value).normalize():,f}"


def day(value) -> str:
    return value.isoformat() if value else EMPTY


def term(terms) -> Callable[[str], str]:
    return lambda key: vocab.name_of(terms, key, str(get_locale()))


def ip_class(kind: str) -> str:
    return vocab.IP_CLASS_NAMES[incuchain().vocabulary.ip_class(kind)].name(str(get_locale()))


def validity(row: Certification) -> str:
    """Until when a certification holds (by its kind's validity), and whether it still does."""
    until = incuchain().vocabulary.valid_until(
        row.kind, issued_on=row.issued_on, year=row.year, recorded=row.valid_until
    )
    if until:
        if until < local_today():
            return _("until %(date)s (expired)", date=until.isoformat())
        return _("until %(date)s", date=until.isoformat())
    if row.year:
        return _("for %(year)s", year=row.year)
    return EMPTY


@dataclass(frozen=True)
class Column:
    """One column of a section's table: a field of its form, or a value derived from the row."""

    #: The form field shown; its label heads the column.
    field: str | None = None
    fmt: Callable[[Any], str] = text
    #: Right-aligned numbers.
    numeric: bool = False
    #: For derived columns: the heading and the value taken from the row.
    label: Any = None
    value: Callable[[Any], Any] | None = None

    def show(self, row) -> str:
        return self.fmt(self.value(row) if self.value else getattr(row, self.field))


def money_column(name: str) -> Column:
    return Column(name, money, numeric=True)


@dataclass(frozen=True)
class Section:
    #: In URLs (``/startups/<id>/<key>/new``) and audit actions (``<key>.created``).
    key: str
    model: type
    form: type[forms.RecordForm]
    title: Any
    add_label: Any
    columns: tuple[Column, ...]
    order_by: tuple
    #: A field that must differ between a startup's rows, and the error shown on a clash.
    unique: str | None = None
    unique_message: Any = None

    def rows(self, startup_id: int) -> list:
        return list(
            db.session.scalars(
                select(self.model)
                .where(self.model.startup_id == startup_id)
                .order_by(*self.order_by, self.model.id.desc())
            )
        )

    def find(self, startup_id: int, row_id: int):
        """The row, only if it belongs to this startup."""
        return db.session.scalar(
            select(self.model).where(self.model.id == row_id, self.model.startup_id == startup_id)
        )

    def clashes(self, startup_id: int, values: dict, row_id: int | None = None) -> bool:
        """Whether another row of this startup has the same value in the ``unique`` field."""
        if self.unique is None:
            return False
        query = select(self.model.id).where(
            self.model.startup_id == startup_id,
            getattr(self.model, self.unique) == values[self.unique],
        )
        if row_id is not None:
            query = query.where(self.model.id != row_id)
        return db.session.scalar(query.limit(1)) is not None

    def heading(self, column: Column):
        """A column's heading: the label the form gives its field."""
        if column.label is not None:
            return column.label
        unbound = getattr(self.form, column.field)
        return unbound.args[0] if unbound.args else unbound.kwargs["label"]

    def snapshot(self, row) -> dict:
        return {name: getattr(row, name) for name in self.form.FIELDS}


SECTIONS: tuple[Section, ...] = (
    Section(
        key="figures",
        model=AnnualFigures,
        form=forms.FiguresForm,
        title=_l("Annual figures"),
        add_label=_l("Add a year"),
        columns=(
            Column("year"),
            *map(money_column, ("revenue", "rd_expense", "rd_expense_domestic", "total_cost")),
            Column("employees", numeric=True),
            Column("tech_staff", numeric=True),
            *map(money_column, ("total_assets", "liabilities", "high_tech_revenue", "tax_paid")),
        ),
        order_by=(AnnualFigures.year.desc(),),
        unique="year",
        unique_message=_l("There are already figures for this year; edit them instead."),
    ),
    Section(
        key="funding",
        model=FundingRound,
        form=forms.FundingForm,
        title=_l("Funding"),
        add_label=_l("Add a funding round"),
        columns=(
            Column("date", day),
            Column("kind", term(FUNDING)),
            money_column("amount"),
            Column("investor"),
        ),
        order_by=(FundingRound.date.desc(),),
    ),
    Section(
        key="ip",
        model=IPAsset,
        form=forms.IPForm,
        title=_l("Intellectual property"),
        add_label=_l("Add an IP asset"),
        columns=(
            Column("kind", term(IP_KIND)),
            Column(label=_l("Class"), value=lambda row: row.kind, fmt=ip_class),
            Column("title"),
            Column("status", term(vocab.IP_STATUSES)),
            Column("number"),
            Column("filed_on", day),
            Column("granted_on", day),
        ),
        order_by=(IPAsset.filed_on.desc().nulls_last(),),
    ),
    Section(
        key="certifications",
        model=Certification,
        form=forms.CertificationForm,
        title=_l("Certifications"),
        add_label=_l("Add a certification"),
        columns=(
            Column("kind", term(CERTIFICATION)),
            Column("number"),
            Column("year"),
            Column("issued_on", day),
            Column(label=_l("Validity"), value=lambda row: row, fmt=validity),
        ),
        order_by=(Certification.issued_on.desc().nulls_last(), Certification.year.desc()),
    ),
    Section(
        key="events",
        model=CorporateEvent,
        form=forms.EventForm,
        title=_l("Corporate events"),
        add_label=_l("Add an event"),
        columns=(
            Column("date", day),
            Column("kind", term(vocab.EVENT_KINDS)),
            Column("note"),
        ),
        order_by=(CorporateEvent.date.desc(),),
    ),
)

SECTIONS_BY_KEY = {s.key: s for s in SECTIONS}


def audit_actions() -> dict:
    """The audit log's names of the sections' row actions, e.g. ``funding.created``."""
    names = {}
    for section in SECTIONS:
        names[f"{section.key}.created"] = _l("%(section)s: row added", section=section.title)
        names[f"{section.key}.updated"] = _l("%(section)s: row changed", section=section.title)
        names[f"{section.key}.deleted"] = _l("%(section)s: row deleted", section=section.title)
    return names
