"""创新型中小企业 and 专精特新中小企业 readiness (优质中小企业梯度培育, policy-rules.md §3.3).

The innovative SME's sources leave the band edges open; the encoding reads
a band's top as strict (">5%") and each range as including its lower end.
专精特新: 不低于 and 以上 include the edge.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.plugin_api import CONFIRM, FAIL, NOT_MET, PASS, UNKNOWN, FundingFact
from core.plugin_api.testing import certification_fact, funding_fact
from incuchain_policy import sme_tiers_2022 as tiers
from incuchain_policy.bands import band_of
from plugins.assessments import innovative_sme, specialized
from tests.assessments.support import AS_OF, LAST, by_key, facts, figures


@pytest.mark.parametrize(
    ("ratio", "points"),
    [("5.01", 20), ("5", 15), ("3", 15), ("2.99", 10), ("2", 10), ("1", 5), ("0.99", 0)],
)
def test_innovative_rd_share_bands(ratio, points):
    assert band_of(Decimal(ratio), tiers.RD_SHARE_BANDS).low == points


@pytest.mark.parametrize(
    ("rate", "points"),
    [("15.01", 20), ("15", 15), ("10", 15), ("5", 10), ("0", 5), ("-0.01", 0)],
)
def test_innovative_growth_bands(rate, points):
    assert band_of(Decimal(rate), tiers.GROWTH_BANDS).low == points


@pytest.mark.parametrize(
    ("liabilities", "points"), [("54.99", 10), ("55", 5), ("75", 5), ("75.01", 0)]
)
def test_debt_ratio_bands(liabilities, points):
    part = tiers._debt_ratio({LAST: figures(total_assets=100, liabilities=liabilities)}, LAST)
    assert part.points_low == points


def funding(amount: str, day: date = date(2025, 1, 1), kind: str = "vc") -> FundingFact:
    return funding_fact(date=day, amount=Decimal(amount), kind=kind)


@pytest.mark.parametrize(("amount", "direct"), [("500", True), ("499.99", False)])
def test_innovative_direct_route_by_equity_over_three_years(amount, direct):
    result = innovative_sme(facts(funding=(funding(amount),)), AS_OF)
    score = by_key(result.checks)["score"]
    assert (score.status == PASS and "直通" in score.detail_zh) is direct


def test_grants_are_not_equity():
    result = innovative_sme(facts(funding=(funding("900", kind="grant"),)), AS_OF)
    assert by_key(result.checks)["score"].status != PASS


def test_innovative_direct_route_as_a_high_tech_enterprise():
    cert = certification_fact(kind="high_tech", issued_on=date(2025, 1, 1))
    assert by_key(innovative_sme(facts(certs=(cert,)), AS_OF).checks)["score"].status == PASS


def test_innovative_score_parts_outside_the_data_are_marked_and_ranged():
    rows = (
        figures(year=LAST - 1, revenue=1000),
        figures(revenue=1200, rd_expense=61, total_assets=100, liabilities=40),
    )
    result = innovative_sme(facts(*rows), AS_OF)
    parts = by_key(result.score_parts)
    assert parts["main_business"].status == UNKNOWN and parts["product_field"].points_low == 5
    assert by_key(result.checks)["score"].status == UNKNOWN  # 0 + 20 + 20 + 10 known, 5–30 open


def test_innovative_fails_when_even_the_best_case_is_short():
    result = innovative_sme(facts(figures(revenue=1000, rd_expense=1)), AS_OF)
    assert by_key(result.checks)["score"].status == FAIL
    assert result.status == NOT_MET


def test_specialized_needs_two_years_in_business():
    young = specialized(facts(founded_on=date(2024, 6, 2)), AS_OF)
    assert by_key(young.checks)["market"].status == FAIL
    old = specialized(facts(founded_on=date(2024, 6, 1)), AS_OF)
    assert by_key(old.checks)["market"].status == CONFIRM


@pytest.mark.parametrize(
    ("rd", "revenue", "status"),
    [("100", "3000", PASS), ("99.99", "3000", FAIL), ("100", "3333.34", FAIL)],
)
def test_specialized_rd_at_least_100_and_three_percent(rd, revenue, status):
    result = specialized(facts(figures(revenue=revenue, rd_expense=rd)), AS_OF)
    assert by_key(result.checks)["rd"].status == status


@pytest.mark.parametrize(
    ("revenue", "raised", "status"),
    [
        ("1000", "0", PASS),
        ("999.99", "0", FAIL),
        ("999.99", "2000", PASS),
        ("999.99", "1999.99", FAIL),
    ],
)
def test_specialized_revenue_or_financing(revenue, raised, status):
    result = specialized(
        facts(figures(revenue=revenue), funding=(funding(raised, date(2025, 6, 2)),)), AS_OF
    )
    assert by_key(result.checks)["size"].status == status


def test_specialized_score_is_not_judged_unless_a_direct_route_holds():
    plain = specialized(facts(figures(revenue=5000, rd_expense=500)), AS_OF)
    assert by_key(plain.checks)["score"].status == UNKNOWN
    rows = (figures(year=LAST - 1, rd_expense=1000), figures(revenue=20000, rd_expense=1000))
    direct = specialized(facts(*rows), AS_OF)
    assert by_key(direct.checks)["score"].status == PASS


def test_a_group_below_its_minimum_is_named_with_its_points():
    result = innovative_sme(facts(figures(revenue=1000, rd_expense=45)), AS_OF)
    score = by_key(result.checks)["score"]
    assert score.status == FAIL and "创新能力指标 15 < 20 分" in score.detail_zh
