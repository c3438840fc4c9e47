"""The makerspace's graduation rules (国科火字〔2017〕120号 condition 6, policy-rules.md §2.2).

No national definition of a team's graduation exists; the national measures
of success are registering a new company or obtaining financing, so:

* any one of the hard group ``new_company_or_financing``:

  * ``registered_company``: a registered company with a valid credit code —
    120号 condition 6 (注册成为新企业);
  * ``financing``: at least one funding round — 120号 condition 6 (获得融资);

* ``milestones_verified`` (hard): every required milestone of the enrollment
  verified — carrier policy.
"""

from __future__ import annotations

from core.plugin_api import Rule, RuleContext, RuleResult

from . import citations, maker_2017

GROUP = "new_company_or_financing"


def _milestones(ctx: RuleContext) -> RuleResult:
    milestones = ctx.enrollment.milestones if ctx.enrollment else ()
    return maker_2017.required_milestones_verified(milestones)


GRADUATION_RULES: tuple[Rule, ...] = (
    Rule(
        code="registered_company",
        label_zh="注册成为新企业(取得有效的统一社会信用代码)",
        label_en="Registered a company with a valid unified social credit code",
        citation=citations.MAKERSPACE_NEW_COMPANY,
        check=lambda ctx: maker_2017.registered_with_credit_code(ctx.startup),
        group=GROUP,
    ),
    Rule(
        code="financing",
        label_zh="获得融资",
        label_en="Obtained financing",
        citation=citations.MAKERSPACE_FINANCING,
        check=lambda ctx: maker_2017.obtained_financing(ctx.startup.funding, ctx.as_of),
        group=GROUP,
    ),
    Rule(
        code="milestones_verified",
        label_zh="必需里程碑均已核验",
        label_en="All required milestones verified",
        citation=citations.MAKERSPACE_MILESTONES,
        check=_milestones,
    ),
)
