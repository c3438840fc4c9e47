"""The accelerator's graduation rules (policy-rules.md §3.1, §3.3).

No national accelerator graduation rule exists; following §3.1, a company
graduates when it is recognised as 专精特新 or grows like one. The two
alternatives form the hard any-of group ``specialized_or_growth``:

* ``specialized``: a 专精特新中小企业 certificate valid on the day judged —
  优质中小企业梯度培育管理暂行办法 (§3.3);
* ``revenue_growth``: last year's revenue ≥ ``exit_min_revenue`` 万元 (default
  1,000: 专精特新 condition 3, "1000万元以上") and average revenue growth over
  the last two years ≥ ``exit_min_growth_percent`` % (default 5: 小巨人,
  "近2年主营业务收入平均增长率不低于5%").

Both thresholds are the carrier's settings.
"""

from __future__ import annotations

from core.plugin_api import Rule, RuleContext, RuleResult
from incuchain_policy import sme_tiers_2022

from . import citations

GROUP = "specialized_or_growth"


def _revenue_growth(ctx: RuleContext) -> RuleResult:
    return sme_tiers_2022.revenue_and_growth(
        ctx.startup.figures,
        ctx.as_of,
        ctx.setting("exit_min_revenue"),
        ctx.setting("exit_min_growth_percent"),
    )


GRADUATION_RULES: tuple[Rule, ...] = (
    Rule(
        code="specialized",
        label_zh="认定为专精特新中小企业(在有效期内)",
        label_en="Recognised as a specialised and innovative SME (专精特新)",
        citation=citations.SPECIALIZED,
        check=lambda ctx: sme_tiers_2022.specialized_recognised(
            ctx.startup.certifications, ctx.as_of
        ),
        group=GROUP,
    ),
    Rule(
        code="revenue_growth",
        label_zh="营业收入及近两年平均增长率达到门槛",
        label_en="Revenue and two-year average growth at the thresholds",
        citation=f"{citations.SPECIALIZED_REVENUE};{citations.LITTLE_GIANT_GROWTH}",
        check=_revenue_growth,
        group=GROUP,
    ),
)
