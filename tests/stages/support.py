"""Building the read-only facts the stage plugins' rules evaluate, without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.plugin_api import (
    Figures,
    Rule,
    RuleContext,
    RuleResult,
    StartupFacts,
    TenantRef,
)
from core.rules.engine import Verdict, evaluate
from plugins.accelerator import settings as accelerator_settings
from plugins.incubator import settings as incubator_settings
from plugins.makerspace import settings as makerspace_settings

DEFAULTS = {
    "makerspace": dict(makerspace_settings.DEFAULTS),
    "incubator": dict(incubator_settings.DEFAULTS),
    "accelerator": dict(accelerator_settings.DEFAULTS),
}

#: A credit code that passes GB 32100 (the standard's worked example, policy-rules.md §6.2).
VALID_CODE = "91350100M000100Y43"


def tenant(stage: str | None = None, **tuned) -> TenantRef:
    """A carrier with every stage's defaults, and ``tuned`` values for ``stage``."""
    settings = {key: dict(values) for key, values in DEFAULTS.items()}
    if tuned:
        settings[stage].update(tuned)
    return TenantRef(
        id=1, slug="test", name_zh="测试载体", name_en="Test carrier", settings=settings
    )


def company(**fields) -> StartupFacts:
    values = {
        "id": 1,
        "name_zh": "测试科技有限公司",
        "kind": "company",
        "tech_field": "new_materials",
        "credit_code": VALID_CODE,
        "credit_code_valid": True,
        "founded_on": date(2024, 1, 1),
    }
    values.update(fields)
    return StartupFacts(**values)


def team(**fields) -> StartupFacts:
    values = {"id": 2, "name_zh": "测试团队", "kind": "team", "tech_field": "new_materials"}
    values.update(fields)
    return StartupFacts(**values)


def figures(**revenue_by_year) -> dict[int, Figures]:
    """``figures(y2023=500, y2024="500.01")`` → annual figures with that revenue."""
    return {
        int(key[1:]): Figures(year=int(key[1:]), revenue=Decimal(str(value)))
        for key, value in revenue_by_year.items()
    }


def context(
    stage: str,
    startup: StartupFacts,
    as_of: date,
    answers: dict | None = None,
    **tuned,
) -> RuleContext:
    return RuleContext(
        stage=stage,
        tenant=tenant(stage, **tuned),
        startup=startup,
        as_of=as_of,
        answers=answers or {},
    )


def rule(rules, code: str) -> Rule:
    (found,) = [r for r in rules if r.code == code]
    return found


def check(rules, code: str, ctx: RuleContext) -> RuleResult:
    """One rule's result, called directly so that a bug raises instead of failing closed."""
    result = rule(rules, code).check(ctx)
    assert isinstance(result, RuleResult)
    assert result.detail_zh and result.detail_en
    return result


def verdict(rules, ctx: RuleContext) -> Verdict:
    return Verdict(evaluate(list(rules), ctx))


def codes(outcomes) -> set[str]:
    return {o.rule.code for o in outcomes}
