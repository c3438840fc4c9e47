"""The accelerator's tunable thresholds.

No national firm-level accelerator rule exists (policy-rules.md §3.1). As
§3.1 suggests, the entry gate is the incubator's graduation conditions
(国科发区〔2018〕300号, §1.2) or the carrier's own growth thresholds, whose
defaults follow the local and MIIT figures quoted there. Graduation is
专精特新 status or growth like it (§3.3): the ``exit_*`` thresholds. The
36-month acceleration limit is declared once, in ``stage``; core offers it to
carriers as ``time_limit_months``.
"""

from __future__ import annotations

from core.plugin_api import SettingSpec, money_setting, percent_setting
from incuchain_policy.torch_2018 import graduation_condition_settings

from . import citations

SETTINGS: tuple[SettingSpec, ...] = (
    *graduation_condition_settings(),
    money_setting(
        key="growth_min_revenue",
        label_zh="成长门槛:上年度营业收入不低于",
        label_en="Growth threshold: last year's revenue at least",
        default=300,
        citation=citations.YUYAO_REVENUE,
    ),
    percent_setting(
        key="growth_min_percent",
        label_zh="成长门槛:营业收入同比增长须超过",
        label_en="Growth threshold: year-on-year revenue growth above",
        default=20,
        citation=citations.MIIT_131_GROWTH,
    ),
    money_setting(
        key="exit_min_revenue",
        label_zh="毕业:上年度营业收入不低于",
        label_en="Graduation: last year's revenue at least",
        default=1000,
        citation=citations.SPECIALIZED_REVENUE,
    ),
    percent_setting(
        key="exit_min_growth_percent",
        label_zh="毕业:近两年营业收入平均增长率不低于",
        label_en="Graduation: average revenue growth over the last two years at least",
        default=5,
        citation=citations.LITTLE_GIANT_GROWTH,
    ),
)
