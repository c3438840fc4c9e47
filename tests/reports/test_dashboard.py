"""The carrier's dashboard: who sees it, what it counts, and that every number leads to its list."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest

from core.timeutil import local_today
from tests.reports.support import login, populate

LINKED_NUMBER = re.compile(r'<a href="(/t/alpha/[^"]*)"[^>]*>(\d+)</a>')
CHART_BAR = re.compile(
    r'<a href="([^"]+)" class="chart-bar" data-label="([^"]*)" data-value="([^"]*)"'
)


@pytest.fixture
def story(alpha, beta, rows):
    """Startups at alpha in every state the dashboard counts, and one at beta."""
    today = local_today()
    active = rows.startup("在孵企业")
    rows.enrollment(alpha, active, due_on=today + timedelta(days=30))
    graduated = rows.startup("孵化毕业")
    rows.enrollment(alpha, graduated, status="graduated", ended_on=date(2025, 6, 30))
    maker = rows.startup("众创毕业")
    rows.enrollment(alpha, maker, stage="makerspace", status="graduated", ended_on=date(2024, 3, 1))
    withdrawn = rows.startup("已退出")
    rows.enrollment(alpha, withdrawn, status="withdrawn", ended_on=date(2025, 1, 1))
    rows.application(alpha, rows.startup("申请中"))
    rows.application(alpha, rows.startup("草稿"), status="draft")
    rows.application(alpha, rows.startup("未通过"), stage="makerspace", status="rejected")
    enrollment = rows.enrollment(alpha, rows.startup("里程碑企业"), admitted_on=date(2025, 1, 1))
    rows.milestone(enrollment, today - timedelta(days=1), key="late")
    rows.milestone(enrollment, today + timedelta(days=10), "verified", key="done")
    rows.milestone(enrollment, today + timedelta(days=10), "in_progress", key="doing")
    rows.enrollment(beta, rows.startup("别家企业"))


def test_only_the_carriers_managers_open_the_dashboard(app, client, alpha, beta, factory):
    factory.user("admin@city.cn", admin=True)
    for email, status in (
        ("manager@alpha.cn", 200),
        ("admin@city.cn", 200),
        ("reviewer@alpha.cn", 403),
        ("founder@alpha.cn", 403),
        ("manager@beta.cn", 404),
    ):
        user = login(app, email)
        for path in ("/t/alpha/dashboard", "/t/alpha/warnings", "/t/alpha/milestones"):
            assert user.get(path).status_code == status, (email, path)
    assert client.get("/t/alpha/dashboard").status_code == 302


def test_the_carrier_navigation_links_the_dashboard_for_managers(app, alpha):
    page = login(app, "manager@alpha.cn").get("/t/alpha/").get_data(as_text=True)
    assert 'href="/t/alpha/dashboard" id="nav-dashboard"' in page
    assert 'href="/t/alpha/warnings" id="nav-warnings"' in page
    page = login(app, "reviewer@alpha.cn").get("/t/alpha/").get_data(as_text=True)
    assert "nav-dashboard" not in page


def test_the_funnel_counts_startups_per_stage_and_once_in_total(app, story):
    page = login(app, "manager@alpha.cn").get("/t/alpha/dashboard").get_data(as_text=True)
    funnel = re.search(r'<table[^>]*id="funnel".*?</table>', page, re.S).group(0)
    cells = {
        stage: re.findall(r"<td>(?:<a [^>]*>)?([^<]+)", row)
        for stage, row in re.findall(r'data-stage="(\w+)">(.*?)</tr>', funnel, re.S)
    }
    # applied, admitted, admitted of applied, graduated, graduated of admitted
    assert cells["incubator"] == ["5", "4", "80%", "1", "25%"]
    assert cells["makerspace"] == ["2", "1", "50%", "1", "100%"]
    assert cells["total"] == ["7", "5", "71%", "2", "40%"]


def test_the_charts_are_drawn_with_labels_and_links(app, story):
    page = login(app, "manager@alpha.cn").get("/t/alpha/dashboard").get_data(as_text=True)
    for key in ("active", "funnel", "graduations", "milestones", "warnings"):
        assert f'id="chart-{key}"' in page
    bars = {(label, value) for _href, label, value in CHART_BAR.findall(html.unescape(page))}
    assert {("Incubator", "2"), ("Makerspace", "0")} <= bars
    assert {("2024", "1"), ("2025", "1")} <= bars
    assert {("Applied", "7"), ("Admitted", "5"), ("Graduated", "2")} <= bars
    assert {("Verified", "1"), ("Overdue", "1"), ("Past the time limit", "0")} <= bars
    assert "1 of 3 milestones of active startups verified (33%)." in page


def test_the_dashboard_speaks_chinese(app, story):
    page = login(app, "manager@alpha.cn", "zh_CN").get("/t/alpha/dashboard").get_data(as_text=True)
    assert "各阶段在册企业" in page and "申请 → 入驻 → 毕业" in page and "每年毕业企业" in page
    assert 'data-label="孵化器"' in page


def listed(client, href: str) -> int:
    """How many rows the list behind a link shows."""
    page = client.get(html.unescape(href)).get_data(as_text=True)
    if "/warnings" in href:
        return page.count("<tr data-kind=")
    found = re.search(r"(\d+) (?:startups?|milestones?)</p>|(\d+) (?:startup|milestone)", page)
    return int(found.group(1) or found.group(2))


def test_every_number_leads_to_the_list_behind_it(app, story):
    manager = login(app, "manager@alpha.cn")
    page = manager.get("/t/alpha/dashboard").get_data(as_text=True)
    links = LINKED_NUMBER.findall(page) + [
        (href, value) for href, _label, value in CHART_BAR.findall(page)
    ]
    assert len(links) > 30
    for href, number in links:
        if "#" in href or "/applications" in href:
            continue
        assert listed(manager, href) == int(number), href
    # "Applied" counts the rejected startup too, which no longer shares its record:
    # it leads to the carrier's applications, where the rejected one is.
    applied = [href for href, _n in links if "/applications" in href]
    assert applied
    page = manager.get(html.unescape(applied[0])).get_data(as_text=True)
    assert "未通过" in page and "申请中" in page
    assert "未通过" not in manager.get("/t/alpha/startups").get_data(as_text=True)


def test_the_graduation_year_link_lists_that_years_graduates(app, story):
    manager = login(app, "manager@alpha.cn")
    page = manager.get("/t/alpha/startups?status=graduated&ended=2025").get_data(as_text=True)
    assert "孵化毕业" in page and "众创毕业" not in page
    assert "enrollment ended in 2025" in page


def test_the_milestone_list_filters_by_status_and_lateness(app, story):
    manager = login(app, "manager@alpha.cn")
    page = manager.get("/t/alpha/milestones?overdue=1").get_data(as_text=True)
    assert "1 milestone" in page and "text-danger" in page
    page = manager.get("/t/alpha/milestones?status=verified").get_data(as_text=True)
    assert "1 milestone" in page and 'data-status="verified"' in page
    page = manager.get("/t/alpha/milestones?status=nonsense").get_data(as_text=True)
    assert "3 milestones" in page


@pytest.mark.parametrize(
    "path",
    [
        "/t/alpha/dashboard",
        "/t/alpha/dashboard/trends.json",
        "/t/alpha/warnings?kind=milestone.overdue",
        "/t/alpha/milestones",
    ],
)
def test_pages_make_the_same_number_of_queries_for_10_and_1000_startups(
    app, alpha, count_queries, path
):
    manager = login(app, "manager@alpha.cn")
    today = local_today()
    populate(app, alpha, 10, today)
    with count_queries() as few:
        assert manager.get(path).status_code == 200
    populate(app, alpha, 990, today)
    with count_queries() as many:
        page = manager.get(path).get_data(as_text=True)
    assert many() == few()
    if path.endswith("dashboard"):
        assert 'data-label="Incubator" data-value="800"' in page


def test_the_whole_warning_list_never_needs_more_queries_for_more_items(app, alpha, count_queries):
    """A page of all kinds fetches only the kinds on it: at most one query per kind more."""
    manager = login(app, "manager@alpha.cn")
    today = local_today()
    populate(app, alpha, 10, today)
    with count_queries() as few:
        assert manager.get("/t/alpha/warnings").status_code == 200
    populate(app, alpha, 990, today)
    with count_queries() as many:
        assert manager.get("/t/alpha/warnings").status_code == 200
        assert manager.get("/t/alpha/warnings?page=7").status_code == 200
    assert many() <= 2 * few()
