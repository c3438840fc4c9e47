"""Checks on a startup's registration that several stages share.

Each function takes the facts it reads and the carrier's threshold, and
returns a ``RuleResult`` whose details give the actual dates and figures.
``registered_company_rule`` and ``credit_code_rule`` wrap the first two as the
``Rule`` objects the stages list, with the same codes and labels everywhere.
"""

from __future__ import annotations

from datetime import date

from core.plugin_api import (
    Rule,
    RuleResult,
    StartupFacts,
    age,
    age_en,
    age_zh,
    within_months,
)

from . import citations


def registered_company(startup: StartupFacts) -> RuleResult:
    """The startup is a registered company, not a team."""
    if startup.kind == "company":
        return RuleResult(True, "已注册为企业", "A registered company", {"kind": startup.kind})
    return RuleResult(
        False,
        "尚未注册为企业(创业团队)",
        "Not a registered company yet (a team)",
        {"kind": startup.kind},
    )


def valid_credit_code(startup: StartupFacts) -> RuleResult:
    """The 统一社会信用代码 passes the GB 32100 check (``credit_code_valid`` is the truth)."""
    code = startup.credit_code
    facts = {"credit_code": code, "credit_code_valid": startup.credit_code_valid}
    if not code:
        return RuleResult(
            False, "未填写统一社会信用代码", "No unified social credit code given", facts
        )
    if startup.credit_code_valid:
        return RuleResult(
            True,
            f"统一社会信用代码 {code} 校验通过",
            f"Unified social credit code {code} passes the check",
            facts,
        )
    return RuleResult(
        False,
        f"统一社会信用代码 {code} 未通过校验",
        f"Unified social credit code {code} fails the check",
        facts,
    )


def company_age_within(startup: StartupFacts, as_of: date, max_months: int) -> RuleResult:
    """Founded no more than ``max_months`` calendar months before ``as_of``.

    Exactly ``max_months`` passes; one day more fails. A company without a
    founding date fails: the condition cannot be checked.
    """
    founded = startup.founded_on
    facts = {"as_of": as_of.isoformat(), "max_months": max_months}
    if founded is None:
        return RuleResult(False, "未填写成立日期", "No founding date given", facts)
    months, days = age(founded, as_of)
    facts |= {"founded_on": founded.isoformat(), "months": months, "days": days}
    passed = within_months(founded, as_of, max_months)
    span_zh = f"{founded.isoformat()} 成立,至入驻日 {as_of.isoformat()}"
    span_en = f"founded {founded.isoformat()}, entry {as_of.isoformat()}"
    if founded > as_of:
        return RuleResult(
            True,
            f"成立日期 {founded.isoformat()} 晚于入驻日 {as_of.isoformat()}",
            f"Founded on {founded.isoformat()}, after the entry date {as_of.isoformat()}",
            facts,
        )
    sign = "≤" if passed else ">"
    return RuleResult(
        passed,
        f"成立 {age_zh(months, days)}({span_zh}){sign} {max_months} 个月",
        f"Founded {age_en(months, days)} before entry ({span_en}) {sign} {max_months} months",
        facts,
    )


def tech_field_declared(startup: StartupFacts) -> RuleResult:
    """The startup names its technology field (core offers only the fixed list)."""
    field = (startup.tech_field or "").strip()
    if field:
        return RuleResult(True, "已选择技术领域", "Technology field chosen", {"tech_field": field})
    return RuleResult(False, "未选择技术领域", "No technology field chosen", {"tech_field": ""})


# -- as rules -----------------------------------------------------------------------


def registered_company_rule(
    citation: str, *, severity: str = "hard", group: str | None = None
) -> Rule:
    """``registered_company``: a registered company, not a team, citing the stage's clause."""
    return Rule(
        code="registered_company",
        label_zh="已注册的企业",
        label_en="A registered company",
        citation=citation,
        check=lambda ctx: registered_company(ctx.startup),
        severity=severity,
        group=group,
    )


def credit_code_rule(*, severity: str = "hard", group: str | None = None) -> Rule:
    """``credit_code``: the 统一社会信用代码 passes the GB 32100 check."""
    return Rule(
        code="credit_code",
        label_zh="统一社会信用代码有效",
        label_en="Valid unified social credit code",
        citation=citations.CREDIT_CODE,
        check=lambda ctx: valid_credit_code(ctx.startup),
        severity=severity,
        group=group,
    )
