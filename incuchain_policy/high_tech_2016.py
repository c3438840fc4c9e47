"""高新技术企业 readiness: 国科发火〔2016〕32号 第十一条 and the innovation score.

See policy-rules.md §5.

The conditions read the last three completed years' figures (fewer when the
company is younger: "按实际经营时间计算"). The R&D share's threshold follows
last year's revenue: ≤ 5,000 万元 (含) 5%; above that up to 20,000 万元 (含)
4%; above 20,000 万元 3%. The innovation score passes only above 70 (70分以上,
不含70分).

Of the score, the data fixes the IP count's band (e.g. 7–8 for a Ⅰ类 right:
where inside the band is the experts' call) and the two growth rates; the
rest is what a carrier's manager enters (``MANUAL_ITEMS``). An item nobody
has entered counts as anywhere from 0 to its maximum, so the verdict stays
"unknown" until the entered parts decide it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.plugin_api import (
    CONFIRM,
    FAIL,
    PASS,
    UNKNOWN,
    AssessmentCheck,
    Figures,
    ManualItem,
    StartupFacts,
    add_months,
    percent,
    wan,
)

from . import citations
from .bands import Band, band_of, condition, edge_of, score_condition, scored, table, unscored
from .checks import registered_company
from .tech_sme_2017 import valid_ip
from .years import last_year, recent_years, share, value

PASS_MARK = 70
MIN_AGE_MONTHS = 12
MIN_TECH_STAFF_PERCENT = Decimal(10)
MIN_DOMESTIC_RD_PERCENT = Decimal(60)
MIN_HIGH_TECH_REVENUE_PERCENT = Decimal(60)
#: (last year's revenue up to and including, 万元; minimum R&D share, %); above the last, 3%.
RD_THRESHOLDS = ((Decimal(5000), Decimal(5)), (Decimal(20000), Decimal(4)))
RD_THRESHOLD_ABOVE = Decimal(3)
#: The 知识产权 indicator's total is capped, bonus included.
IP_INDICATOR_MAX = 30

#: Growth rate, % → points (each of the two rates).
GROWTH_BANDS = table((35, 9, 10), (25, 7, 8), (15, 5, 6), (5, 3, 4))[:4] + (
    Band(Decimal(0), 1, 2, inclusive=False),
    Band(None, 0),
)


@dataclass(frozen=True)
class Item:
    key: str
    label_zh: str
    label_en: str
    maximum: int
    #: Whether the item belongs to the 知识产权 indicator (capped at 30).
    ip: bool = False


#: The parts of the innovation score that experts give and a manager enters.
MANUAL_ITEMS = (
    Item("tech_advancement", "技术的先进程度", "How advanced the technology is", 8, ip=True),
    Item(
        "core_support",
        "对主要产品(服务)在技术上发挥核心支持作用",
        "Core support to the main products",
        8,
        ip=True,
    ),
    Item("ip_acquisition", "知识产权获得方式", "How the IP was obtained", 6, ip=True),
    Item(
        "standards_bonus",
        "参与编制国家或行业标准、检测方法、技术规范(加分)",
        "Took part in national or industry standards (bonus)",
        2,
        ip=True,
    ),
    Item("conversion", "科技成果转化能力", "Converting research results", 30),
    Item("rd_management", "研究开发组织管理水平", "R&D organisation and management", 20),
)


def manual_items(entered: Mapping[str, int]) -> tuple[ManualItem, ...]:
    return tuple(
        ManualItem(
            key=i.key,
            label_zh=i.label_zh,
            label_en=i.label_en,
            maximum=i.maximum,
            citation=citations.HIGH_TECH_EXPERT,
            value=entered.get(i.key),
        )
        for i in MANUAL_ITEMS
    )


# -- conditions -----------------------------------------------------------------------


def company_age(startup: StartupFacts, as_of: date) -> AssessmentCheck:
    """注册成立一年以上: one year after the founding date, that day included."""
    label = ("注册成立一年以上", "Registered at least one year")
    company = registered_company(startup)
    if not company.passed:
        return condition("age", label, FAIL, (company.detail_zh, company.detail_en))
    founded = startup.founded_on
    if founded is None:
        return condition("age", label, UNKNOWN, ("未填写成立日期", "No founding date given"))
    year_on = add_months(founded, MIN_AGE_MONTHS)
    day = as_of.isoformat()
    if year_on <= as_of:
        detail = (
            f"{founded.isoformat()} 成立,至 {day} 已满一年",
            f"Founded {founded.isoformat()}: a full year by {day}",
        )
        return condition("age", label, PASS, detail, citations.HIGH_TECH_AGE)
    detail = (
        f"{founded.isoformat()} 成立,{year_on.isoformat()} 方满一年",
        f"Founded {founded.isoformat()}: a full year only on {year_on.isoformat()}",
    )
    return condition("age", label, FAIL, detail, citations.HIGH_TECH_AGE)


def owns_ip(startup: StartupFacts) -> AssessmentCheck:
    label = ("拥有核心知识产权", "Owns core IP")
    class_i, class_ii = valid_ip(startup.ip)
    status = PASS if class_i + class_ii else FAIL
    detail = (
        f"有效Ⅰ类知识产权 {class_i} 项、Ⅱ类 {class_ii} 项(是否发挥核心支持作用由专家评定)",
        f"{class_i} valid class Ⅰ and {class_ii} class Ⅱ IP rights "
        "(whether they support the main products is the experts' call)",
    )
    return condition("ip", label, status, detail, citations.HIGH_TECH_IP)


def _share_check(
    key: str,
    label: tuple[str, str],
    part: Decimal | None,
    whole: Decimal | None,
    minimum: Decimal,
    what: tuple[str, str],
    citation: str,
) -> AssessmentCheck:
    """``part / whole`` ≥ ``minimum`` % (不低于); unknown when a figure is missing."""
    ratio = share(part, whole)
    if ratio is None:
        detail = (f"{what[0]}未填报", f"{what[1]} not reported")
        return condition(key, label, UNKNOWN, detail, citation)
    passed = ratio >= minimum
    sign = "≥" if passed else "<"
    shown = f"{percent(ratio, against=minimum)} {sign} {percent(minimum)}"
    detail = (f"{what[0]} {shown}", f"{what[1]} {shown}")
    return condition(key, label, PASS if passed else FAIL, detail, citation)


def tech_staff(figures: Mapping[int, Figures], as_of: date) -> AssessmentCheck:
    year = last_year(as_of)
    return _share_check(
        "tech_staff",
        ("科技人员占比不低于10%", "Technical staff at least 10%"),
        value(figures, year, "tech_staff"),
        value(figures, year, "employees"),
        MIN_TECH_STAFF_PERCENT,
        (f"{year} 年科技人员占职工总数", f"Technical staff share of employees {year}"),
        citations.HIGH_TECH_STAFF,
    )


def operating_years(startup: StartupFacts, as_of: date) -> tuple[int, ...]:
    """The last three completed years, fewer when the company was founded since."""
    years = recent_years(as_of, 3)
    if startup.founded_on is not None:
        years = tuple(y for y in years if y >= startup.founded_on.year) or years[-1:]
    return years


def rd_threshold(revenue: Decimal) -> Decimal:
    """The minimum R&D share for last year's revenue (万元).

    5% up to 5,000 (含), 4% above that up to 20,000 (含), 3% above 20,000.
    """
    for ceiling, minimum in RD_THRESHOLDS:
        if revenue <= ceiling:
            return minimum
    return RD_THRESHOLD_ABOVE


def _sums(figures, years, *names) -> list[Decimal | None]:
    """Each named figure summed over ``years``; ``None`` when any year lacks it."""
    sums = []
    for name in names:
        values = [value(figures, y, name) for y in years]
        sums.append(None if None in values else sum(values, Decimal(0)))
    return sums


def rd_share(startup: StartupFacts, as_of: date) -> AssessmentCheck:
    label = ("研究开发费用占销售收入比例", "R&D expense share of revenue")
    years = operating_years(startup, as_of)
    span = f"{years[0]}—{years[-1]}" if len(years) > 1 else str(years[0])
    latest = value(startup.figures, years[-1], "revenue")
    rd, revenue = _sums(startup.figures, years, "rd_expense", "revenue")
    if latest is None or rd is None or not revenue:
        detail = (f"{span} 年研发费用或销售收入未填报", f"R&D or revenue {span} not reported")
        return condition("rd_share", label, UNKNOWN, detail, citations.HIGH_TECH_RD)
    minimum = rd_threshold(latest)
    ratio = rd * 100 / revenue
    passed = ratio >= minimum
    sign = "≥" if passed else "<"
    detail = (
        f"{span} 年研发费用 {wan(rd)} / 销售收入 {wan(revenue)} = "
        f"{percent(ratio, against=minimum)} {sign} {percent(minimum)}"
        f"({years[-1]} 年销售收入 {wan(latest)})",
        f"R&D {wan(rd)} / revenue {wan(revenue)} over {span} = "
        f"{percent(ratio, against=minimum)} {sign} {percent(minimum)}"
        f" (revenue {years[-1]}: {wan(latest)})",
    )
    return condition("rd_share", label, PASS if passed else FAIL, detail, citations.HIGH_TECH_RD)


def domestic_rd(startup: StartupFacts, as_of: date) -> AssessmentCheck:
    years = operating_years(startup, as_of)
    domestic, rd = _sums(startup.figures, years, "rd_expense_domestic", "rd_expense")
    span = f"{years[0]}—{years[-1]}" if len(years) > 1 else str(years[0])
    return _share_check(
        "domestic_rd",
        ("境内研发费用占比不低于60%", "R&D in China at least 60%"),
        domestic,
        rd,
        MIN_DOMESTIC_RD_PERCENT,
        (f"{span} 年境内研发费用占全部研发费用", f"R&D spent in China {span}, share of all R&D"),
        citations.HIGH_TECH_RD_DOMESTIC,
    )


def high_tech_revenue(figures: Mapping[int, Figures], as_of: date) -> AssessmentCheck:
    year = last_year(as_of)
    return _share_check(
        "high_tech_revenue",
        ("高新技术产品(服务)收入占比不低于60%", "High-tech revenue at least 60%"),
        value(figures, year, "high_tech_revenue"),
        value(figures, year, "revenue"),
        MIN_HIGH_TECH_REVENUE_PERCENT,
        (f"{year} 年高新技术产品(服务)收入占总收入", f"High-tech share of revenue {year}"),
        citations.HIGH_TECH_REVENUE,
    )


FIELD = condition(
    "field",
    ("核心技术属于国家重点支持的高新技术领域", "Core technology in a supported high-tech field"),
    CONFIRM,
    (
        "系统无法判断,由企业对照《国家重点支持的高新技术领域》确认",
        "Not in the data: to be confirmed",
    ),
    citations.HIGH_TECH_FIELD,
)
INTEGRITY = condition(
    "integrity",
    ("申请前一年内无重大安全、质量事故或严重环境违法", "No major accident or violation"),
    CONFIRM,
    ("系统无法判断,由企业确认", "Not in the data: to be confirmed by the company"),
    citations.HIGH_TECH_INTEGRITY,
)


# -- the innovation score ---------------------------------------------------------------

IP_COUNT_LABEL = ("知识产权数量", "Number of IP rights")


def ip_count(startup: StartupFacts) -> AssessmentCheck:
    """≥1 Ⅰ类 7–8; ≥5 Ⅱ类 5–6; 3–4 Ⅱ类 3–4; 1–2 Ⅱ类 1–2; none 0."""
    class_i, class_ii = valid_ip(startup.ip)
    if class_i:
        band = Band(None, 7, 8)
    else:
        band = band_of(Decimal(class_ii), table((5, 5, 6), (3, 3, 4), (1, 1, 2), (None, 0)))
    detail = (
        f"有效Ⅰ类 {class_i} 项、Ⅱ类 {class_ii} 项",
        f"{class_i} valid class Ⅰ and {class_ii} class Ⅱ rights",
    )
    return scored("ip_count", IP_COUNT_LABEL, band, 8, detail, citations.HIGH_TECH_IP_COUNT)


def growth_rate(values: list[Decimal | None]) -> tuple[Decimal | None, str]:
    """The guideline's growth formula over three years' values, oldest first.

    Returns the rate in % and how it was found: ``"three"`` (1/2 × (v2/v1 +
    v3/v2) − 1), ``"two"`` (v3/v2 − 1, when the first year is 0, as it is
    before the company was founded), ``"zero"`` (the second year is 0: scored 0) or
    ``"missing"`` (a figure not reported).
    """
    first, second, third = values
    if None in values:
        return None, "missing"
    if second == 0:
        return None, "zero"
    if not first:
        return (third / second - 1) * 100, "two"
    return ((second / first + third / second) / 2 - 1) * 100, "three"


def _net_assets(figures, year) -> Decimal | None:
    assets, liabilities = value(figures, year, "total_assets"), value(figures, year, "liabilities")
    return None if assets is None or liabilities is None else assets - liabilities


def growth(startup: StartupFacts, as_of: date, kind: str) -> AssessmentCheck:
    """净资产增长率 (``kind="net_assets"``) or 销售收入增长率 (``kind="revenue"``), scored."""
    names = {
        "net_assets": ("净资产增长率", "Net asset growth"),
        "revenue": ("销售收入增长率", "Revenue growth"),
    }
    label = names[kind]
    key = f"{kind}_growth"
    years = recent_years(as_of, 3)
    founded = startup.founded_on.year if startup.founded_on else None
    values = []
    for year in years:
        if founded is not None and year < founded:
            values.append(Decimal(0))
            continue
        if kind == "revenue":
            values.append(value(startup.figures, year, "revenue"))
        else:
            values.append(_net_assets(startup.figures, year))
    rate, how = growth_rate(values)
    span = f"{years[0]}—{years[-1]}"
    if how == "missing":
        detail = (f"{span} 年数据不全,无法计算", f"Figures for {span} incomplete")
        return unscored(key, label, 10, detail, citations.HIGH_TECH_GROWTH)
    if how == "zero":
        detail = (f"{years[1]} 年为 0,按 0 分计算", f"{years[1]} is 0: scored 0")
        return scored(key, label, Band(None, 0), 10, detail, citations.HIGH_TECH_GROWTH)
    band = band_of(rate, GROWTH_BANDS)
    basis = ("按后两年计算", "over the last two years") if how == "two" else ("", "")
    edge = edge_of(band, GROWTH_BANDS)
    detail = (
        f"{span} 年{label[0]} {percent(rate)}{basis[0]}({edge})",
        f"{label[1]} {span} {percent(rate)} {basis[1]} ({edge})".replace("  ", " "),
    )
    return scored(key, label, band, 10, detail, citations.HIGH_TECH_GROWTH)


def manual_part(item: Item, entered: Mapping[str, int]) -> AssessmentCheck:
    label = (item.label_zh, item.label_en)
    points = entered.get(item.key)
    if points is None:
        detail = ("尚未由载体管理人员录入", "Not entered by a manager yet")
        return unscored(item.key, label, item.maximum, detail, citations.HIGH_TECH_EXPERT)
    detail = ("载体管理人员录入", "Entered by a manager")
    return scored(
        item.key, label, Band(None, points), item.maximum, detail, citations.HIGH_TECH_EXPERT
    )


def innovation_score(
    startup: StartupFacts, as_of: date, entered: Mapping[str, int]
) -> tuple[tuple[AssessmentCheck, ...], int, int]:
    """The parts, and the lowest and highest total they allow (知识产权 capped at 30)."""
    manual = {item.key: manual_part(item, entered) for item in MANUAL_ITEMS}
    ip_parts = [ip_count(startup)] + [manual[i.key] for i in MANUAL_ITEMS if i.ip]
    other = [manual[i.key] for i in MANUAL_ITEMS if not i.ip]
    other += [growth(startup, as_of, "net_assets"), growth(startup, as_of, "revenue")]
    low = min(sum(p.points_low for p in ip_parts), IP_INDICATOR_MAX)
    high = min(sum(p.points_high for p in ip_parts), IP_INDICATOR_MAX)
    low += sum(p.points_low for p in other)
    high += sum(p.points_high for p in other)
    return (*ip_parts, *other), low, high


def readiness(
    startup: StartupFacts, as_of: date, entered: Mapping[str, int]
) -> tuple[tuple[AssessmentCheck, ...], tuple[AssessmentCheck, ...]]:
    """(conditions, score parts) of 第十一条 on ``as_of``."""
    parts, low, high = innovation_score(startup, as_of, entered)
    score = score_condition(
        "score",
        ("创新能力评价 70 分以上(不含 70 分)", "Innovation score above 70"),
        low,
        high,
        PASS_MARK,
        citations.HIGH_TECH_SCORE,
        strictly_above=True,
    )
    checks = (
        company_age(startup, as_of),
        owns_ip(startup),
        FIELD,
        tech_staff(startup.figures, as_of),
        rd_share(startup, as_of),
        domestic_rd(startup, as_of),
        high_tech_revenue(startup.figures, as_of),
        score,
        INTEGRITY,
    )
    return checks, parts
