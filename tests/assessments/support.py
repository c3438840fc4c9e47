"""Building a startup's facts for the ladder's policy tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.plugin_api import CertificationFact, Figures, FundingFact, IPFact, StartupFacts

#: Judged on this day, the last completed year is 2025.
AS_OF = date(2026, 6, 1)
LAST = 2025


def figures(year: int = LAST, **values) -> Figures:
    return Figures(
        year=year,
        **{
            k: Decimal(str(v)) if k not in ("employees", "tech_staff") else v
            for k, v in values.items()
        },
    )


def ip(*kinds: str, status: str = "granted") -> tuple[IPFact, ...]:
    classes = {"invention_patent": "I"}
    return tuple(IPFact(kind=k, ip_class=classes.get(k, "II"), status=status) for k in kinds)


def facts(
    *years: Figures,
    ip_rights: tuple[IPFact, ...] = (),
    certs: tuple[CertificationFact, ...] = (),
    funding: tuple[FundingFact, ...] = (),
    founded_on: date | None = date(2020, 1, 1),
    kind: str = "company",
) -> StartupFacts:
    return StartupFacts(
        id=1,
        name_zh="测试科技",
        kind=kind,
        tech_field="new_materials",
        founded_on=founded_on,
        figures={f.year: f for f in years},
        ip=ip_rights,
        certifications=certs,
        funding=funding,
    )


def by_key(checks):
    return {c.key: c for c in checks}
