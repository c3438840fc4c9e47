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

from core.plugin_api import (
    CONFIRM,
    EQUITY,
    FAIL,
    PASS,
    UNKNOWN,
    AssessmentCheck,
    CertificationFact,
    Figures,
    FundingFact,
    RuleResult,
    StartupFacts,
    add_months,
    percent,
    to_decimal,
    wan,
)

from . import citations
from .bands import (
    Band,
    band_of,
    condition,
    from_result,
    judged,
    score_condition,
    scored,
    table,
    total,
    unscored,
)
from .checks import registered_company
from .tech_sme_2017 import valid_ip
from .years import last_year, share, value


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


# -- 创新型中小企业 and 专精特新中小企业 readiness (policy-rules.md §3.3) --------------------
#
# The sources do not say whether the innovative SME's band edges are
# inclusive. The encoding reads "超过"-like tops strictly (">5%" scores 20)
# and every range as including its lower end ("3–5%" is 3% ≤ x ≤ 5%).

#: Equity financing counts: money from investors, not grants or loans.
INNOVATIVE_PASS_MARK = 60
#: Indicator group → minimum points.
INNOVATIVE_GROUP_MINIMUMS = {"innovation": 20, "growth": 15, "specialisation": 15}
INNOVATIVE_FINANCING = Decimal(500)

RD_SHARE_BANDS = (
    Band(Decimal(5), 20, inclusive=False),
    *table((3, 15), (2, 10), (1, 5), (None, 0)),
)
GROWTH_BANDS = (
    Band(Decimal(15), 20, inclusive=False),
    *table((10, 15), (5, 10), (0, 5), (None, 0)),
)

SPECIALIZED_MIN_RD = Decimal(100)
SPECIALIZED_MIN_RD_PERCENT = Decimal(3)
SPECIALIZED_MIN_REVENUE = Decimal(1000)
SPECIALIZED_SMALL_FINANCING = Decimal(2000)
SPECIALIZED_DIRECT_RD = Decimal(1000)
SPECIALIZED_DIRECT_FINANCING = Decimal(6000)
SPECIALIZED_MARKET_MONTHS = 24


def equity_financing(funding: Iterable[FundingFact], as_of: date, years: int) -> Decimal:
    """Angel and venture money received in the ``years`` years up to ``as_of``."""
    since = add_months(as_of, -12 * years)
    return sum(
        (f.amount for f in funding if f.category == EQUITY and since < f.date <= as_of),
        Decimal(0),
    )


def _innovative_ip(startup: StartupFacts) -> AssessmentCheck:
    label = ("有效知识产权", "Valid IP")
    class_i, class_ii = valid_ip(startup.ip)
    detail = (
        f"有效Ⅰ类 {class_i} 项、Ⅱ类 {class_ii} 项",
        f"{class_i} valid class Ⅰ and {class_ii} class Ⅱ rights",
    )
    if class_i:
        # 高价值 (20) or 自主研发 (15) is not recorded: at least the plain Ⅰ类 10.
        detail = (
            detail[0] + ",是否高价值或自主研发未记录",
            detail[1] + "; whether high-value or self-developed is not recorded",
        )
        return unscored("ip", label, 20, detail, citations.INNOVATIVE_SME_SCORE, low=10)
    band = Band(None, 5 if class_ii else 0)
    return scored("ip", label, band, 20, detail, citations.INNOVATIVE_SME_SCORE)


def _banded_share(key, label, ratio, bands, maximum, what) -> AssessmentCheck:
    if ratio is None:
        detail = (f"{what[0]}未填报", f"{what[1]} not reported")
        return unscored(key, label, maximum, detail, citations.INNOVATIVE_SME_SCORE)
    band = band_of(ratio, bands)
    detail = (f"{what[0]} {percent(ratio)}", f"{what[1]} {percent(ratio)}")
    return scored(key, label, band, maximum, detail, citations.INNOVATIVE_SME_SCORE)


def _debt_ratio(figures, year) -> AssessmentCheck:
    """资产负债率: < 55% 10; 55%–75% 5; > 75% 0."""
    label = ("资产负债率", "Debt ratio")
    ratio = share(value(figures, year, "liabilities"), value(figures, year, "total_assets"))
    if ratio is None:
        detail = (f"{year} 年资产或负债未填报", f"Assets or liabilities {year} not reported")
        return unscored("debt", label, 10, detail, citations.INNOVATIVE_SME_SCORE)
    points = 10 if ratio < 55 else 5 if ratio <= 75 else 0
    detail = (f"{year} 年资产负债率 {percent(ratio)}", f"Debt ratio {year} {percent(ratio)}")
    return scored("debt", label, Band(None, points), 10, detail, citations.INNOVATIVE_SME_SCORE)


