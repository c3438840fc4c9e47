"""The incubator's intake rules: who may enter as a 在孵企业 (国科发区〔2018〕300号 第九条).

* ``registered_company`` (hard): a registered company, not a team — 300号 第九条;
* ``credit_code`` (hard): the credit code passes GB 32100 — GB 32100-2015 (§6);
* ``company_age`` (hard): founded ≤ ``max_company_age_months`` before entry — 300号 第九条;
* ``tech_field`` (hard): works in a technology field — 300号 第九条;
* ``on_site`` (hard): will register and work at the carrier's site — 300号 第九条;
* ``tech_sme_size`` (hard): employees, revenue, assets within the limits — 115号 条件(二);
* ``tech_sme_size_reported`` (soft): those three figures are all reported;
* ``tech_staff_share`` (soft): 科技人员 ≥ ``min_tech_staff_percent`` % — 115号 条件(五).

The size figures come from the form's answers (last year's employees,
revenue and total assets), falling back to the startup's latest annual figures.
"""

from __future__ import annotations

from core.plugin_api import Rule, RuleContext, RuleResult
from incuchain_policy import checks, tech_sme_2017
from incuchain_policy.citations import TECH_SME_SIZE, TECH_SME_STAFF
from incuchain_policy.tech_sme_2017 import reported

from . import citations


def _figure(ctx: RuleContext, key: str) -> tech_sme_2017.Reported:
    return reported(ctx.answers, key, ctx.startup.latest_figures())


def _size_within(ctx: RuleContext) -> RuleResult:
    return tech_sme_2017.size_within(
        _figure(ctx, "employees"),
        _figure(ctx, "revenue"),
        _figure(ctx, "total_assets"),
        max_employees=ctx.setting("max_employees"),
        max_revenue=ctx.setting("max_revenue"),
        max_assets=ctx.setting("max_assets"),
    )


def _size_reported(ctx: RuleContext) -> RuleResult:
    return tech_sme_2017.size_reported(
        _figure(ctx, "employees"), _figure(ctx, "revenue"), _figure(ctx, "total_assets")
    )


def _tech_staff_share(ctx: RuleContext) -> RuleResult:
    return tech_sme_2017.tech_staff_share(
        _figure(ctx, "tech_staff"),
        _figure(ctx, "employees"),
        min_percent=ctx.setting("min_tech_staff_percent"),
    )


def _on_site(ctx: RuleContext) -> RuleResult:
    if ctx.answers.get("on_site") is True:
        return RuleResult(
            True,
            "承诺注册地和主要研发、办公场所设在本载体场地内",
            "Committed to registering and working at the carrier's site",
        )
    return RuleResult(
        False,
        "未承诺将注册地和主要研发、办公场所设在本载体场地内",
        "No commitment to register and work at the carrier's site",
    )


INTAKE_RULES: tuple[Rule, ...] = (
    checks.registered_company_rule(citations.INCUBATEE),
    checks.credit_code_rule(),
    Rule(
        code="company_age",
        label_zh="入驻时成立时间不超过上限",
        label_en="Company age at entry within the limit",
        citation=citations.INCUBATEE_AGE,
        check=lambda ctx: checks.company_age_within(
            ctx.startup, ctx.as_of, ctx.setting("max_company_age_months")
        ),
    ),
    Rule(
        code="tech_field",
        label_zh="从事新技术、新产品的研发、生产和服务",
        label_en="Works on new technology or new products",
        citation=citations.INCUBATEE_TECH,
        check=lambda ctx: checks.tech_field_declared(ctx.startup),
    ),
    Rule(
        code="on_site",
        label_zh="注册地和主要研发、办公场所在本载体",
        label_en="Registered and working at the carrier's site",
        citation=citations.INCUBATEE_SITE,
        check=_on_site,
        field="on_site",
    ),
    Rule(
        code="tech_sme_size",
        label_zh="符合科技型中小企业规模条件",
        label_en="Within the tech-based SME size limits",
        citation=TECH_SME_SIZE,
        check=_size_within,
    ),
    Rule(
        code="tech_sme_size_reported",
        label_zh="已填报职工总数、年销售收入和资产总额",
        label_en="Employees, revenue and total assets reported",
        citation=TECH_SME_SIZE,
        check=_size_reported,
        severity="soft",
    ),
    Rule(
        code="tech_staff_share",
        label_zh="科技人员占比达到下限",
        label_en="Share of technical staff at the minimum",
        citation=TECH_SME_STAFF,
        check=_tech_staff_share,
        severity="soft",
    ),
)
