"""Gathering the read-only facts rules evaluate, a batch at a time.

``startup_facts`` loads any number of startups with one query per table,
so evaluating a list of 10,000 is a handful of queries, not 10,000 × N.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select

from core.extensions import db
from core.plugin_api import (
    FUNDING,
    CertificationFact,
    EventFact,
    Figures,
    FundingFact,
    IPFact,
    StartupFacts,
)
from core.plugins import incuchain
from core.registry import credit_code
from core.registry.models import (
    FIGURE_FIELDS,
    AnnualFigures,
    Certification,
    CorporateEvent,
    FundingRound,
    IPAsset,
    Startup,
)


def _by_startup(model, ids: list[int]) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in db.session.scalars(select(model).where(model.startup_id.in_(ids))):
        grouped[row.startup_id].append(row)
    return grouped


def figures_fact(row) -> Figures:
    return Figures(year=row.year, **{f: getattr(row, f) for f in FIGURE_FIELDS})


def startup_facts(startups: Iterable[Startup]) -> dict[int, StartupFacts]:
    """Facts for each startup, keyed by id; five queries whatever the number."""
    startups = list(startups)
    ids = [s.id for s in startups]
    if not ids:
        return {}
    figures = _by_startup(AnnualFigures, ids)
    funding = _by_startup(FundingRound, ids)
    ip = _by_startup(IPAsset, ids)
    certifications = _by_startup(Certification, ids)
    events = _by_startup(CorporateEvent, ids)
    vocabulary = incuchain().vocabulary
    return {
        s.id: StartupFacts(
            id=s.id,
            name_zh=s.name_zh,
            kind=s.kind,
            tech_field=s.tech_field,
            credit_code=s.credit_code,
            # A manager's recorded exception counts as valid (policy-rules.md §6.4).
            credit_code_valid=credit_code.is_valid(s.credit_code)
            or bool(s.credit_code and s.credit_code_override),
            founded_on=s.founded_on,
            figures={row.year: figures_fact(row) for row in figures[s.id]},
            funding=tuple(
                FundingFact(
                    date=r.date,
                    amount=r.amount,
                    kind=r.kind,
                    investor=r.investor,
                    category=vocabulary.category(r.kind),
                    kind_zh=vocabulary.name(FUNDING, r.kind, "zh_CN"),
                    kind_en=vocabulary.name(FUNDING, r.kind, "en"),
                )
                for r in sorted(funding[s.id], key=lambda r: r.date)
            ),
            ip=tuple(
                IPFact(
                    kind=r.kind,
                    ip_class=vocabulary.ip_class(r.kind),
                    status=r.status,
                    date=r.granted_on if r.status == "granted" else r.filed_on,
                )
                for r in ip[s.id]
            ),
            certifications=tuple(
                CertificationFact(
                    kind=r.kind,
                    number=r.number,
                    year=r.year,
                    issued_on=r.issued_on,
                    # The kind's one validity rule fixes the last valid day.
                    valid_until=vocabulary.valid_until(
                        r.kind, issued_on=r.issued_on, year=r.year, recorded=r.valid_until
                    ),
                    counts_as=vocabulary.counts_as(r.kind),
                )
                for r in certifications[s.id]
            ),
            events=tuple(EventFact(kind=r.kind, date=r.date) for r in events[s.id]),
        )
        for s in startups
    }


def one_startup(startup: Startup) -> StartupFacts:
    return startup_facts([startup])[startup.id]
