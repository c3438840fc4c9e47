"""``SettingSpec`` constructors for the threshold shapes several stages share.

Each stage still spells out every setting's key, labels, default and
citation; these only fix what the shape implies: the type, the unit and the
bounds.
"""

from __future__ import annotations

from decimal import Decimal

from core.plugin_api import SettingSpec


def months_setting(
    *, key: str, label_zh: str, label_en: str, default: int, citation: str
) -> SettingSpec:
    """A period in whole calendar months, from 1 to 120 (ten years)."""
    return SettingSpec(
        key=key,
        label_zh=label_zh,
        label_en=label_en,
        type="int",
        default=default,
        unit_zh="个月",
        unit_en="months",
        minimum=1,
        maximum=120,
        citation=citation,
    )


def money_setting(
    *, key: str, label_zh: str, label_en: str, default: int | Decimal, citation: str
) -> SettingSpec:
    """An amount in 万元 (shown as 万元 in both languages), 0 or more."""
    return SettingSpec(
        key=key,
        label_zh=label_zh,
        label_en=label_en,
        type="decimal",
        default=Decimal(default),
        unit_zh="万元",
        unit_en="万元",
        minimum=Decimal(0),
        citation=citation,
    )
