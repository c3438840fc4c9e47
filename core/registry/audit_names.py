"""How the audit log names the registry's startups and rows, their fields and values.

The log (``core.audit``) sits below the registry, so the registry hands its
names down at start-up: each section's fields by its form's labels, the kinds
and statuses by their terms, a row by what it records (an IP asset by its
title, a year's figures by the year), and a startup by its name, which the
log's search also finds.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from core.audit import labels
from core.audit.models import AuditEvent
from core.audit.report import ESCAPE, like
from core.plugin_api import TECH_FIELD
from core.registry import history, vocab
from core.registry.models import Startup
from core.registry.sections import SECTIONS, Column, Section, audit_actions, day, term, text

OBJECTS = {
    "AnnualFigures": _l("Annual figures"),
    "FundingRound": _l("Funding round"),
    "IPAsset": _l("IP asset"),
    "Certification": _l("Certification"),
    "CorporateEvent": _l("Corporate event"),
}


def locale() -> str:
    return str(get_locale())


def _kind(section: Section, values: dict) -> str:
    column = next(c for c in section.columns if c.field == "kind")
    return column.fmt(values.get("kind")) if values.get("kind") else ""


#: A row by what it records, from its values (a row's own or those its event kept).
DESCRIBE = {
    "figures": lambda s, v: str(v.get("year") or ""),
    "funding": lambda s, v: " ".join(filter(None, (str(v.get("date") or ""), _kind(s, v)))),
    "ip": lambda s, v: str(v.get("title") or ""),
    "certifications": lambda s, v: " ".join(filter(None, (_kind(s, v), v.get("number") or ""))),
    "events": lambda s, v: " ".join(filter(None, (str(v.get("date") or ""), _kind(s, v)))),
}


def row_namer(section: Section) -> labels.Namer:
    describe = DESCRIBE[section.key]
    return labels.by_id(
        section.model,
        lambda row: describe(section, section.snapshot(row)),
        remembered=lambda values: describe(section, values),
    )


def named_values(section: Section) -> dict:
    """The section's fields whose stored values have names (terms, amounts)."""
    return {
        f"{section.model.__name__}.{c.field}": c.fmt
        for c in section.columns
        if c.field and c.value is None and c.fmt not in (text, day)
    }


def field_names(section: Section) -> dict:
    return {
        f"{section.model.__name__}.{name}": section.heading(Column(name))
        for name in section.form.FIELDS
    }


def find_startups(search: str):
    """The events of the startups whose name holds ``search``."""
    pattern = like(search)
    return AuditEvent.startup_id.in_(
        select(Startup.id).where(
            or_(
                Startup.name_zh.ilike(pattern, escape=ESCAPE),
                Startup.name_en.ilike(pattern, escape=ESCAPE),
            )
        )
    )


def register(app: Flask) -> None:
    fields = {f"Startup.{key}": name for key, name in history.PROFILE_FIELDS.items()}
    values = {
        "Startup.kind": lambda key: vocab.name_of(vocab.STARTUP_KINDS, key, locale()),
        "Startup.tech_field": term(TECH_FIELD),
    }
    namers = {"Startup": labels.by_id(Startup, lambda s: s.name(locale()))}
    for section in SECTIONS:
        fields.update(field_names(section))
        values.update(named_values(section))
        namers[section.model.__name__] = row_namer(section)
    labels.register(
        app,
        actions=audit_actions(),
        objects=OBJECTS,
        fields=fields,
        values=values,
        namers=namers,
        finder=find_startups,
    )
