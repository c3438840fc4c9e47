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

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from core.plugin_api import (
    CONFIRM,
    FAIL,
    PASS,
    UNKNOWN,
    AssessmentCheck,
    Figures,
    Improvement,
    IPFact,
    RuleResult,
    StartupFacts,
    percent,
    plain,
    to_decimal,
    wan,
)

from . import citations
from .bands import (
    band_above,
    band_of,
    condition,
    edge_of,
    from_result,
    score_condition,
    scored,
    table,
    total,
    unscored,
)
from .checks import registered_company
from .years import last_year, share

#: The national size limits of 条件(二); money in 万元.
MAX_EMPLOYEES = 500
MAX_REVENUE = Decimal(20000)
MAX_ASSETS = Decimal(20000)


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


# -- the score (policy-rules.md §4.2) -------------------------------------------------
#
# "(含)" makes every lower edge inclusive: "25%(含)-30%" is 25% ≤ x < 30%.

#: 科技人员数 / 职工总数, %.
STAFF_BANDS = table((30, 20), (25, 16), (20, 12), (15, 8), (10, 4), (None, 0))
#: 研发费用 / 销售收入, %.
RD_REVENUE_BANDS = table((6, 50), (5, 40), (4, 30), (3, 20), (2, 10), (None, 0))
#: 研发费用 / 成本费用支出总额, %.
RD_COST_BANDS = table((30, 50), (25, 40), (20, 30), (15, 20), (10, 10), (None, 0))
#: Valid Ⅱ类 IP held → points; any Ⅰ类 scores 30.
IP_CLASS_I_POINTS = 30
IP_CLASS_II_POINTS = {0: 0, 1: 6, 2: 12, 3: 18}
IP_CLASS_II_MAX = 24
PASS_MARK = 60

STAFF_LABEL = ("科技人员指标", "Technical staff")
RD_LABEL = ("研发投入指标", "R&D spending")
IP_LABEL = ("科技成果指标", "Intellectual property")


def _staff_needed(tech: Decimal, employees: Decimal, target: Decimal) -> int:
    """Technical staff to hire (each also an employee) for the share to reach ``target`` %."""
    return max(1, math.ceil((target * employees - 100 * tech) / (100 - target)))


def staff_score(latest: Figures | None) -> tuple[AssessmentCheck, Improvement | None]:
    """科技人员指标: the share of technical staff in the employees, by ``STAFF_BANDS``."""
    tech = to_decimal(latest.tech_staff) if latest else None
    employees = to_decimal(latest.employees) if latest else None
    ratio = share(tech, employees)
    if ratio is None:
        return unscored(
            "staff",
            STAFF_LABEL,
            20,
            ("科技人员或职工总数未填报", "Technical staff or employees not reported"),
            citations.TECH_SME_STAFF_SCORE,
        ), None
    band = band_of(ratio, STAFF_BANDS)
    year = latest.year
    part = scored(
        "staff",
        STAFF_LABEL,
        band,
        20,
        (
            f"{year} 年科技人员 {plain(tech)} 人 / 职工 {plain(employees)} 人 = {percent(ratio)}"
            f"({edge_of(band, STAFF_BANDS)})",
            f"{year}: {plain(tech)} technical staff of {plain(employees)} employees"
            f" = {percent(ratio)} ({edge_of(band, STAFF_BANDS)})",
        ),
        citations.TECH_SME_STAFF_SCORE,
    )
    above = band_above(band, STAFF_BANDS)
    if above is None:
        return part, None
    extra = _staff_needed(tech, employees, above.floor)
    gain = above.low - band.low
    return part, Improvement(
        text_zh=f"再增加 {extra} 名科技人员(占比达到 {percent(above.floor)}):+{gain} 分",
        text_en=f"{extra} more technical staff (share reaches {percent(above.floor)}): "
        f"+{gain} points",
        points=gain,
    )