NOT_RECORDED = ("系统未记录", "Not recorded")

#: Indicator key → group.
INNOVATIVE_GROUPS = {
    "ip": "innovation",
    "rd": "innovation",
    "growth": "growth",
    "debt": "growth",
    "product_field": "specialisation",
    "main_business": "specialisation",
}


def innovative_score(startup: StartupFacts, as_of: date) -> tuple[AssessmentCheck, ...]:
    year = last_year(as_of)
    figures = startup.figures
    revenue = value(figures, year, "revenue")
    previous = value(figures, year - 1, "revenue")
    growth = None
    if revenue is not None and previous:
        growth = (revenue - previous) * 100 / previous
    return (
        _innovative_ip(startup),
        _banded_share(
            "rd",
            ("研发费用占营业收入比重", "R&D share of revenue"),
            share(value(figures, year, "rd_expense"), revenue),
            RD_SHARE_BANDS,
            20,
            (f"{year} 年研发费用占营业收入", f"R&D share of revenue {year}"),
        ),
        _banded_share(
            "growth",
            ("主营业务收入增长率", "Main-business revenue growth"),
            growth,
            GROWTH_BANDS,
            20,
            (f"{year} 年营业收入增长率(以营业收入计)", f"Revenue growth {year}"),
        ),
        _debt_ratio(figures, year),
        unscored(
            "product_field",
            ("主导产品所属领域", "Field of the main product"),
            10,
            NOT_RECORDED,
            citations.INNOVATIVE_SME_SCORE,
            low=5,
        ),
        unscored(
            "main_business",
            ("主营业务收入占营业收入比重", "Main business share of revenue"),
            20,
            NOT_RECORDED,
            citations.INNOVATIVE_SME_SCORE,
        ),
    )


def innovative_readiness(
    startup: StartupFacts, as_of: date
) -> tuple[tuple[AssessmentCheck, ...], tuple[AssessmentCheck, ...]]:
    """(conditions, score parts) for 创新型中小企业."""
    company = registered_company(startup)
    registered = from_result("registered", ("已注册的企业", "A registered company"), company)
    parts = innovative_score(startup, as_of)
    label = ("评价得分及分项得分", "Score and indicator minimums")
    financing = equity_financing(startup.funding, as_of, 3)
    high_tech = startup.holding("high_tech", as_of) is not None
    if high_tech or financing >= INNOVATIVE_FINANCING:
        reason = (
            ("有效期内的高新技术企业", "A high-tech enterprise, in validity")
            if high_tech
            else (
                f"近三年股权融资 {wan(financing)} ≥ {wan(INNOVATIVE_FINANCING)}",
                f"Equity financing over three years {wan(financing)} ≥ {wan(INNOVATIVE_FINANCING)}",
            )
        )
        detail = (f"直通:{reason[0]}", f"Direct: {reason[1]}")
        score = condition("score", label, PASS, detail, citations.INNOVATIVE_SME_DIRECT)
        return (registered, score), parts
    low, high = total(parts)
    score = score_condition(
        "score", label, low, high, INNOVATIVE_PASS_MARK, citations.INNOVATIVE_SME
    )
    groups = {}
    for part in parts:
        lo, hi = groups.get(INNOVATIVE_GROUPS[part.key], (0, 0))
        groups[INNOVATIVE_GROUPS[part.key]] = (lo + part.points_low, hi + part.points_high)
    below = [g for g, (lo, hi) in groups.items() if hi < INNOVATIVE_GROUP_MINIMUMS[g]]
    short = [g for g, (lo, hi) in groups.items() if lo < INNOVATIVE_GROUP_MINIMUMS[g]]
    names = {
        "innovation": ("创新能力", "innovation"),
        "growth": ("成长性", "growth"),
        "specialisation": ("专业化", "specialisation"),
    }
    if below and score.status != FAIL:

        def shown(group: str) -> str:
            low, high = groups[group]
            points = str(high) if low == high else f"{low}–{high}"
            return f"{points} < {INNOVATIVE_GROUP_MINIMUMS[group]}"

        score = condition(
            "score",
            label,
            FAIL,
            (
                "、".join(f"{names[g][0]}指标 {shown(g)} 分" for g in below) + ",低于最低要求",
                "Below the minimum: " + ", ".join(f"{names[g][1]} {shown(g)}" for g in below),
            ),
            citations.INNOVATIVE_SME,
        )
    elif short and score.status == PASS:
        score = condition(
            "score",
            label,
            UNKNOWN,
            (
                f"{score.detail_zh};"
                + "、".join(names[g][0] for g in short)
                + "指标能否达到最低要求取决于未记录的部分",
                f"{score.detail_en}; whether "
                + ", ".join(names[g][1] for g in short)
                + " reaches its minimum depends on parts not recorded",
            ),
            citations.INNOVATIVE_SME,
        )
    return (registered, score), parts


