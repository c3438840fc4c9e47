"""What counts as a 众创空间 team's success (国科火字〔2017〕120号, policy-rules.md §2.1–2.2).

No national definition of a makerspace team's graduation exists. The filing
rule measures a makerspace by its teams "注册成为新企业" or "获得融资"
(condition 6), so a team graduates when it has done either (§2.2, a design
inference), and when the carrier's required milestones are verified:

* ``registered_with_credit_code``: a registered company whose 统一社会信用代码
  passes the GB 32100 check (or carries a manager's recorded exception);
* ``obtained_financing``: at least one funding round on or before the day judged;
* ``required_milestones_verified``: every required milestone of the enrollment verified.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from core.plugin_api import FundingFact, MilestoneFact, RuleResult, StartupFacts, wan
from incuchain_policy.checks import registered_company, valid_credit_code


def registered_with_credit_code(startup: StartupFacts) -> RuleResult:
    """A registered company (not a team) with a valid 统一社会信用代码."""
    company = registered_company(startup)
    if not company.passed:
        return company
    code = valid_credit_code(startup)
    return RuleResult(
        code.passed,
        f"{company.detail_zh};{code.detail_zh}",
        f"{company.detail_en}; {code.detail_en}",
        {**company.facts, **code.facts},
    )


def obtained_financing(funding: Iterable[FundingFact], as_of: date) -> RuleResult:
    """At least one funding round of any kind received on or before ``as_of``."""
    rounds = [f for f in funding if f.date <= as_of and Decimal(f.amount) > 0]
    if not rounds:
        return RuleResult(
            False,
            f"截至 {as_of.isoformat()} 无融资记录",
            f"No financing recorded up to {as_of.isoformat()}",
            {"rounds": 0},
        )
    total = sum((Decimal(f.amount) for f in rounds), Decimal(0))
    first = min(rounds, key=lambda f: f.date)
    name_zh, name_en = first.kind_zh or first.kind, first.kind_en or first.kind
    count = len(rounds)
    return RuleResult(
        True,
        f"已获得融资 {count} 笔,累计 {wan(total)}(首笔:{first.date.isoformat()} {name_zh})",
        f"{count} financing round{'s' if count != 1 else ''} received, {wan(total)} in total "
        f"(first: {name_en} on {first.date.isoformat()})",
        {"rounds": count, "total": str(total), "first": first.date.isoformat()},
    )


def required_milestones_verified(milestones: Iterable[MilestoneFact]) -> RuleResult:
    """Every required milestone verified; the details name those still open."""
    required = [m for m in milestones if m.required]
    missing = [m for m in required if m.status != "verified"]
    done = len(required) - len(missing)
    facts = {"verified": done, "required": len(required), "missing": [m.key for m in missing]}
    counted_zh = f"{done}/{len(required)} 项必需里程碑已核验"
    counted_en = f"{done} of {len(required)} required milestones verified"
    if not missing:
        return RuleResult(True, counted_zh, counted_en, facts)
    return RuleResult(
        False,
        f"{counted_zh};未核验:{'、'.join(m.title('zh') for m in missing)}",
        f"{counted_en}; not verified: {', '.join(m.title('en') for m in missing)}",
        facts,
    )