def _rd_extra(rd: Decimal, base: Decimal, target: Decimal, base_grows: bool) -> Decimal:
    """Extra R&D (万元) for ``rd / base`` to reach ``target`` %.

    R&D spending is itself a cost, so the total cost grows with it.
    """
    grown = (target * base - 100 * rd) / (100 - target)
    extra = grown if base_grows else target * base / 100 - rd
    return max(extra, Decimal("0.0001")).quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def rd_score(latest: Figures | None) -> tuple[AssessmentCheck, Improvement | None]:
    """研发投入指标: both ratios scored, the higher counts (policy-rules.md §4.2)."""
    rd = to_decimal(latest.rd_expense) if latest else None
    options = []
    for name, bands, base_name, grows in (
        ("revenue", RD_REVENUE_BANDS, "revenue", False),
        ("cost", RD_COST_BANDS, "total_cost", True),
    ):
        base = to_decimal(getattr(latest, base_name)) if latest else None
        ratio = share(rd, base)
        if ratio is not None:
            options.append((name, bands, base, grows, ratio, band_of(ratio, bands)))
    if not options:
        return unscored(
            "rd",
            RD_LABEL,
            50,
            (
                "研发费用、销售收入或成本费用总额未填报",
                "R&D expense, revenue or total cost not reported",
            ),
            citations.TECH_SME_RD_SCORE,
        ), None
    words = {
        "revenue": ("占销售收入", "of revenue"),
        "cost": ("占成本费用支出总额", "of total cost"),
    }
    shown_zh = ",".join(
        f"{words[o[0]][0]} {percent(o[4])}({edge_of(o[5], o[1])},{o[5].low} 分)" for o in options
    )
    shown_en = ", ".join(
        f"{percent(o[4])} {words[o[0]][1]} ({edge_of(o[5], o[1])}, {o[5].low} points)"
        for o in options
    )
    best = max(options, key=lambda o: o[5].low)
    part = scored(
        "rd",
        RD_LABEL,
        best[5],
        50,
        (
            f"{latest.year} 年研发费用 {wan(rd)}:{shown_zh};取高者",
            f"{latest.year}: R&D expense {wan(rd)}: {shown_en}; the higher counts",
        ),
        citations.TECH_SME_RD_SCORE,
    )
    steps = []
    for name, bands, base, grows, _ratio, _band in options:
        target = next((b for b in reversed(bands) if b.low > best[5].low), None)
        if target is not None:
            steps.append((_rd_extra(rd, base, target.floor, grows), name, target))
    if not steps:
        return part, None
    extra, name, target = min(steps, key=lambda s: s[0])
    gain = target.low - best[5].low
    return part, Improvement(
        text_zh=f"研发费用增加 {wan(extra)}"
        f"({words[name][0]}达到 {percent(target.floor)}):+{gain} 分",
        text_en=f"{wan(extra)} more R&D expense ({words[name][1]} reaches "
        f"{percent(target.floor)}): +{gain} points",
        points=gain,
    )


def valid_ip(ip: Iterable[IPFact]) -> tuple[int, int]:
    """Granted (valid) Ⅰ类 and Ⅱ类 IP; applications are not yet IP held."""
    granted = [i for i in ip if i.status == "granted"]
    return (
        sum(1 for i in granted if i.ip_class == "I"),
        sum(1 for i in granted if i.ip_class == "II"),
    )


def ip_points(class_i: int, class_ii: int) -> int:
    if class_i:
        return IP_CLASS_I_POINTS
    return IP_CLASS_II_POINTS.get(class_ii, IP_CLASS_II_MAX)


def ip_score(ip: Iterable[IPFact]) -> tuple[AssessmentCheck, tuple[Improvement, ...]]:
    """科技成果指标: ≥1 Ⅰ类 30; ≥4 Ⅱ类 24, 3 18, 2 12, 1 6; none 0."""
    class_i, class_ii = valid_ip(ip)
    points = ip_points(class_i, class_ii)
    part = AssessmentCheck(
        key="ip",
        label_zh=IP_LABEL[0],
        label_en=IP_LABEL[1],
        status=PASS,
        detail_zh=f"有效Ⅰ类知识产权 {class_i} 项、Ⅱ类 {class_ii} 项:{points} 分",
        detail_en=f"{class_i} valid class Ⅰ and {class_ii} class Ⅱ IP rights: {points} points",
        citation=citations.TECH_SME_IP_SCORE,
        points_low=points,
        points_high=points,
        max_points=IP_CLASS_I_POINTS,
    )
    steps = []
    if not class_i:
        gain = IP_CLASS_I_POINTS - points
        steps.append(
            Improvement(
                text_zh=f"新增 1 项Ⅰ类知识产权(如发明专利):+{gain} 分",
                text_en=f"One more class Ⅰ IP right (e.g. an invention patent): +{gain} points",
                points=gain,
            )
        )
        if points < IP_CLASS_II_MAX:
            gain = ip_points(0, class_ii + 1) - points
            steps.append(
                Improvement(
                    text_zh=f"新增 1 项Ⅱ类知识产权(如实用新型、软件著作权):+{gain} 分",
                    text_en=f"One more class Ⅱ IP right (e.g. a utility model or software "
                    f"copyright): +{gain} points",
                    points=gain,
                )
            )
    return part, tuple(steps)


