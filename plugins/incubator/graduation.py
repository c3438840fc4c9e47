"""The incubator's graduation rules: the 毕业企业 conditions (国科发区〔2018〕300号 第九条, §1.2).

A 在孵企业 graduates when it meets at least one of the four conditions, the
hard any-of group ``torch_2018_graduation``:

* ``high_tech_enterprise``: a 高新技术企业 certificate valid on the day judged;
* ``angel_vc_funding``: angel + VC funding > ``graduation_funding`` 万元 (default 500);
* ``two_year_revenue``: two consecutive completed years' revenue summed
  > ``graduation_revenue`` 万元 (default 1,000);
* ``acquired_or_listed``: acquired, merged or listed.

超过 is strictly greater: exactly 500 or 1,000 万元 fails.
"""

from __future__ import annotations

from core.plugin_api import Rule
from incuchain_policy.torch_2018 import graduation_condition_rules

GROUP = "torch_2018_graduation"

GRADUATION_RULES: tuple[Rule, ...] = tuple(
    graduation_condition_rules(
        group=GROUP, funding_key="graduation_funding", revenue_key="graduation_revenue"
    )
)
