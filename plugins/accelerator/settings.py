"""The accelerator's tunable thresholds.

No national firm-level accelerator rule exists (policy-rules.md §3.1). As
§3.1 suggests, the entry gate is the incubator's graduation conditions
(国科发区〔2018〕300号, §1.2) or the carrier's own growth thresholds, whose
defaults follow the local and MIIT figures quoted there. Graduation is
专精特新 status or growth like it (§3.3): the ``exit_*`` thresholds.
"""

from __future__ import annotations

from core.plugin_api import (
    SettingSpec,
    TenantRef,
    money_setting,
    months_setting,
    percent_setting,
)
from incuchain_policy.torch_2018 import graduation_condition_settings

from . import citations
from .stage import STAGE, STAGE_KEY

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
    months_setting(
        key="time_limit_months",
        label_zh="加速期限",
        label_en="Acceleration time limit",
        default=STAGE.default_time_limit_months,
        citation=citations.ACCELERATOR_PERIOD,
    ),
)

DEFAULTS = {spec.key: spec.default for spec in SETTINGS}


def value(tenant: TenantRef, key: str):
    """The carrier's value of one of these settings, or its default."""
    return tenant.settings.get(STAGE_KEY, {}).get(key, DEFAULTS[key])


def time_limit_months(tenant: TenantRef) -> int:
    """The carrier's acceleration period (36 months unless tuned)."""
    return value(tenant, "time_limit_months")
