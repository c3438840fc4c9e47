"""The accelerator's graduation rules: 专精特新, or revenue and growth at thresholds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import plugins.accelerator as accelerator
from core.plugin_api.testing import certification_fact
from plugins.accelerator import settings
from plugins.accelerator.graduation import GRADUATION_RULES, GROUP
from tests.stages.support import check, collect, company, context, figures, tenant, verdict

STAGE = "accelerator"
AS_OF = date(2026, 3, 15)


def ctx(startup, as_of=AS_OF, **tuned):
    return context(STAGE, startup, as_of, **tuned)


def growing(y2023, y2024, y2025):
    return company(figures=figures(y2023=y2023, y2024=y2024, y2025=y2025))


def test_the_defaults_and_citations():
    assert accelerator.STAGE.defaults()["exit_min_revenue"] == Decimal(1000)
    assert accelerator.STAGE.defaults()["exit_min_growth_percent"] == Decimal(5)
    by_key = {s.key: s for s in settings.SETTINGS}
    assert "1000万元以上" in by_key["exit_min_revenue"].citation
    assert "平均增长率不低于5%" in by_key["exit_min_growth_percent"].citation
    for rule in GRADUATION_RULES:
        assert rule.group == GROUP and rule.severity == "hard" and rule.citation
    assert collect("incuchain_graduation_rules", stage=STAGE, tenant=tenant())


def test_a_specialized_certificate_valid_on_the_day_judged():
    cert = certification_fact(
        kind="specialized",
        number="ZJTX-2024-001",
        issued_on=date(2024, 1, 1),
    )
    result = check(GRADUATION_RULES, "specialized", ctx(company(certifications=(cert,))))
    assert result.passed and "ZJTX-2024-001" in result.detail_zh
    assert verdict(GRADUATION_RULES, ctx(company(certifications=(cert,)))).passed
    # Three years from its date: 2027-01-01 is its last day.
    expired = ctx(company(certifications=(cert,)), as_of=date(2027, 1, 2))
    result = check(GRADUATION_RULES, "specialized", expired)
    assert not result.passed and "无有效的专精特新认定" in result.detail_zh
    gazelle = certification_fact(kind="gazelle", year=2025)
    assert not check(
        GRADUATION_RULES, "specialized", ctx(company(certifications=(gazelle,)))
    ).passed


def test_revenue_exactly_at_the_threshold_passes_with_the_figures_shown():
    # 800 → 900 (+12.5%) → 1,000 (+11.11%): average 11.81%.
    result = check(GRADUATION_RULES, "revenue_growth", ctx(growing(800, 900, 1000)))
    assert result.passed
    assert result.detail_zh == (
        "2025 年营业收入 1,000 万元 ≥ 1,000 万元;"
        "近两年营业收入平均增长率 11.81%(2024 年 12.5%,2025 年 11.11%)≥ 5%"
    )
    assert verdict(GRADUATION_RULES, ctx(growing(800, 900, 1000))).passed


def test_growth_exactly_at_the_threshold_passes_and_just_below_fails():
    # 1000 → 1100 (+10%) → 1100 (0%): average exactly 5%.
    at = check(GRADUATION_RULES, "revenue_growth", ctx(growing(1000, 1100, 1100)))
    assert at.passed and "平均增长率 5%" in at.detail_zh and "≥ 5%" in at.detail_zh
    # 1000 → 1100 → 1099.89: average just under 5%, shown with the difference.
    below = check(GRADUATION_RULES, "revenue_growth", ctx(growing(1000, 1100, "1099.89")))
    assert not below.passed and "< 5%" in below.detail_zh


def test_revenue_below_the_threshold_fails_even_with_growth():
    result = check(GRADUATION_RULES, "revenue_growth", ctx(growing(400, 600, "999.99")))
    assert not result.passed
    assert "999.99 万元 < 1,000 万元" in result.detail_zh


def test_missing_years_and_zero_bases_fail():
    gap = check(
        GRADUATION_RULES, "revenue_growth", ctx(company(figures=figures(y2023=1, y2025=2000)))
    )
    assert not gap.passed and "2024" in gap.detail_zh
    zero = check(GRADUATION_RULES, "revenue_growth", ctx(growing(0, 900, 2000)))
    assert not zero.passed and "2023 年营业收入为 0" in zero.detail_zh


def test_a_tuned_setting_changes_the_outcome():
    startup = growing(800, 850, 900)  # revenue 900, growth 6.25% and 5.88%
    assert not verdict(GRADUATION_RULES, ctx(startup)).passed
    assert verdict(GRADUATION_RULES, ctx(startup, exit_min_revenue=Decimal(900))).passed
    stricter = ctx(startup, exit_min_revenue=Decimal(900), exit_min_growth_percent=Decimal(10))
    assert not verdict(GRADUATION_RULES, stricter).passed
