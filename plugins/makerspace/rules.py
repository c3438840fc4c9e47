"""The makerspace's intake rules.

No national entry rule exists for 众创空间 teams (policy-rules.md §2.2), so
these are local rules and carrier policy, each tunable and cited as such:

* ``company_age`` (hard): if registered, founded no more than
  ``max_company_age_months`` before entry — 郑东新区 (§1.4);
* ``credit_code`` (soft): if registered, the credit code passes GB 32100 — §6.4
  recommends a warning, not a block;
* ``team_size`` (soft): at least ``min_team_size`` members listed — carrier policy (§2.2).

A team that has not registered a company passes the first two: they do not
apply to it.
"""

from __future__ import annotations

from core.plugin_api import Rule, RuleContext, RuleResult
from incuchain_policy import checks
from incuchain_policy.citations import CREDIT_CODE

from . import citations

NOT_REGISTERED = RuleResult(
    True,
    "尚未注册企业,不适用",
    "Not registered as a company yet: does not apply",
    {"kind": "team"},
)


def _company_age(ctx: RuleContext) -> RuleResult:
    if ctx.startup.kind != "company":
        return NOT_REGISTERED
    return checks.company_age_within(ctx.startup, ctx.as_of, ctx.setting("max_company_age_months"))


def _credit_code(ctx: RuleContext) -> RuleResult:
    if ctx.startup.kind != "company":
        return NOT_REGISTERED
    return checks.valid_credit_code(ctx.startup)


def team_members(answer) -> list[str]:
    """The non-blank lines of the members answer."""
    return [line.strip() for line in str(answer or "").splitlines() if line.strip()]


def _team_size(ctx: RuleContext) -> RuleResult:
    count = len(team_members(ctx.answers.get("members")))
    minimum = ctx.setting("min_team_size")
    passed = count >= minimum
    sign = "≥" if passed else "<"
    return RuleResult(
        passed,
        f"团队成员 {count} 人 {sign} {minimum} 人",
        f"{count} team member{'s' if count != 1 else ''} listed {sign} {minimum}",
        {"members": count, "min_team_size": minimum},
    )


INTAKE_RULES: tuple[Rule, ...] = (
    Rule(
        code="company_age",
        label_zh="已注册企业入驻时注册时间不超过上限",
        label_en="A registered company's age at entry within the limit",
        citation=citations.ZHENGDONG_AGE,
        check=_company_age,
    ),
    Rule(
        code="credit_code",
        label_zh="已注册企业的统一社会信用代码有效",
        label_en="A registered company's credit code is valid",
        citation=CREDIT_CODE,
        check=_credit_code,
        severity="soft",
    ),
    Rule(
        code="team_size",
        label_zh="团队成员人数达到下限",
        label_en="Team size at the minimum",
        citation=citations.MAKERSPACE_TEAM,
        check=_team_size,
        severity="soft",
        field="members",
    ),
)
