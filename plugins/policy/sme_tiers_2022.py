"""专精特新 status and growth (优质中小企业梯度培育, policy-rules.md §3.3).

No national accelerator graduation rule exists; §3.1 suggests 专精特新 status
as the natural signal. These checks encode it, and the revenue and growth
figures §3.3 quotes, with the thresholds as arguments:

* ``specialized_recognised``: a 专精特新中小企业 certificate valid on the day judged;
* ``revenue_and_growth``: last completed year's revenue ≥ a threshold (专精特新
  condition 3, "1000万元以上") and the average year-on-year revenue growth over
  the last two completed years ≥ a percentage (小巨人, "近2年主营业务收入平均增长率
  不低于5%"). Main-business revenue is not recorded, so revenue stands in for it;
  the average is the arithmetic mean of the two yearly growth rates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from core.plugin_api import CertificationFact, Figures, RuleResult

from .numbers import percent, to_decimal, wan


def specialized_recognised(certifications: Iterable[CertificationFact], as_of: date) -> RuleResult:
    """A 专精特新 (``specialized``) certificate valid on ``as_of``."""
    certs = [c for c in certifications if c.kind == "specialized"]
    day = as_of.isoformat()
    valid = [c for c in certs if c.valid_on(as_of)]
    if valid:
        cert = valid[0]
        number = f" {cert.number}" if cert.number else ""
        until = cert.valid_until.isoformat() if cert.valid_until else None
        return RuleResult(
            True,
            f"专精特新中小企业{number}" + (f",有效期至 {until}" if until else ""),
            f"Specialised and innovative SME{number}" + (f", valid until {until}" if until else ""),
            {"number": cert.number, "valid_until": until},
        )
    if certs:
        return RuleResult(
            False,
            f"{day} 无有效的专精特新认定(已有 {len(certs)} 项认定,均不在有效期内)",
            f"No specialised and innovative SME recognition valid on {day} "
            f"({len(certs)} recorded, none valid then)",
            {"recorded": len(certs)},
        )
    return RuleResult(
        False,
        f"{day} 无有效的专精特新认定",
        f"No specialised and innovative SME recognition valid on {day}",
        {"recorded": 0},
    )


def _revenue(figures: Mapping[int, Figures], year: int) -> Decimal | None:
    row = figures.get(year)
    return to_decimal(row.revenue) if row is not None else None


def revenue_and_growth(
    figures: Mapping[int, Figures], as_of: date, min_revenue: Decimal, min_percent: Decimal
) -> RuleResult:
    """Last year's revenue ≥ ``min_revenue`` 万元 and two-year average growth ≥ ``min_percent`` %.

    The years are the three completed before ``as_of``'s year. Growth cannot
    be computed, and the rule fails, when a year is missing or a base year's
    revenue is 0 or less.
    """
    min_revenue, min_percent = Decimal(min_revenue), Decimal(min_percent)
    last = as_of.year - 1
    years = (last - 2, last - 1, last)
    revenue = {year: _revenue(figures, year) for year in years}
    facts = {"years": list(years), "min_revenue": str(min_revenue), "min_percent": str(min_percent)}
    missing = [str(year) for year in years if revenue[year] is None]
    if missing:
        listed = "、".join(missing)
        return RuleResult(
            False,
            f"未填报 {listed} 年营业收入,无法计算近两年平均增长率",
            f"No revenue reported for {', '.join(missing)}: two-year growth cannot be computed",
            facts | {"missing": missing},
        )
    current = revenue[last]
    revenue_ok = current >= min_revenue
    at = "≥" if revenue_ok else "<"
    revenue_zh = f"{last} 年营业收入 {wan(current)} {at} {wan(min_revenue)}"
    revenue_en = f"Revenue {last} {wan(current)} {at} {wan(min_revenue)}"
    facts["revenue"] = str(current)
    bases = [year for year in years[:2] if revenue[year] <= 0]
    if bases:
        return RuleResult(
            False,
            f"{revenue_zh};{bases[0]} 年营业收入为 0 或负数,无法计算增长率",
            f"{revenue_en}; revenue {bases[0]} is 0 or less, so growth cannot be computed",
            facts,
        )
    rates = [(revenue[year] - revenue[year - 1]) * 100 / revenue[year - 1] for year in years[1:]]
    average = sum(rates, Decimal(0)) / 2
    growth_ok = average >= min_percent
    sign = "≥" if growth_ok else "<"
    shown = percent(average, against=min_percent)
    each_zh = ",".join(f"{year} 年 {percent(r)}" for year, r in zip(years[1:], rates, strict=True))
    each_en = ", ".join(f"{year} {percent(r)}" for year, r in zip(years[1:], rates, strict=True))
    facts |= {"growth_percent": [str(r) for r in rates], "average_percent": str(average)}
    return RuleResult(
        revenue_ok and growth_ok,
        f"{revenue_zh};近两年营业收入平均增长率 {shown}({each_zh}){sign} {percent(min_percent)}",
        f"{revenue_en}; average revenue growth over two years {shown} ({each_en}) "
        f"{sign} {percent(min_percent)}",
        facts,
    )
