"""The graduation conditions of 国科发区〔2018〕300号 第九条.

The 毕业企业 conditions (policy-rules.md §1.2): a graduate meets at least one of

1. 经国家备案通过的高新技术企业: a 高新技术企业 certificate valid on the day judged;
2. 累计获得天使投资或风险投资超过500万元: angel plus venture funding strictly above
   the threshold (超过 means ">"), counting rounds up to the day judged;
3. 连续2年营业收入累计超过1000万元: revenue of two consecutive completed years
   summed, strictly above the threshold; years with a gap between them do not pair;
4. 被兼并、收购或在国内外资本市场挂牌、上市: an acquisition or listing on or before
   the day judged.

The checks take the thresholds as arguments; ``graduation_condition_rules``
wraps them as ``Rule`` objects reading the thresholds from the carrier's
settings, so the accelerator's intake and the incubator's graduation share
one encoding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal

from core.plugin_api import (
    EQUITY,
    CertificationFact,
    EventFact,
    Figures,
    FundingFact,
    Rule,
    RuleContext,
    RuleResult,
    SettingSpec,
    money_setting,
    to_decimal,
    wan,
)

from . import citations

HIGH_TECH = "high_tech"

EVENT_NAMES = {"acquired": ("被兼并收购", "acquired or merged"), "listed": ("挂牌上市", "listed")}


# -- 1. 高新技术企业 -----------------------------------------------------------------


def high_tech_enterprise(certifications: Iterable[CertificationFact], as_of: date) -> RuleResult:
    """A 高新技术企业 certificate valid on ``as_of``.

    How long a certificate lasts is its kind's one validity rule, which core
    applied when it gathered the facts (``CertificationFact.valid_until``).
    """
    certs = [c for c in certifications if c.kind == HIGH_TECH]
    valid = [c for c in certs if c.valid_on(as_of)]
    if valid:
        cert = valid[0]
        until = cert.valid_until
        number_zh = f" {cert.number}" if cert.number else ""
        until_zh = f",有效期至 {until.isoformat()}" if until else ""
        until_en = f", valid until {until.isoformat()}" if until else ""
        return RuleResult(
            True,
            f"高新技术企业证书{number_zh}{until_zh}",
            f"High-tech enterprise certificate{number_zh}{until_en}",
            {"number": cert.number, "valid_until": until.isoformat() if until else None},
        )
    day = as_of.isoformat()
    ended = sorted(u for c in certs if (u := c.valid_until) and u < as_of)
    if ended:
        last = ended[-1].isoformat()
        return RuleResult(
            False,
            f"{day} 无有效的高新技术企业证书(最近一张已于 {last} 到期)",
            f"No high-tech enterprise certificate valid on {day} (the last one ended {last})",
            {"expired_on": last},
        )
    return RuleResult(
        False,
        f"{day} 无有效的高新技术企业证书",
        f"No high-tech enterprise certificate valid on {day}",
    )


# -- 2. 累计天使投资或风险投资 ----------------------------------------------------------


def angel_vc_funding_over(
    funding: Iterable[FundingFact], as_of: date, threshold: Decimal
) -> RuleResult:
    """Angel plus venture funding received up to ``as_of``, strictly above ``threshold`` 万元."""
    threshold = Decimal(threshold)
    rounds = [f for f in funding if f.category == EQUITY and f.date <= as_of]
    total = sum((Decimal(f.amount) for f in rounds), Decimal(0))
    passed = total > threshold
    facts = {"total": str(total), "rounds": len(rounds), "threshold": str(threshold)}
    if passed:
        return RuleResult(
            True,
            f"累计获得天使投资和风险投资 {wan(total)}({len(rounds)} 笔)> {wan(threshold)}",
            f"Angel and venture investment received: {wan(total)} in {len(rounds)} "
            f"round{'s' if len(rounds) != 1 else ''} > {wan(threshold)}",
            facts,
        )
    return RuleResult(
        False,
        f"累计获得天使投资和风险投资 {wan(total)}({len(rounds)} 笔),未超过 {wan(threshold)}",
        f"Angel and venture investment received: {wan(total)} in {len(rounds)} "
        f"round{'s' if len(rounds) != 1 else ''}, not above {wan(threshold)}",
        facts,
    )


# -- 3. 连续2年营业收入累计 ------------------------------------------------------------


def best_two_year_revenue(
    figures: Mapping[int, Figures], as_of: date
) -> tuple[int, Decimal] | None:
    """The consecutive pair of completed years with the highest summed revenue.

    Returns ``(first year, sum)``, or ``None`` when no two consecutive completed
    years (before ``as_of``'s year) both report revenue.
    """
    revenue = {
        year: value
        for year, row in figures.items()
        if year < as_of.year and (value := to_decimal(row.revenue)) is not None
    }
    pairs = [(year, revenue[year] + revenue[year + 1]) for year in revenue if year + 1 in revenue]
    if not pairs:
        return None
    return max(pairs, key=lambda pair: (pair[1], pair[0]))


def two_year_revenue_over(
    figures: Mapping[int, Figures], as_of: date, threshold: Decimal
) -> RuleResult:
    """Revenue of two consecutive completed years, summed, strictly above ``threshold`` 万元."""
    threshold = Decimal(threshold)
    best = best_two_year_revenue(figures, as_of)
    if best is None:
        return RuleResult(
            False,
            "没有连续两个完整年度的营业收入数据",
            "No revenue reported for two consecutive completed years",
            {"threshold": str(threshold)},
        )
    year, total = best
    facts = {"years": [year, year + 1], "total": str(total), "threshold": str(threshold)}
    if total > threshold:
        return RuleResult(
            True,
            f"{year}—{year + 1} 年营业收入累计 {wan(total)} > {wan(threshold)}",
            f"Revenue {year}–{year + 1}: {wan(total)} > {wan(threshold)}",
            facts,
        )
    return RuleResult(
        False,
        f"连续两年营业收入累计最高 {wan(total)}({year}—{year + 1} 年),未超过 {wan(threshold)}",
        f"Highest revenue over two consecutive years: {wan(total)} ({year}–{year + 1}), "
        f"not above {wan(threshold)}",
        facts,
    )


# -- 4. 兼并、收购、挂牌、上市 ------------------------------------------------------------


def acquired_or_listed(events: Iterable[EventFact], as_of: date) -> RuleResult:
    """An acquisition, merger or listing on or before ``as_of``."""
    happened = sorted(
        (e for e in events if e.kind in EVENT_NAMES and e.date <= as_of), key=lambda e: e.date
    )
    if happened:
        event = happened[0]
        name_zh, name_en = EVENT_NAMES[event.kind]
        return RuleResult(
            True,
            f"{event.date.isoformat()} {name_zh}",
            f"{name_en.capitalize()} on {event.date.isoformat()}",
            {"kind": event.kind, "date": event.date.isoformat()},
        )
    return RuleResult(
        False,
        "无兼并、收购或挂牌、上市记录",
        "No acquisition, merger or listing recorded",
    )


# -- the four conditions as rules ---------------------------------------------------


def _startup_figures(ctx: RuleContext) -> Mapping[int, Figures]:
    return ctx.startup.figures


def graduation_condition_rules(
    *,
    group: str,
    funding_key: str,
    revenue_key: str,
    code_prefix: str = "",
    severity: str = "hard",
    figures: Callable[[RuleContext], Mapping[int, Figures]] = _startup_figures,
) -> list[Rule]:
    """The four 毕业企业 conditions as alternatives in ``group``.

    ``funding_key`` and ``revenue_key`` name the stage settings holding the
    thresholds (万元); ``figures`` picks the annual figures to read (e.g. the
    registry's, overlaid with the applicant's answers).
    """
    return [
        Rule(
            code=f"{code_prefix}high_tech_enterprise",
            label_zh="经国家备案通过的高新技术企业",
            label_en="Recognised high-tech enterprise (高新技术企业)",
            citation=citations.GRADUATE_HIGH_TECH,
            check=lambda ctx: high_tech_enterprise(ctx.startup.certifications, ctx.as_of),
            severity=severity,
            group=group,
        ),
        Rule(
            code=f"{code_prefix}angel_vc_funding",
            label_zh="累计获得天使投资或风险投资超过门槛",
            label_en="Cumulative angel or venture investment above the threshold",
            citation=citations.GRADUATE_FUNDING,
            check=lambda ctx: angel_vc_funding_over(
                ctx.startup.funding, ctx.as_of, ctx.setting(funding_key)
            ),
            severity=severity,
            group=group,
        ),
        Rule(
            code=f"{code_prefix}two_year_revenue",
            label_zh="连续两年营业收入累计超过门槛",
            label_en="Revenue over two consecutive years above the threshold",
            citation=citations.GRADUATE_REVENUE,
            check=lambda ctx: two_year_revenue_over(
                figures(ctx), ctx.as_of, ctx.setting(revenue_key)
            ),
            severity=severity,
            group=group,
        ),
        Rule(
            code=f"{code_prefix}acquired_or_listed",
            label_zh="被兼并、收购或挂牌、上市",
            label_en="Acquired, merged or listed",
            citation=citations.GRADUATE_EXIT,
            check=lambda ctx: acquired_or_listed(ctx.startup.events, ctx.as_of),
            severity=severity,
            group=group,
        ),
    ]


def graduation_condition_settings(
    funding_key: str = "graduation_funding", revenue_key: str = "graduation_revenue"
) -> tuple[SettingSpec, ...]:
    """The two thresholds of the conditions, as settings with the national defaults.

    500 万元 of angel or venture investment and 1,000 万元 of revenue over two
    consecutive years, both to be exceeded (超过); ``graduation_condition_rules``
    reads them by the same keys.
    """
    return (
        money_setting(
            key=funding_key,
            label_zh="毕业条件:累计天使投资或风险投资须超过",
            label_en="Graduation condition: cumulative angel or venture investment above",
            default=500,
            citation=citations.GRADUATE_FUNDING,
        ),
        money_setting(
            key=revenue_key,
            label_zh="毕业条件:连续两年营业收入累计须超过",
            label_en="Graduation condition: revenue over two consecutive years above",
            default=1000,
            citation=citations.GRADUATE_REVENUE,
        ),
    )
