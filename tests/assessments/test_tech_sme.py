"""科技型中小企业 (国科发政〔2017〕115号): every band edge, read as the policy words it.

"(含)" puts each lower edge in its band: "25%(含)-30%" is 25% ≤ x < 30%, and
"≥30%" scores 20. Pass: 不低于60分 (60 passes) and 科技人员指标得分不得为0分.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.plugin_api import FAIL, HELD, MET, NOT_MET, PASS
from core.plugin_api.testing import certification_fact
from incuchain_policy import tech_sme_2017
from plugins.assessments import tech_sme
from tests.assessments.support import AS_OF, LAST, by_key, facts, figures, ip


@pytest.mark.parametrize(
    ("tech_staff", "points"),
    [(30, 20), (29, 16), (25, 16), (24, 12), (20, 12), (19, 8), (15, 8), (14, 4), (10, 4), (9, 0)],
)
def test_staff_bands_include_their_lower_edge(tech_staff, points):
    part, _step = tech_sme_2017.staff_score(figures(employees=100, tech_staff=tech_staff))
    assert (part.points_low, part.points_high) == (points, points)
    assert part.status == PASS


@pytest.mark.parametrize(
    ("rd", "points"),
    [("60", 50), ("59.99", 40), ("50", 40), ("40", 30), ("30", 20), ("20", 10), ("19.99", 0)],
)
def test_rd_share_of_revenue_bands(rd, points):
    part, _step = tech_sme_2017.rd_score(figures(revenue=1000, rd_expense=rd))
    assert part.points_low == points


@pytest.mark.parametrize(
    ("rd", "points"),
    [("300", 50), ("299.99", 40), ("250", 40), ("150", 20), ("100", 10), ("99.99", 0)],
)
def test_rd_share_of_total_cost_bands(rd, points):
    part, _step = tech_sme_2017.rd_score(figures(total_cost=1000, rd_expense=rd))
    assert part.points_low == points


def test_rd_is_computed_both_ways_and_the_higher_counts():
    part, _step = tech_sme_2017.rd_score(figures(revenue=1000, total_cost=100, rd_expense=30))
    assert part.points_low == 50
    assert "3%" in part.detail_zh and "30%" in part.detail_zh and "取高者" in part.detail_zh


def test_missing_rd_figures_leave_the_part_open():
    part, step = tech_sme_2017.rd_score(figures(revenue=1000))
    assert (part.points_low, part.points_high, part.status) == (0, 50, "unknown")
    assert step is None


@pytest.mark.parametrize(
    ("rights", "points"),
    [
        ((), 0),
        (("utility_model",), 6),
        (("utility_model", "design"), 12),
        (("utility_model", "design", "software_copyright"), 18),
        (("utility_model",) * 4, 24),
        (("utility_model",) * 5, 24),
        (("invention_patent",), 30),
    ],
)
def test_ip_bands(rights, points):
    part, _steps = tech_sme_2017.ip_score(ip(*rights))
    assert part.points_low == points


def test_ip_applied_for_is_not_ip_held():
    part, _steps = tech_sme_2017.ip_score(ip("invention_patent", status="applied"))
    assert part.points_low == 0


def test_what_would_raise_the_score_names_one_more_class_i_right():
    _part, steps = tech_sme_2017.ip_score(())
    assert steps[0].points == 30
    assert "新增 1 项Ⅰ类知识产权" in steps[0].text_zh and "+30" in steps[0].text_zh
    assert "One more class Ⅰ IP right" in steps[0].text_en


def test_raising_staff_and_rd_is_counted_in_people_and_money():
    staff, staff_step = tech_sme_2017.staff_score(figures(employees=50, tech_staff=12))
    assert staff.points_low == 12  # 24%
    assert staff_step.points == 4 and "再增加 1 名科技人员" in staff_step.text_zh  # 13/51 ≥ 25%
    rd, rd_step = tech_sme_2017.rd_score(figures(revenue=1000, rd_expense=45))
    assert rd.points_low == 30  # 4.5%
    assert rd_step.points == 10 and "研发费用增加 5 万元" in rd_step.text_zh  # to 5%


def strong(**overrides):
    """60 points exactly: staff 30% (20) and R&D 5% of revenue (40), no IP."""
    values = {"employees": 100, "tech_staff": 30, "revenue": 1000, "rd_expense": 50}
    values |= overrides
    values.setdefault("total_assets", 500)
    return figures(**values)


def test_sixty_points_pass():
    result = tech_sme(facts(strong()), AS_OF)
    checks = by_key(result.checks)
    assert checks["score"].status == PASS and "60" in checks["score"].detail_zh
    assert result.status == MET


def test_fifty_six_points_fail_one_condition_away():
    result = tech_sme(facts(strong(tech_staff=25)), AS_OF)
    assert result.status == NOT_MET
    assert [c.key for c in result.failing] == ["score"]
    assert "56" in result.summary_zh


def test_a_zero_staff_score_fails_even_with_enough_points():
    result = tech_sme(
        facts(strong(tech_staff=9, rd_expense=60), ip_rights=ip("invention_patent")), AS_OF
    )
    checks = by_key(result.checks)
    assert checks["score"].status == PASS  # 0 + 50 + 30 = 80
    assert checks["staff_nonzero"].status == FAIL


@pytest.mark.parametrize(
    ("field", "value", "passed"),
    [
        ("employees", 500, True),
        ("employees", 501, False),
        ("revenue", "20000", True),
        ("revenue", "20000.0001", False),
        ("total_assets", "20000", True),
        ("total_assets", "20000.0001", False),
    ],
)
def test_size_limits_are_not_exceeded_inclusive(field, value, passed):
    values = {"employees": 100, "tech_staff": 30, "revenue": 1000, "rd_expense": 50}
    values[field] = value
    if field == "employees":
        values["tech_staff"] = 150
    result = tech_sme(facts(strong(**values)), AS_OF)
    assert (by_key(result.checks)["size"].status == PASS) is passed


def test_a_valid_high_tech_certificate_qualifies_directly():
    cert = certification_fact(
        kind="high_tech", issued_on=date(2024, 1, 1), valid_until=date(2027, 1, 1)
    )
    without = tech_sme(facts(strong(tech_staff=1)), AS_OF)
    assert by_key(without.checks)["score"].status == FAIL
    result = tech_sme(facts(strong(tech_staff=1), certs=(cert,)), AS_OF)
    checks = by_key(result.checks)
    assert checks["score"].status == PASS and "直接确认" in checks["score"].detail_zh
    assert result.status == MET


def test_this_years_registration_is_held_last_years_is_not():
    this_year = certification_fact(kind="tech_sme", year=2026)
    last_year = certification_fact(kind="tech_sme", year=2025)
    assert tech_sme(facts(strong(), certs=(this_year,)), AS_OF).status == HELD
    assert tech_sme(facts(strong(), certs=(last_year,)), AS_OF).status == MET


def test_the_figures_read_are_last_years():
    result = tech_sme(facts(figures(year=LAST + 1, employees=100, tech_staff=30)), AS_OF)
    assert by_key(result.score_parts)["staff"].status == "unknown"


def test_the_staff_condition_names_the_staff_score():
    result = tech_sme(facts(strong(tech_staff=9)), AS_OF)
    check = by_key(result.checks)["staff_nonzero"]
    assert check.status == FAIL and "科技人员指标 0 分(科技人员占比低于10%)" in check.detail_zh
