"""The 科技型中小企业 conditions a stage can require (国科发政〔2017〕115号, policy-rules.md §4.1).

Size (条件二): employees ≤ 500, annual revenue ≤ 2亿元 (20,000 万元), total
assets ≤ 2亿元. Staff (条件五, scored per §4.2): 科技人员 below 10% of the
employees scores 0, which disqualifies. All limits are parameters, so a
carrier can tune them.

A value is read from the application's answers first, then from the
startup's latest annual figures; the details say which year a registry
figure comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from core.plugin_api import Figures, RuleResult

from .numbers import percent, plain, to_decimal, wan


@dataclass(frozen=True)
class Reported:
    """One figure and where it came from: the form (``year`` is ``None``) or a year's figures."""

    value: Decimal | None
    year: int | None = None

    def source_zh(self) -> str:
        return f"({self.year} 年度数据)" if self.year is not None else ""

    def source_en(self) -> str:
        return f" ({self.year} figures)" if self.year is not None else ""


def reported(answers: Mapping[str, Any], key: str, latest: Figures | None) -> Reported:
    """``answers[key]`` when given, else the same-named field of ``latest``."""
    value = to_decimal(answers.get(key))
    if value is not None:
        return Reported(value)
    if latest is not None:
        value = to_decimal(getattr(latest, key, None))
        if value is not None:
            return Reported(value, latest.year)
    return Reported(None)


@dataclass(frozen=True)
class _Item:
    name_zh: str
    name_en: str
    figure: Reported
    limit: Decimal
    money: bool

    def text(self, zh: bool) -> str:
        value, limit = self.figure.value, self.limit
        name = self.name_zh if zh else self.name_en
        if value is None:
            return f"{name}未填报" if zh else f"{name} not reported"
        sign = "≤" if value <= limit else ">"
        if self.money:
            shown = f"{wan(value)} {sign} {wan(limit)}"
        elif zh:
            shown = f"{plain(value)} 人 {sign} {plain(limit)} 人"
        else:
            shown = f"{plain(value)} {sign} {plain(limit)}"
        source = self.figure.source_zh() if zh else self.figure.source_en()
        return f"{name} {shown}{source}"


def _items(employees, revenue, assets, max_employees, max_revenue, max_assets) -> list[_Item]:
    return [
        _Item("职工总数", "employees", employees, Decimal(max_employees), False),
        _Item("年销售收入", "annual revenue", revenue, Decimal(max_revenue), True),
        _Item("资产总额", "total assets", assets, Decimal(max_assets), True),
    ]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _facts(items: list[_Item]) -> dict:
    return {
        item.name_en: {
            "value": None if item.figure.value is None else str(item.figure.value),
            "year": item.figure.year,
            "limit": str(item.limit),
        }
        for item in items
    }


def size_within(
    employees: Reported,
    revenue: Reported,
    assets: Reported,
    *,
    max_employees: int,
    max_revenue: Decimal,
    max_assets: Decimal,
) -> RuleResult:
    """Fails only when a reported value exceeds its limit; a missing value does not fail."""
    items = _items(employees, revenue, assets, max_employees, max_revenue, max_assets)
    passed = not any(i.figure.value is not None and i.figure.value > i.limit for i in items)
    return RuleResult(
        passed,
        ";".join(i.text(True) for i in items),
        _sentence("; ".join(i.text(False) for i in items)),
        _facts(items),
    )


def size_reported(employees: Reported, revenue: Reported, assets: Reported) -> RuleResult:
    """Fails (as a warning) when any of the three size figures is missing."""
    items = _items(employees, revenue, assets, 0, 0, 0)
    missing = [i for i in items if i.figure.value is None]
    if not missing:
        return RuleResult(
            True,
            "职工总数、年销售收入、资产总额均已填报",
            "Employees, annual revenue and total assets are all reported",
        )
    return RuleResult(
        False,
        "未填报" + "、".join(i.name_zh for i in missing) + ",无法核对科技型中小企业规模条件",
        "Not reported: "
        + ", ".join(i.name_en for i in missing)
        + "; the tech-based SME size limits cannot be checked",
        {"missing": [i.name_en for i in missing]},
    )


def tech_staff_share(
    tech_staff: Reported, employees: Reported, *, min_percent: Decimal
) -> RuleResult:
    """科技人员 are at least ``min_percent`` % of the employees."""
    limit = Decimal(min_percent)
    if tech_staff.value is None or not employees.value:
        return RuleResult(
            False,
            "科技人员或职工总数未填报,无法计算科技人员占比",
            "Technical staff or employees not reported: the share cannot be computed",
            {"min_percent": str(limit)},
        )
    share = tech_staff.value * 100 / employees.value
    passed = share >= limit
    sign = "≥" if passed else "<"
    shown = percent(share, against=limit)
    return RuleResult(
        passed,
        f"科技人员 {plain(tech_staff.value)} 人 / 职工 {plain(employees.value)} 人"
        f" = {shown} {sign} {percent(limit)}",
        f"Technical staff {plain(tech_staff.value)} of {plain(employees.value)} employees"
        f" = {shown} {sign} {percent(limit)}",
        {"share": str(share), "min_percent": str(limit)},
    )
