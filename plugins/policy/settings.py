"""``SettingSpec`` constructors for the threshold shapes several stages share.

Each stage still spells out every setting's key, labels, default and
citation; these only fix what the shape implies: the type, the unit and the
bounds (a percentage's bounds may be narrowed).
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


def _decimal_setting(
    *, unit: str, default: int | Decimal, minimum, maximum=None, **fields
) -> SettingSpec:
    """A decimal setting whose unit reads the same in both languages."""
    return SettingSpec(
        type="decimal",
        default=Decimal(default),
        unit_zh=unit,
        unit_en=unit,
        minimum=Decimal(minimum),
        maximum=None if maximum is None else Decimal(maximum),
        **fields,
    )


def money_setting(
    *, key: str, label_zh: str, label_en: str, default: int | Decimal, citation: str
) -> SettingSpec:
    """An amount in 万元 (shown as 万元 in both languages), 0 or more."""
    return _decimal_setting(
        key=key,
        label_zh=label_zh,
        label_en=label_en,
        citation=citation,
        unit="万元",
        default=default,
        minimum=0,
    )


def percent_setting(
    *,
    key: str,
    label_zh: str,
    label_en: str,
    default: int | Decimal,
    citation: str,
    minimum: int = -100,
    maximum: int = 1000,
) -> SettingSpec:
    """A percentage (a growth rate by default, from -100% to 1,000%)."""
    return _decimal_setting(
        key=key,
        label_zh=label_zh,
        label_en=label_en,
        citation=citation,
        unit="%",
        default=default,
        minimum=minimum,
        maximum=maximum,
    )
