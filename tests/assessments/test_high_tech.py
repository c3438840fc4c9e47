"""高新技术企业 readiness (国科发火〔2016〕32号 第十一条 and the innovation score).

Edges as worded: 一年以上 and 不低于 include the edge; 5,000万元(含) and
2亿元(含) close the lower R&D bands; 70分以上(不含70分) is strictly above 70.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.plugin_api import FAIL, PASS, UNKNOWN
from core.plugin_api.testing import certification_fact
from incuchain_policy import high_tech_2016
from incuchain_policy.bands import band_of
from plugins.assessments import high_tech
from tests.assessments.support import AS_OF, LAST, by_key, facts, figures, ip


def test_one_year_after_founding_is_old_enough_one_day_less_is_not():
    assert high_tech_2016.company_age(facts(founded_on=date(2025, 6, 1)), AS_OF).status == PASS
    young = high_tech_2016.company_age(facts(founded_on=date(2025, 6, 2)), AS_OF)
    assert young.status == FAIL and "2026-06-02" in young.detail_zh


def test_a_team_is_not_old_enough_as_a_company():
    assert high_tech_2016.company_age(facts(kind="team"), AS_OF).status == FAIL


@pytest.mark.parametrize(("tech_staff", "status"), [(100, PASS), (99, FAIL)])
def test_technical_staff_at_least_ten_percent(tech_staff, status):
    check = high_tech_2016.tech_staff({LAST: figures(employees=1000, tech_staff=tech_staff)}, AS_OF)
    assert check.status == status


@pytest.mark.parametrize(
    ("revenue", "minimum"),
    [("5000", 5), ("5000.0001", 4), ("20000", 4), ("20000.0001", 3)],
)
def test_rd_threshold_follows_last_years_revenue_with_inclusive_ceilings(revenue, minimum):
    assert high_tech_2016.rd_threshold(Decimal(revenue)) == minimum


def three_years(**latest):
    rows = [figures(year=y, revenue=1000, rd_expense=50) for y in (LAST - 2, LAST - 1)]
    return (*rows, figures(**{"revenue": 1000, "rd_expense": 50, **latest}))


@pytest.mark.parametrize(("rd", "status"), [("50", PASS), ("49.97", FAIL)])
def test_rd_share_over_three_years_not_below_five_percent(rd, status):
    check = high_tech_2016.rd_share(facts(*three_years(rd_expense=rd)), AS_OF)
    assert check.status == status
    assert "2023—2025" in check.detail_zh


def test_rd_share_counts_only_the_years_since_founding():
    startup = facts(figures(revenue=1000, rd_expense=50), founded_on=date(2025, 3, 1))
    check = high_tech_2016.rd_share(startup, AS_OF)
    assert check.status == PASS and "2025 年研发费用" in check.detail_zh


def test_a_missing_year_leaves_the_rd_share_unknown():
    startup = facts(figures(revenue=1000, rd_expense=50))
    assert high_tech_2016.rd_share(startup, AS_OF).status == UNKNOWN


@pytest.mark.parametrize(("domestic", "status"), [("30", PASS), ("29.99", FAIL), (None, UNKNOWN)])
def test_domestic_rd_at_least_sixty_percent(domestic, status):
    extra = {} if domestic is None else {"rd_expense_domestic": domestic}
    rows = [
        figures(year=y, revenue=1000, rd_expense=50, **extra) for y in (LAST - 2, LAST - 1, LAST)
    ]
    # 3 × 30 of 3 × 50 is exactly 60%.
    check = high_tech_2016.domestic_rd(facts(*rows), AS_OF)
    assert check.status == status


@pytest.mark.parametrize(("high", "status"), [("600", PASS), ("599.99", FAIL)])
def test_high_tech_revenue_at_least_sixty_percent(high, status):
    check = high_tech_2016.high_tech_revenue(
        {LAST: figures(revenue=1000, high_tech_revenue=high)}, AS_OF
    )
    assert check.status == status


@pytest.mark.parametrize(
    ("rate", "low", "high"),
    [
        ("35", 9, 10),
        ("34.99", 7, 8),
        ("25", 7, 8),
        ("15", 5, 6),
        ("5", 3, 4),
        ("4.99", 1, 2),
        ("0.01", 1, 2),
        ("0", 0, 0),
        ("-3", 0, 0),
    ],
)
def test_growth_bands(rate, low, high):
    band = band_of(Decimal(rate), high_tech_2016.GROWTH_BANDS)
    assert (band.low, band.top) == (low, high)


def test_growth_formula_averages_the_two_yearly_ratios():
    rate, how = high_tech_2016.growth_rate([Decimal(100), Decimal(120), Decimal(150)])
    assert how == "three" and rate == Decimal("22.5")


def test_growth_over_the_last_two_years_when_the_first_is_zero():
    rate, how = high_tech_2016.growth_rate([Decimal(0), Decimal(100), Decimal(150)])
    assert how == "two" and rate == Decimal(50)


def test_growth_scores_zero_when_the_second_year_is_zero():
    _rate, how = high_tech_2016.growth_rate([Decimal(100), Decimal(0), Decimal(150)])
    assert how == "zero"


FLAT = tuple(
    figures(year=y, revenue=1000, rd_expense=60, total_assets=500, liabilities=100)
    for y in (LAST - 2, LAST - 1, LAST)
)
ALL_BUT_MANAGEMENT = {
    "tech_advancement": 8,
    "core_support": 8,
    "ip_acquisition": 6,
    "standards_bonus": 2,
    "conversion": 30,
}


@pytest.mark.parametrize(("management", "status"), [(16, FAIL), (17, PASS)])
def test_the_innovation_score_passes_only_above_seventy(management, status):
    entered = ALL_BUT_MANAGEMENT | {"rd_management": management}
    checks, parts = high_tech_2016.readiness(facts(*FLAT), AS_OF, entered)
    score = by_key(checks)["score"]
    assert score.status == status
    assert f"得分 {54 + management} 分" in score.detail_zh


def test_items_not_entered_leave_the_score_unknown():
    checks, parts = high_tech_2016.readiness(facts(*FLAT), AS_OF, {})
    score = by_key(checks)["score"]
    assert score.status == UNKNOWN and "0–74" in score.detail_zh
    assert by_key(parts)["conversion"].detail_zh.startswith("尚未由载体管理人员录入")


def test_the_ip_indicator_is_capped_at_thirty():
    entered = {"tech_advancement": 8, "core_support": 8, "ip_acquisition": 6, "standards_bonus": 2}
    _parts, low, high = high_tech_2016.innovation_score(
        facts(*FLAT, ip_rights=ip("invention_patent")), AS_OF, entered
    )
    assert (low, high) == (30, 80)


def test_an_ip_count_band_is_a_range_the_experts_narrow():
    part = high_tech_2016.ip_count(facts(ip_rights=ip("invention_patent")))
    assert (part.points_low, part.points_high, part.status) == (7, 8, PASS)


def test_a_valid_certificate_is_held_and_the_manual_items_are_offered():
    cert = certification_fact(
        kind="high_tech", issued_on=date(2025, 1, 1), valid_until=date(2028, 1, 1)
    )
    result = high_tech(facts(*FLAT, certs=(cert,)), AS_OF, {"conversion": 12})
    assert result.status == "held"
    items = {i.key: i for i in result.manual_items}
    assert items["conversion"].value == 12 and items["tech_advancement"].value is None
