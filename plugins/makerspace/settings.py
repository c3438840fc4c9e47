"""The makerspace's tunable thresholds.

No national rule sets who may enter a 众创空间 or for how long (policy-rules.md
§2.2); the defaults follow the local rules quoted there and say so. The
residency limit (24 months, Shenzhen's rule) is declared once, in ``stage``;
core offers it to carriers as ``time_limit_months``.
"""

from __future__ import annotations

from core.plugin_api import SettingSpec, months_setting

from . import citations

SETTINGS: tuple[SettingSpec, ...] = (
    months_setting(
        key="max_company_age_months",
        label_zh="已注册企业入驻时注册时间上限",
        label_en="Maximum age of a registered company at entry",
        default=12,
        citation=citations.ZHENGDONG_AGE,
    ),
    SettingSpec(
        key="min_team_size",
        label_zh="团队成员人数下限(提示)",
        label_en="Minimum team size (warning)",
        type="int",
        default=2,
        unit_zh="人",
        unit_en="people",
        minimum=1,
        maximum=50,
        citation=citations.MAKERSPACE_TEAM,
    ),
)
