"""The incubator's graduation rules: the four 毕业企业 conditions of 300号 第九条, at every edge."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.plugin_api import EventFact
from core.plugin_api.testing import certification_fact, funding_fact
from plugins.incubator.graduation import GRADUATION_RULES, GROUP
from tests.stages.support import check, collect, company, context, figures, tenant, verdict

STAGE = "incubator"
AS_OF = date(2026, 3, 15)


def ctx(startup, as_of=AS_OF, **tuned):
    return context(STAGE, startup, as_of, **tuned)


def funded(*amounts, kind="angel"):
    return company(
        funding=tuple(
            funding_fact(date=date(2025, 6, i + 1), amount=Decimal(str(a)), kind=kind)
            for i, a in enumerate(amounts)
        )
    )


def test_the_four_conditions_are_one_any_of_group_citing_300():
    assert {r.code for r in GRADUATION_RULES} == {
        "high_tech_enterprise",
        "angel_vc_funding",
        "two_year_revenue",
        "acquired_or_listed",
    }
    for rule in GRADUATION_RULES:
        assert rule.group == GROUP == "torch_2018_graduation"
        assert rule.severity == "hard"
        assert "国科发区〔2018〕300号" in rule.citation
    rules = collect("incuchain_graduation_rules", stage=STAGE, tenant=tenant())
    assert [r.code for r in rules] == [r.code for r in GRADUATION_RULES]


def test_no_condition_met_is_not_eligible():
    result = verdict(GRADUATION_RULES, ctx(company()))
    assert not result.passed
    assert len(result.blocking) == 4


def test_funding_of_exactly_500_fails_and_500_0001_passes():
    at = check(GRADUATION_RULES, "angel_vc_funding", ctx(funded(200, 300)))
    assert not at.passed
    assert "500 万元" in at.detail_zh and "未超过" in at.detail_zh
    above = check(GRADUATION_RULES, "angel_vc_funding", ctx(funded(200, "300.0001")))
    assert above.passed
    assert above.detail_zh == "累计获得天使投资和风险投资 500.0001 万元(2 笔)> 500 万元"
    assert verdict(GRADUATION_RULES, ctx(funded(200, "300.0001"))).passed


def test_only_angel_and_venture_rounds_received_by_the_day_judged_count():
    assert not check(GRADUATION_RULES, "angel_vc_funding", ctx(funded(600, kind="grant"))).passed
    assert check(GRADUATION_RULES, "angel_vc_funding", ctx(funded(600, kind="vc"))).passed
    before = ctx(funded(600), as_of=date(2025, 5, 31))
    assert not check(GRADUATION_RULES, "angel_vc_funding", before).passed


def test_revenue_of_exactly_1000_over_two_years_fails_and_1000_01_passes():
    at = ctx(company(figures=figures(y2024=400, y2025=600)))
    result = check(GRADUATION_RULES, "two_year_revenue", at)
    assert not result.passed and "1,000 万元" in result.detail_zh
    above = ctx(company(figures=figures(y2024=400, y2025="600.01")))
    result = check(GRADUATION_RULES, "two_year_revenue", above)
    assert result.passed
    assert result.detail_zh == "2024—2025 年营业收入累计 1,000.01 万元 > 1,000 万元"
    assert result.detail_en == "Revenue 2024–2025: 1,000.01 万元 > 1,000 万元"


def test_the_figures_in_the_example_are_shown():
    result = check(
        GRADUATION_RULES, "two_year_revenue", ctx(company(figures=figures(y2024=530, y2025=700)))
    )
    assert result.detail_zh == "2024—2025 年营业收入累计 1,230 万元 > 1,000 万元"


def test_years_with_a_gap_do_not_pair_and_the_current_year_does_not_count():
    gap = ctx(company(figures=figures(y2022=900, y2024=900)))
    result = check(GRADUATION_RULES, "two_year_revenue", gap)
    assert not result.passed and "没有连续两个完整年度" in result.detail_zh
    # 2026 is not a completed year on 2026-03-15.
    current = ctx(company(figures=figures(y2025=100, y2026=2000)))
    assert not check(GRADUATION_RULES, "two_year_revenue", current).passed


def test_high_tech_certificate_valid_or_expired_on_the_day_judged():
    cert = certification_fact(
        kind="high_tech",
        number="GR202441000123",
        issued_on=date(2023, 3, 15),
    )
    on_last_day = check(
        GRADUATION_RULES, "high_tech_enterprise", ctx(company(certifications=(cert,)))
    )
    assert on_last_day.passed and "GR202441000123" in on_last_day.detail_zh
    expired = ctx(company(certifications=(cert,)), as_of=date(2026, 3, 16))
    result = check(GRADUATION_RULES, "high_tech_enterprise", expired)
    assert not result.passed and "2026-03-15 到期" in result.detail_zh
    other = certification_fact(kind="tech_sme", year=2025)
    assert not check(
        GRADUATION_RULES, "high_tech_enterprise", ctx(company(certifications=(other,)))
    ).passed


def test_acquired_or_listed_on_or_before_the_day_judged():
    listed = company(events=(EventFact(kind="listed", date=AS_OF),))
    assert check(GRADUATION_RULES, "acquired_or_listed", ctx(listed)).passed
    assert verdict(GRADUATION_RULES, ctx(listed)).passed
    later = company(events=(EventFact(kind="acquired", date=date(2026, 3, 16)),))
    assert not check(GRADUATION_RULES, "acquired_or_listed", ctx(later)).passed


def test_one_condition_is_enough():
    result = verdict(GRADUATION_RULES, ctx(funded(501)))
    assert result.passed and not result.blocking


def test_a_carrier_tuned_threshold_changes_the_outcome():
    startup = company(figures=figures(y2024=400, y2025=500), funding=funded(450).funding)
    assert not verdict(GRADUATION_RULES, ctx(startup)).passed
    assert verdict(GRADUATION_RULES, ctx(startup, graduation_revenue=Decimal(800))).passed
    assert verdict(GRADUATION_RULES, ctx(startup, graduation_funding=Decimal(400))).passed
    stricter = ctx(funded(600), graduation_funding=Decimal(600))
    assert not verdict(GRADUATION_RULES, stricter).passed