def score(startup: StartupFacts, as_of: date):
    """The three indicators on last year's figures and the IP held: (parts, improvements)."""
    latest = startup.figures.get(last_year(as_of))
    staff, staff_step = staff_score(latest)
    rd, rd_step = rd_score(latest)
    ip, ip_steps = ip_score(startup.ip)
    steps = tuple(s for s in (staff_step, rd_step) if s) + ip_steps
    return (staff, rd, ip), tuple(sorted(steps, key=lambda s: -s.points))


INDUSTRY = condition(
    "industry",
    ("产品和服务不属于禁止、限制和淘汰类", "Not a prohibited, restricted or phased-out business"),
    CONFIRM,
    ("系统无法判断,由企业确认", "Not in the data: to be confirmed by the company"),
    citations.TECH_SME_INDUSTRY,
)
INTEGRITY = condition(
    "integrity",
    ("无重大事故、严重违法失信,未列入异常名录", "No major accident, violation or blacklisting"),
    CONFIRM,
    ("系统无法判断,由企业确认", "Not in the data: to be confirmed by the company"),
    citations.TECH_SME_INTEGRITY,
)


def _size(figures: Figures | None, year: int) -> AssessmentCheck:
    label = ("职工、销售收入、资产总额不超过上限", "Within the size limits")
    employees, revenue, assets = (
        Reported(to_decimal(getattr(figures, name, None)), year)
        for name in ("employees", "revenue", "total_assets")
    )
    result = size_within(
        employees,
        revenue,
        assets,
        max_employees=MAX_EMPLOYEES,
        max_revenue=MAX_REVENUE,
        max_assets=MAX_ASSETS,
    )
    if not result.passed:
        return from_result("size", label, result, citations.TECH_SME_SIZE)
    reported = size_reported(employees, revenue, assets)
    if not reported.passed:
        detail = (reported.detail_zh, reported.detail_en)
        return condition("size", label, UNKNOWN, detail, citations.TECH_SME_SIZE)
    return from_result("size", label, result, citations.TECH_SME_SIZE)


def _staff_nonzero(label: tuple[str, str], staff: AssessmentCheck) -> AssessmentCheck:
    """条件(五)'s second half: the 科技人员 score is not 0 (a share below 10% scores 0)."""
    if staff.status == UNKNOWN:
        detail = (staff.detail_zh, staff.detail_en)
        return condition("staff_nonzero", label, UNKNOWN, detail, citations.TECH_SME_STAFF)
    points = staff.points_low
    detail = (
        f"科技人员指标 {points} 分{' > 0' if points else '(科技人员占比低于10%)'}",
        f"Technical staff score {points}{' > 0' if points else ' (share below 10%)'}",
    )
    return condition(
        "staff_nonzero", label, PASS if points else FAIL, detail, citations.TECH_SME_STAFF
    )


def readiness(startup: StartupFacts, as_of: date):
    """(conditions, score parts, improvements) of the 2017 evaluation on ``as_of``.

    A valid 高新技术企业 certificate qualifies directly (§4.3); the other
    direct routes (national award, ministerial R&D institution, standards)
    are not recorded and are named as such in the score condition.
    """
    parts, steps = score(startup, as_of)
    staff, _rd, _ip = parts
    low, high = total(parts)
    registered = from_result(
        "registered",
        ("在中国境内注册的居民企业", "A company registered in China"),
        registered_company(startup),
        citations.TECH_SME_RESIDENT,
    )
    score_label = ("评价得分不低于60分", "Score at least 60")
    staff_label = ("科技人员指标得分不为0", "Technical staff score above 0")
    direct = next(
        (c for c in startup.certifications if c.kind == "high_tech" and c.valid_on(as_of)), None
    )
    if direct is not None:
        until = f",有效期至 {direct.valid_until.isoformat()}" if direct.valid_until else ""
        until_en = f", valid until {direct.valid_until.isoformat()}" if direct.valid_until else ""
        detail = (
            f"直接确认:拥有有效期内的高新技术企业证书{until}",
            f"Qualifies directly: a high-tech enterprise certificate{until_en}",
        )
        scoring = (
            condition("score", score_label, PASS, detail, citations.TECH_SME_DIRECT),
            condition("staff_nonzero", staff_label, PASS, detail, citations.TECH_SME_DIRECT),
        )
    else:
        scoring = (
            score_condition("score", score_label, low, high, PASS_MARK, citations.TECH_SME_SCORE),
            _staff_nonzero(staff_label, staff),
        )
    checks = (
        registered,
        _size(startup.figures.get(last_year(as_of)), last_year(as_of)),
        INDUSTRY,
        INTEGRITY,
        *scoring,
    )
    return checks, parts, steps
