"""The incubator's tunable thresholds, with the national defaults (policy-rules.md §1, §4.1).

The 48-month incubation limit is declared once, in ``stage``, and core offers
it to carriers as ``time_limit_months``; the 60-month limit of the special
fields is ``extended_time_limit_months`` here.
"""

from __future__ import annotations

from core.plugin_api import (
    TIME_LIMIT_SETTING,
    SettingSpec,
    StartupFacts,
    TenantRef,
    money_setting,
    months_setting,
    percent_setting,
)
from incuchain_policy.citations import TECH_SME_SIZE, TECH_SME_STAFF
from incuchain_policy.torch_2018 import graduation_condition_settings

from . import citations
from .stage import STAGE_KEY

#: Fields with the 60-month period (§1.1, PARTIAL); keys of the registry's field list.
EXTENDED_PERIOD_FIELDS = frozenset({"biomedicine", "modern_agriculture", "integrated_circuits"})

SETTINGS: tuple[SettingSpec, ...] = (
    months_setting(
        key="max_company_age_months",
        label_zh="入驻时成立时间上限",
        label_en="Maximum company age at entry",
        default=24,
        citation=citations.INCUBATEE_AGE,
    ),
    months_setting(
        key="extended_time_limit_months",
        label_zh="生物医药、现代农业、集成电路企业的孵化时限",
        label_en="Incubation time limit in biomedicine, modern agriculture and integrated circuits",
        default=60,
        citation=citations.INCUBATION_PERIOD_EXTENDED,
    ),
    SettingSpec(
        key="max_employees",
        label_zh="科技型中小企业:职工总数上限",
        label_en="Tech-based SME: maximum employees",
        type="int",
        default=500,
        unit_zh="人",
        unit_en="people",
        minimum=1,
        citation=TECH_SME_SIZE,
    ),
    money_setting(
        key="max_revenue",
        label_zh="科技型中小企业:年销售收入上限",
        label_en="Tech-based SME: maximum annual revenue",
        default=20000,
        citation=TECH_SME_SIZE,
    ),
    money_setting(
        key="max_assets",
        label_zh="科技型中小企业:资产总额上限",
        label_en="Tech-based SME: maximum total assets",
        default=20000,
        citation=TECH_SME_SIZE,
    ),
    percent_setting(
        key="min_tech_staff_percent",
        label_zh="科技人员占职工总数下限",
        label_en="Minimum share of technical staff",
        default=10,
        minimum=0,
        maximum=100,
        citation=TECH_SME_STAFF,
    ),
    *graduation_condition_settings(),
)


def time_limit_months(tenant: TenantRef, startup: StartupFacts) -> int:
    """48 months, or 60 in the special fields (§1.1), as the carrier tuned them."""
    if startup.tech_field in EXTENDED_PERIOD_FIELDS:
        return tenant.setting(STAGE_KEY, "extended_time_limit_months")
    return tenant.setting(STAGE_KEY, TIME_LIMIT_SETTING)
