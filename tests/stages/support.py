"""Building the read-only facts the stage plugins' rules evaluate, without a database.

``PM`` is the plugin manager ``create_app`` builds (core's ``StageDefaults``
answering for the declared stages), so ``answer`` and ``collect`` call the
stage hooks as core does, without an application.
"""

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
from core.plugin_api.testing import plugin_manager, tenant_ref
from core.rules.engine import Verdict, evaluate

PM = plugin_manager()

#: A credit code that passes GB 32100 (the standard's worked example, policy-rules.md §6.2).
VALID_CODE = "91350100M000100Y43"


def tenant(stage: str | None = None, **tuned) -> TenantRef:
    """A carrier with every stage's defaults, and ``tuned`` values for ``stage``."""
    return tenant_ref(PM, {stage: tuned} if tuned else None)


def answer(hook_name: str, **kwargs):
    """What a firstresult stage hook answers, as core calls it."""
    return getattr(PM.hook, hook_name)(**kwargs)


def collect(hook_name: str, **kwargs) -> list:
    """What a collecting stage hook collects from every plugin, as core calls it."""
    return [item for group in getattr(PM.hook, hook_name)(**kwargs) for item in group]


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
