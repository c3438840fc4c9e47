"""The accelerator's tunable thresholds.

No national firm-level accelerator rule exists (policy-rules.md §3.1). As
§3.1 suggests, the entry gate is the incubator's graduation conditions
(国科发区〔2018〕300号, §1.2) or the carrier's own growth thresholds, whose
defaults follow the local and MIIT figures quoted there.
"""

from __future__ import annotations

from decimal import Decimal

from core.plugin_api import SettingSpec, TenantRef
from plugins.policy import citations
from plugins.policy.settings import money_setting, months_setting

from .stage import STAGE, STAGE_KEY

SETTINGS: tuple[SettingSpec, ...] = (
    money_setting(
        key="graduation_funding",
        label_zh="毕业条件:累计天使投资或风险投资须超过",
        label_en="Graduation condition: cumulative angel or venture investment above",
        default=500,
        citation=citations.GRADUATE_FUNDING,
    ),
    money_setting(
        key="graduation_revenue",
        label_zh="毕业条件:连续两年营业收入累计须超过",
        label_en="Graduation condition: revenue over two consecutive years above",
        default=1000,
        citation=citations.GRADUATE_REVENUE,
    ),
    money_setting(
        key="growth_min_revenue",
        label_zh="成长门槛:上年度营业收入不低于",
        label_en="Growth threshold: last year's revenue at least",
        default=300,
        citation=citations.YUYAO_REVENUE,
    ),
    SettingSpec(
        key="growth_min_percent",
        label_zh="成长门槛:营业收入同比增长须超过",
        label_en="Growth threshold: year-on-year revenue growth above",
        type="decimal",
        default=Decimal(20),
        unit_zh="%",
        unit_en="%",
        minimum=Decimal(-100),
        maximum=Decimal(1000),
        citation=citations.MIIT_131_GROWTH,
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
