"""Every early-warning rule at its edges, with a fixed today (2026-06-15)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.warnings import rules
from tests.reports.support import TODAY

DAY = timedelta(days=1)


def found(app, rule, tenant=None, **config):
    """``{(kind, startup name)}`` the rule finds today, with ``config`` overriding settings."""
    app.config.update(config)
    with app.app_context():
        return {(w.kind, w.startup.name_zh) for w in rule(TODAY, tenant.id if tenant else None)}


@pytest.mark.parametrize(
    ("due_on", "expected"),
    [
        (TODAY - DAY, "enrollment.overdue"),
        (TODAY, "enrollment.due_soon"),
        (date(2026, 12, 15), "enrollment.due_soon"),  # exactly six months ahead
        (date(2026, 12, 16), None),
        (None, None),
    ],
)
def test_time_limit_edges(app, alpha, rows, due_on, expected):
    rows.enrollment(alpha, rows.startup("甲"), due_on=due_on)
    assert found(app, rules.time_limits) == ({(expected, "甲")} if expected else set())


def test_the_window_before_the_time_limit_is_configurable(app, alpha, rows):
    rows.enrollment(alpha, rows.startup("甲"), due_on=date(2026, 9, 15))
    rows.enrollment(alpha, rows.startup("乙"), due_on=date(2026, 9, 16))
    assert found(app, rules.time_limits, WARNING_MONTHS_BEFORE_DUE=3) == {
        ("enrollment.due_soon", "甲")
    }


def test_only_active_enrollments_near_their_time_limit(app, alpha, rows):
    for status in ("graduated", "withdrawn", "expired"):
        rows.enrollment(alpha, rows.startup(status), status=status, due_on=TODAY - DAY)
    assert found(app, rules.time_limits) == set()


@pytest.mark.parametrize(
    ("due_on", "status", "warned"),
    [
        (TODAY - DAY, "open", True),
        (TODAY - DAY, "in_progress", True),
        (TODAY - DAY, "submitted", True),
        (TODAY - DAY, "returned", True),
        (TODAY - DAY, "verified", False),
        (TODAY, "open", False),
        (None, "open", False),
    ],
)
def test_overdue_milestone_edges(app, alpha, rows, due_on, status, warned):
    enrollment = rows.enrollment(alpha, rows.startup("甲"))
    rows.milestone(enrollment, due_on, status)
    expected = {("milestone.overdue", "甲")} if warned else set()
    assert found(app, rules.overdue_milestones) == expected


def test_milestones_of_ended_enrollments_are_not_overdue(app, alpha, rows):
    enrollment = rows.enrollment(alpha, rows.startup("甲"), status="withdrawn")
    rows.milestone(enrollment, TODAY - DAY)
    assert found(app, rules.overdue_milestones) == set()


def test_missing_figures_for_last_year(app, alpha, rows):
    reported = rows.startup("已报")
    rows.figures(reported, 2025)
    only_older = rows.startup("只有前年")
    rows.figures(only_older, 2024)
    silent = rows.startup("未报")
    for startup in (reported, only_older, silent):
        rows.enrollment(alpha, startup)
    assert found(app, rules.missing_figures) == {
        ("figures.missing", "只有前年"),
        ("figures.missing", "未报"),
    }


def test_companies_founded_this_year_and_teams_owe_no_figures(app, alpha, rows):
    last_day = rows.startup("去年底成立", founded_on=date(2025, 12, 31))
    new_year = rows.startup("今年成立", founded_on=date(2026, 1, 1))
    team = rows.startup("团队", kind="team")
    for startup in (last_day, new_year, team):
        rows.enrollment(alpha, startup)
    rows.enrollment(alpha, rows.startup("已毕业"), status="graduated")
    assert found(app, rules.missing_figures) == {("figures.missing", "去年底成立")}


def test_a_startup_at_two_stages_is_warned_about_once(app, alpha, rows):
    startup = rows.startup("两阶段")
    rows.enrollment(alpha, startup, stage="makerspace")
    rows.enrollment(alpha, startup, stage="incubator")
    with app.app_context():
        assert len(rules.missing_figures(TODAY, alpha.id)) == 1


@pytest.mark.parametrize(
    ("valid_until", "warned"),
    [
        (TODAY - DAY, False),  # already expired: no longer "expiring"
        (TODAY, True),
        (date(2026, 12, 15), True),  # exactly six months ahead
        (date(2026, 12, 16), False),
    ],
)
def test_high_tech_expiry_edges(app, alpha, rows, valid_until, warned):
    startup = rows.startup("高企")
    rows.enrollment(alpha, startup)
    rows.certification(startup, "high_tech", valid_until=valid_until)
    expected = {("high_tech.expiring", "高企")} if warned else set()
    assert found(app, rules.expiring_high_tech) == expected


def test_high_tech_expiry_follows_from_the_certificate_date(app, alpha, rows):
    three_years_back = rows.startup("三年前")
    rows.certification(three_years_back, "high_tech", issued_on=date(2023, 12, 15))
    one_day_more = rows.startup("晚一天")
    rows.certification(one_day_more, "high_tech", issued_on=date(2023, 12, 16))
    for startup in (three_years_back, one_day_more):
        rows.enrollment(alpha, startup)
    assert found(app, rules.expiring_high_tech) == {("high_tech.expiring", "三年前")}


def test_a_renewed_high_tech_certificate_ends_the_warning(app, alpha, rows):
    startup = rows.startup("已重新认定")
    rows.enrollment(alpha, startup)
    rows.certification(startup, "high_tech", valid_until=date(2026, 7, 1))
    rows.certification(startup, "high_tech", valid_until=date(2029, 6, 30))
    assert found(app, rules.expiring_high_tech) == set()


def test_the_window_before_expiry_is_configurable(app, alpha, rows):
    startup = rows.startup("高企")
    rows.enrollment(alpha, startup)
    rows.certification(startup, "high_tech", valid_until=date(2026, 8, 16))
    assert found(app, rules.expiring_high_tech, WARNING_MONTHS_BEFORE_EXPIRY=2) == set()
    assert found(app, rules.expiring_high_tech, WARNING_MONTHS_BEFORE_EXPIRY=3) == {
        ("high_tech.expiring", "高企")
    }


def test_tech_sme_registrations_not_renewed_this_year(app, alpha, rows):
    lapsed = rows.startup("去年入库")
    rows.certification(lapsed, "tech_sme", year=2025)
    renewed = rows.startup("今年已入库")
    rows.certification(renewed, "tech_sme", year=2025)
    rows.certification(renewed, "tech_sme", year=2026)
    by_date = rows.startup("按日期")
    rows.certification(by_date, "tech_sme", issued_on=date(2025, 12, 31))
    never = rows.startup("从未入库")
    for startup in (lapsed, renewed, by_date, never):
        rows.enrollment(alpha, startup)
    assert found(app, rules.unrenewed_tech_sme) == {
        ("tech_sme.not_renewed", "去年入库"),
        ("tech_sme.not_renewed", "按日期"),
    }


def test_rules_see_only_the_carrier_asked_for(app, alpha, beta, rows):
    rows.enrollment(alpha, rows.startup("甲"), due_on=TODAY - DAY)
    rows.enrollment(beta, rows.startup("乙"), due_on=TODAY - DAY)
    assert found(app, rules.time_limits, alpha) == {("enrollment.overdue", "甲")}
    assert found(app, rules.time_limits) == {
        ("enrollment.overdue", "甲"),
        ("enrollment.overdue", "乙"),
    }
