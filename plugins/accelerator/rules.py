"""The accelerator's intake rules.

No national firm-level rule exists (policy-rules.md §3.1). Following its
design suggestion, a company enters when it meets any one of the incubator's
graduation conditions (国科发区〔2018〕300号 第九条, §1.2) or the carrier's
growth thresholds; the five alternatives form the hard any-of group
``graduate_or_growth``:

* ``registered_company`` (hard): a registered company — 龙岗区级加速器 (§3.1);
* ``credit_code`` (hard): the credit code passes GB 32100 — GB 32100-2015 (§6);
* any one of the group ``graduate_or_growth`` (hard):

  * ``high_tech_enterprise``: a 高新技术企业 certificate valid at entry — 300号 第九条;
  * ``angel_vc_funding``: angel + VC funding > ``graduation_funding`` 万元 — 300号 第九条;
  * ``two_year_revenue``: two consecutive years' revenue > ``graduation_revenue`` 万元
    — 300号 第九条;
  * ``acquired_or_listed``: acquired, merged or listed — 300号 第九条;
  * ``growth``: last year's revenue ≥ ``growth_min_revenue`` 万元 and its growth
    > ``growth_min_percent`` % — 余姚市 (§3.1) and 工信部科〔2025〕131号 (§0).

Revenue is read from the answers for last year and the year before, falling
back to the registry's annual figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

from core.plugin_api import Figures, Rule, RuleContext, RuleResult, percent, to_decimal, wan
from incuchain_policy import checks
from incuchain_policy.torch_2018 import graduation_condition_rules

from . import citations

GROUP = "graduate_or_growth"

#: Answer key → how many years before the entry year it reports.
REVENUE_ANSWERS = {"revenue_last_year": 1, "revenue_year_before": 2}


def figures_with_answers(ctx: RuleContext) -> Mapping[int, Figures]:
    """The registry's annual figures, with the revenue the applicant gave on the form."""
    figures = dict(ctx.startup.figures)
    for key, years_back in REVENUE_ANSWERS.items():
        amount = to_decimal(ctx.answers.get(key))
        if amount is not None:
            year = ctx.as_of.year - years_back
            figures[year] = replace(figures.get(year) or Figures(year=year), revenue=amount)
    return figures


def revenue_growth(
    figures: Mapping[int, Figures], as_of: date, min_revenue: Decimal, min_percent: Decimal
) -> RuleResult:
    """Last year's revenue ≥ ``min_revenue`` 万元, growing > ``min_percent`` % on the year before.

    超过 in the cited 131号 condition means strictly greater, so growth of
    exactly ``min_percent`` fails; a year before with no revenue (or 0) fails.
    """
    min_revenue, min_percent = Decimal(min_revenue), Decimal(min_percent)
    last, before = as_of.year - 1, as_of.year - 2
    current = to_decimal(figures[last].revenue) if last in figures else None
    previous = to_decimal(figures[before].revenue) if before in figures else None
    facts = {"year": last, "min_revenue": str(min_revenue), "min_percent": str(min_percent)}
    if current is None:
        return RuleResult(
            False, f"未填报 {last} 年营业收入", f"No revenue reported for {last}", facts
        )
    revenue_ok = current >= min_revenue
    at = "≥" if revenue_ok else "<"
    revenue_zh = f"{last} 年营业收入 {wan(current)} {at} {wan(min_revenue)}"
    revenue_en = f"Revenue {last} {wan(current)} {at} {wan(min_revenue)}"
    facts |= {"revenue": str(current), "previous": None if previous is None else str(previous)}
    if previous is None or previous <= 0:
        return RuleResult(
            False,
            f"{revenue_zh};{before} 年营业收入未填报或为 0,无法计算同比增长",
            f"{revenue_en}; no revenue for {before}, so growth cannot be computed",
            facts,
        )
    growth = (current - previous) * 100 / previous
    growth_ok = growth > min_percent
    sign = ">" if growth_ok else "≤"
    shown = percent(growth, against=min_percent)
    facts["growth_percent"] = str(growth)
    return RuleResult(
        revenue_ok and growth_ok,
        f"{revenue_zh};同比增长 {shown} {sign} {percent(min_percent)}({before} 年 {wan(previous)})",
        f"{revenue_en}; growth on {before} ({wan(previous)}) {shown} {sign} {percent(min_percent)}",
        facts,
    )


def _growth(ctx: RuleContext) -> RuleResult:
    return revenue_growth(
        figures_with_answers(ctx),
        ctx.as_of,
        ctx.setting("growth_min_revenue"),
        ctx.setting("growth_min_percent"),
    )


INTAKE_RULES: tuple[Rule, ...] = (
    checks.registered_company_rule(citations.ACCELERATOR_ENTRY),
    checks.credit_code_rule(),
    *graduation_condition_rules(
        group=GROUP,
        funding_key="graduation_funding",
        revenue_key="graduation_revenue",
        figures=figures_with_answers,
    ),
    Rule(
        code="growth",
        label_zh="营业收入达到成长门槛",
        label_en="Revenue growth at the carrier's thresholds",
        citation=f"{citations.YUYAO_REVENUE};{citations.MIIT_131_GROWTH}",
        check=_growth,
        group=GROUP,
    ),
)