def specialized_readiness(startup: StartupFacts, as_of: date) -> tuple[AssessmentCheck, ...]:
    """The 专精特新中小企业 conditions the data can judge; the 13-indicator score it cannot."""
    year = last_year(as_of)
    figures = startup.figures
    revenue = value(figures, year, "revenue")
    rd = value(figures, year, "rd_expense")
    checks = []
    # 1: two years in a niche market; a company younger than two years cannot have them.
    label = ("从事细分市场 2 年以上", "Two years in a niche market")
    founded = startup.founded_on
    if founded is None:
        checks.append(condition("market", label, UNKNOWN, ("未填写成立日期", "No founding date")))
    elif add_months(founded, SPECIALIZED_MARKET_MONTHS) > as_of:
        detail = (
            f"{founded.isoformat()} 成立,不满 2 年",
            f"Founded {founded.isoformat()}: less than two years",
        )
        checks.append(condition("market", label, FAIL, detail, citations.SPECIALIZED_MARKET))
    else:
        detail = (
            f"{founded.isoformat()} 成立,已满 2 年;从事细分市场的时间由企业确认",
            f"Founded {founded.isoformat()}, over two years; time in the niche to be confirmed",
        )
        checks.append(condition("market", label, CONFIRM, detail, citations.SPECIALIZED_MARKET))
    # 2: R&D ≥ 100 万元 and ≥ 3% of revenue.
    ratio = share(rd, revenue)
    checks.append(
        judged(
            "rd",
            ("上年度研发费用不低于100万元且占比不低于3%", "R&D ≥ 100 万元 and ≥ 3%"),
            None
            if ratio is None
            else rd >= SPECIALIZED_MIN_RD and ratio >= SPECIALIZED_MIN_RD_PERCENT,
            (f"{year} 年研发费用或营业收入未填报", f"R&D or revenue {year} not reported")
            if ratio is None
            else (
                f"{year} 年研发费用 {wan(rd)},占营业收入 {percent(ratio)}",
                f"R&D {year} {wan(rd)}, {percent(ratio)} of revenue",
            ),
            citations.SPECIALIZED_RD,
        )
    )
    # 3: revenue ≥ 1,000 万元, or below it with ≥ 2,000 万元 equity over two years.
    financing = equity_financing(startup.funding, as_of, 2)
    checks.append(
        judged(
            "size",
            ("上年度营业收入1000万元以上(或融资2000万元以上)", "Revenue ≥ 1,000 万元 or financing"),
            None
            if revenue is None
            else revenue >= SPECIALIZED_MIN_REVENUE or financing >= SPECIALIZED_SMALL_FINANCING,
            (f"{year} 年营业收入未填报", f"Revenue {year} not reported")
            if revenue is None
            else (
                f"{year} 年营业收入 {wan(revenue)};近两年股权融资 {wan(financing)}",
                f"Revenue {year} {wan(revenue)}; equity financing over two years {wan(financing)}",
            ),
            citations.SPECIALIZED_SIZE,
        )
    )
    # 4: the score (not computable), or one of the direct items the data holds.
    label = ("评价得分60分以上或直通条件", "Score ≥ 60 or a direct route")
    rds = [value(figures, y, "rd_expense") for y in (year - 1, year)]
    big_financing = equity_financing(startup.funding, as_of, 2)
    if None not in rds and sum(rds) / 2 >= SPECIALIZED_DIRECT_RD:
        detail = (
            f"近两年研发费用均值 {wan(sum(rds) / 2)} ≥ {wan(SPECIALIZED_DIRECT_RD)}",
            f"Average R&D over two years {wan(sum(rds) / 2)} ≥ {wan(SPECIALIZED_DIRECT_RD)}",
        )
        checks.append(condition("score", label, PASS, detail, citations.SPECIALIZED_SCORE))
    elif big_financing >= SPECIALIZED_DIRECT_FINANCING:
        detail = (
            f"近两年股权融资 {wan(big_financing)} ≥ {wan(SPECIALIZED_DIRECT_FINANCING)}",
            f"Equity financing over two years {wan(big_financing)} ≥ "
            f"{wan(SPECIALIZED_DIRECT_FINANCING)}",
        )
        checks.append(condition("score", label, PASS, detail, citations.SPECIALIZED_SCORE))
    else:
        detail = (
            "13 项评价指标多数未记录,无法计算得分",
            "Most of the 13 indicators are not recorded: the score cannot be computed",
        )
        checks.append(condition("score", label, UNKNOWN, detail, citations.SPECIALIZED_SCORE))
    return tuple(checks)
