"""The policy library and the plugin API's helpers: months, numbers, the 2018 graduation checks."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import core.plugin_api as numbers
import incuchain_policy
from core.plugin_api import (
    EventFact,
    Figures,
    add_months,
    age,
    age_en,
    age_zh,
    within_months,
)
from core.plugin_api.testing import certification_fact, funding_fact
from incuchain_policy import checks, tech_sme_2017, torch_2018
from tests.stages.support import VALID_CODE, company, context, figures, team, verdict

POLICY_DIR = Path(incuchain_policy.__file__).parent


# -- the library is a library like any third-party one -------


def test_the_policy_library_defines_no_hookimpl():
    for info in pkgutil.iter_modules([str(POLICY_DIR)]):
        module = importlib.import_module(f"incuchain_policy.{info.name}")
        hookimpls = [n for n, v in vars(module).items() if hasattr(v, "incuchain_impl")]
        assert not hookimpls, f"incuchain_policy.{info.name} defines hookimpls: {hookimpls}"


def test_the_policy_library_imports_only_the_plugin_api():
    for path in POLICY_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module or ""]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                assert module.split(".")[0] != "plugins", f"{path}: imports {module}"
                if module.split(".")[0] == "core":
                    assert module == "core.plugin_api", f"{path}: imports {module}"


def test_every_module_of_the_policy_library_says_what_it_encodes():
    for path in POLICY_DIR.glob("*.py"):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc, f"{path} has no docstring"


# -- dates --------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2023, 3, 15), 24, date(2025, 3, 15)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 5, 15), 0, date(2024, 5, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_24_months_exactly_is_within_and_one_day_more_is_not():
    founded = date(2023, 3, 15)
    assert within_months(founded, date(2025, 3, 15), 24)
    assert not within_months(founded, date(2025, 3, 16), 24)
    assert age(founded, date(2025, 3, 15)) == (24, 0)
    assert age(founded, date(2025, 3, 16)) == (24, 1)
    assert age(founded, date(2025, 3, 14)) == (23, 27)


def test_month_end_founding_dates():
    leap = date(2024, 2, 29)
    assert within_months(leap, date(2026, 2, 28), 24)
    assert not within_months(leap, date(2026, 3, 1), 24)
    assert age(leap, date(2026, 2, 28)) == (24, 0)
    assert age(leap, date(2026, 3, 1)) == (24, 1)
    assert age(date(2024, 1, 31), date(2024, 3, 1)) == (1, 1)
    assert age(date(2024, 3, 1), date(2024, 2, 1)) == (0, 0)


def test_ages_read_in_both_languages():
    assert age_zh(24, 0) == "24 个月"
    assert age_zh(24, 1) == "24 个月零 1 天"
    assert age_en(24, 0) == "24 months"
    assert age_en(1, 1) == "1 month and 1 day"
    assert age_en(25, 3) == "25 months and 3 days"


# -- numbers ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1230.0000"), "1,230"),
        (Decimal("500.0001"), "500.0001"),
        (Decimal("20000"), "20,000"),
        (Decimal("1E+3"), "1,000"),
        (501, "501"),
        (Decimal("0.5"), "0.5"),
    ],
)
def test_plain_numbers(value, expected):
    assert numbers.plain(value) == expected


def test_money_in_wan_yuan():
    assert numbers.wan(Decimal("1230.0000")) == "1,230 万元"
    assert numbers.wan(Decimal("500.0001")) == "500.0001 万元"
    assert numbers.wan(20000) == "20,000 万元"


def test_percent_never_hides_a_difference_from_the_threshold():
    assert numbers.percent(Decimal("23.456")) == "23.46%"
    assert numbers.percent(Decimal(20)) == "20%"
    assert numbers.percent(Decimal("20.004"), against=20) == "20.004%"
    assert numbers.percent(Decimal("19.999"), against=20) == "19.999%"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (Decimal("1.5"), Decimal("1.5")),
        ("1,230", Decimal("1230")),
        (" 12 ", Decimal("12")),
        (3, Decimal(3)),
        (2.5, Decimal("2.5")),
        ("", None),
        (None, None),
        ("abc", None),
        (True, None),
        ("NaN", None),
    ],
)
def test_answers_read_as_numbers(raw, expected):
    assert numbers.to_decimal(raw) == expected


def test_whole_numbers():
    assert numbers.to_int("501") == 501
    assert numbers.to_int(Decimal("3.5")) is None
    assert numbers.to_int("") is None


# -- shared checks ------------------------------------------


def test_company_age_exactly_at_the_limit_passes():
    result = checks.company_age_within(company(founded_on=date(2023, 3, 15)), date(2025, 3, 15), 24)
    assert result.passed
    assert result.detail_zh == "成立 24 个月(2023-03-15 成立,至入驻日 2025-03-15)≤ 24 个月"
    assert result.detail_en == (
        "Founded 24 months before entry (founded 2023-03-15, entry 2025-03-15) ≤ 24 months"
    )


def test_company_age_one_day_over_fails():
    result = checks.company_age_within(company(founded_on=date(2023, 3, 15)), date(2025, 3, 16), 24)
    assert not result.passed
    assert "成立 24 个月零 1 天" in result.detail_zh and "> 24 个月" in result.detail_zh
    assert "24 months and 1 day" in result.detail_en
    assert result.facts["months"] == 24 and result.facts["days"] == 1


def test_company_age_a_month_over_reads_as_25_months():
    result = checks.company_age_within(company(founded_on=date(2023, 2, 15)), date(2025, 3, 15), 24)
    assert not result.passed
    assert result.detail_zh.startswith("成立 25 个月(")
    assert result.detail_en.startswith("Founded 25 months before entry")


def test_company_age_without_a_founding_date_fails():
    result = checks.company_age_within(company(founded_on=None), date(2025, 3, 15), 24)
    assert not result.passed and "未填写成立日期" in result.detail_zh


def test_company_founded_after_the_entry_date_is_not_too_old():
    result = checks.company_age_within(company(founded_on=date(2025, 4, 1)), date(2025, 3, 15), 24)
    assert result.passed and "晚于入驻日" in result.detail_zh


def test_registration_and_credit_code():
    assert checks.registered_company(company()).passed
    assert not checks.registered_company(team()).passed
    assert checks.valid_credit_code(company()).passed
    bad = checks.valid_credit_code(
        company(credit_code="91350100M000100Y4Z", credit_code_valid=False)
    )
    assert not bad.passed and "91350100M000100Y4Z" in bad.detail_en
    missing = checks.valid_credit_code(company(credit_code=None, credit_code_valid=False))
    assert not missing.passed and "未填写" in missing.detail_zh
    assert VALID_CODE in checks.valid_credit_code(company()).detail_zh


# -- 科技型中小企业 (国科发政〔2017〕115号) -------------------------------


def size(employees=None, revenue=None, assets=None, **limits):
    limits = {"max_employees": 500, "max_revenue": 20000, "max_assets": 20000} | limits
    return tech_sme_2017.size_within(
        tech_sme_2017.Reported(None if employees is None else Decimal(employees)),
        tech_sme_2017.Reported(None if revenue is None else Decimal(revenue)),
        tech_sme_2017.Reported(None if assets is None else Decimal(assets)),
        **limits,
    )


def test_tech_sme_size_at_500_and_501_employees():
    assert size(500, 1000, 1000).passed
    result = size(501, 1000, 1000)
    assert not result.passed
    assert "职工总数 501 人 > 500 人" in result.detail_zh
    assert result.detail_en.startswith("Employees 501 > 500")


def test_tech_sme_size_money_limits_are_inclusive():
    assert size(10, "20000", "20000").passed
    over = size(10, "20000.01", "20000")
    assert not over.passed
    assert "年销售收入 20,000.01 万元 > 20,000 万元" in over.detail_zh
    assert "annual revenue 20,000.01 万元 > 20,000 万元" in over.detail_en


def test_missing_size_figures_do_not_fail_the_size_rule_but_are_reported_missing():
    assert size(None, None, None).passed
    missing = tech_sme_2017.size_reported(
        tech_sme_2017.Reported(Decimal(10)),
        tech_sme_2017.Reported(None),
        tech_sme_2017.Reported(None),
    )
    assert not missing.passed
    assert "未填报年销售收入、资产总额" in missing.detail_zh
    assert "annual revenue, total assets" in missing.detail_en


def test_answers_come_first_then_the_latest_figures():
    latest = Figures(year=2024, employees=40, revenue=Decimal("800"), total_assets=None)
    from_form = tech_sme_2017.reported({"employees": 41}, "employees", latest)
    assert from_form == tech_sme_2017.Reported(Decimal(41), None)
    from_figures = tech_sme_2017.reported({"employees": None}, "revenue", latest)
    assert from_figures == tech_sme_2017.Reported(Decimal(800), 2024)
    assert tech_sme_2017.reported({}, "total_assets", latest).value is None
    assert tech_sme_2017.reported({}, "employees", None).value is None
    result = tech_sme_2017.size_within(
        from_form, from_figures, tech_sme_2017.Reported(None),
        max_employees=500, max_revenue=Decimal(20000), max_assets=Decimal(20000),
    )  # fmt: skip
    assert "年销售收入 800 万元 ≤ 20,000 万元(2024 年度数据)" in result.detail_zh
    assert "(2024 figures)" in result.detail_en


def test_tech_staff_share_at_ten_percent():
    def share(tech, staff):
        return tech_sme_2017.tech_staff_share(
            tech_sme_2017.Reported(Decimal(tech)),
            tech_sme_2017.Reported(Decimal(staff)),
            min_percent=Decimal(10),
        )

    assert share(10, 100).passed
    assert share(10, 100).detail_zh == "科技人员 10 人 / 职工 100 人 = 10% ≥ 10%"
    below = share(9, 91)
    assert not below.passed and "9.89% < 10%" in below.detail_en
    unknown = tech_sme_2017.tech_staff_share(
        tech_sme_2017.Reported(None), tech_sme_2017.Reported(Decimal(0)), min_percent=Decimal(10)
    )
    assert not unknown.passed


# -- 国科发区〔2018〕300号 第九条: graduation conditions --------------

AS_OF = date(2025, 6, 30)


def fund(amount, kind="angel", day=date(2024, 1, 1)):
    return funding_fact(date=day, amount=Decimal(str(amount)), kind=kind)


def test_funding_of_exactly_500_fails():
    result = torch_2018.angel_vc_funding_over([fund(300), fund(200, "vc")], AS_OF, Decimal(500))
    assert not result.passed
    assert result.detail_zh == "累计获得天使投资和风险投资 500 万元(2 笔),未超过 500 万元"
    assert "500 万元 in 2 rounds, not above 500 万元" in result.detail_en


def test_funding_just_above_500_passes():
    result = torch_2018.angel_vc_funding_over([fund("300.0001"), fund(200, "vc")], AS_OF, 500)
    assert result.passed
    assert result.detail_zh == "累计获得天使投资和风险投资 500.0001 万元(2 笔)> 500 万元"


def test_only_angel_and_venture_money_received_by_the_day_counts():
    rounds = [
        fund(400),
        fund(1000, "grant"),
        fund(1000, "tech_loan"),
        fund(200, "vc", day=date(2025, 7, 1)),
    ]
    result = torch_2018.angel_vc_funding_over(rounds, AS_OF, Decimal(500))
    assert not result.passed and result.facts["total"] == "400"
    same_day = [fund(400), fund(200, "vc", day=AS_OF)]
    assert torch_2018.angel_vc_funding_over(same_day, AS_OF, Decimal(500)).passed


def test_two_year_revenue_of_exactly_1000_fails():
    result = torch_2018.two_year_revenue_over(figures(y2023=500, y2024=500), AS_OF, Decimal(1000))
    assert not result.passed
    assert "1,000 万元(2023—2024 年),未超过 1,000 万元" in result.detail_zh


def test_two_year_revenue_just_above_1000_passes():
    result = torch_2018.two_year_revenue_over(
        figures(y2023=500, y2024="500.01"), AS_OF, Decimal(1000)
    )
    assert result.passed
    assert result.detail_zh == "2023—2024 年营业收入累计 1,000.01 万元 > 1,000 万元"
    assert result.detail_en == "Revenue 2023–2024: 1,000.01 万元 > 1,000 万元"


def test_revenue_from_non_consecutive_years_does_not_count():
    result = torch_2018.two_year_revenue_over(figures(y2021=900, y2023=900), AS_OF, Decimal(1000))
    assert not result.passed
    assert result.detail_zh == "没有连续两个完整年度的营业收入数据"


def test_a_year_without_revenue_breaks_the_pair():
    rows = figures(y2022=900, y2024=900) | {2023: Figures(year=2023, revenue=None)}
    assert not torch_2018.two_year_revenue_over(rows, AS_OF, Decimal(1000)).passed


def test_the_current_unfinished_year_does_not_count():
    rows = figures(y2024=400, y2025=900)
    assert not torch_2018.two_year_revenue_over(rows, AS_OF, Decimal(1000)).passed
    assert torch_2018.two_year_revenue_over(rows, date(2026, 1, 1), Decimal(1000)).passed


def test_the_best_consecutive_pair_is_reported():
    rows = figures(y2020=100, y2021=200, y2022=700, y2023=400, y2024=100)
    assert torch_2018.best_two_year_revenue(rows, AS_OF) == (2022, Decimal(1100))


def cert(**fields):
    return certification_fact(kind="high_tech", number="GR202341000123", **fields)


def test_a_high_tech_certificate_valid_on_the_day_passes():
    valid = cert(issued_on=date(2023, 10, 31))
    result = torch_2018.high_tech_enterprise([valid], AS_OF)
    assert result.passed
    assert result.detail_zh == "高新技术企业证书 GR202341000123,有效期至 2026-10-31"


def test_an_expired_or_future_certificate_fails():
    expired = cert(issued_on=date(2022, 6, 29))
    result = torch_2018.high_tech_enterprise([expired], AS_OF)
    assert not result.passed and "已于 2025-06-29 到期" in result.detail_zh
    # Without its date only the printed end is known; it is its last day.
    printed = cert(valid_until=date(2025, 6, 29))
    assert not torch_2018.high_tech_enterprise([printed], AS_OF).passed
    future = cert(issued_on=date(2025, 7, 1))
    assert not torch_2018.high_tech_enterprise([future], AS_OF).passed
    other_kind = certification_fact(kind="tech_sme", year=2025)
    assert not torch_2018.high_tech_enterprise([other_kind], AS_OF).passed


def test_a_certificate_without_an_end_date_lasts_to_its_third_anniversary():
    """The vocabulary's one rule (core.default_vocabulary): the anniversary is the last day."""
    issued = cert(issued_on=date(2022, 10, 31))
    assert issued.valid_until == date(2025, 10, 31)
    assert torch_2018.high_tech_enterprise([issued], date(2025, 10, 30)).passed
    assert torch_2018.high_tech_enterprise([issued], date(2025, 10, 31)).passed
    assert not torch_2018.high_tech_enterprise([issued], date(2025, 11, 1)).passed


def test_acquisition_or_listing_by_the_day():
    listed = EventFact(kind="listed", date=AS_OF)
    result = torch_2018.acquired_or_listed([listed], AS_OF)
    assert result.passed and result.detail_en == "Listed on 2025-06-30"
    later = EventFact(kind="acquired", date=date(2025, 7, 1))
    assert not torch_2018.acquired_or_listed([later], AS_OF).passed


def test_graduation_rules_read_the_carriers_thresholds_as_one_group():
    rules = torch_2018.graduation_condition_rules(
        group="graduation",
        funding_key="graduation_funding",
        revenue_key="graduation_revenue",
        code_prefix="x_",
    )
    assert [r.code for r in rules] == [
        "x_high_tech_enterprise",
        "x_angel_vc_funding",
        "x_two_year_revenue",
        "x_acquired_or_listed",
    ]
    assert {r.group for r in rules} == {"graduation"}
    assert all("国科发区〔2018〕300号" in r.citation for r in rules)
    startup = company(funding=(fund(600),))
    assert verdict(rules, context("accelerator", startup, AS_OF)).passed
    tuned = context("accelerator", startup, AS_OF, graduation_funding=Decimal(600))
    assert not verdict(rules, tuned).passed
