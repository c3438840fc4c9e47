"""The dashboard's trend charts: their figures (the JSON ``static/charts.js`` draws) and tables."""

from __future__ import annotations

import re

import pytest

from core.timeutil import local_today
from tests.reports.support import login, trend_story

Y = local_today().year


@pytest.fixture
def story(app, alpha, beta, rows):
    trend_story(app, rows, alpha, beta)


def charts(client) -> dict[str, dict]:
    response = client.get("/t/alpha/dashboard/trends.json")
    assert response.status_code == 200
    return {chart["key"]: chart for chart in response.get_json()["charts"]}


def series(chart) -> dict[str, list]:
    return {s["key"]: s["values"] for s in chart["series"]}


def test_the_trends_run_from_the_first_admission_to_this_year(app, story):
    found = charts(login(app, "manager@alpha.cn"))
    assert list(found) == ["stages", "figures", "funding", "ip", "cohorts"]
    years = [str(y) for y in range(Y - 3, Y + 1)]
    assert all(chart["years"] == years for chart in found.values())


def test_startups_per_stage_count_the_enrollments_running_in_each_year(app, story):
    stages = charts(login(app, "manager@alpha.cn"))["stages"]
    assert stages["kind"] == "line"
    assert series(stages) == {"makerspace": [1, 1, 0, 0], "incubator": [0, 2, 3, 2]}
    assert [s["name"] for s in stages["series"]] == ["Makerspace", "Incubator"]


def test_revenue_and_rd_are_the_portfolios_reported_figures(app, story):
    figures = charts(login(app, "manager@alpha.cn"))["figures"]
    assert figures["unit"] == "10k CNY"
    # Nothing reported for the first year nor for this one: no value, not zero.
    assert series(figures) == {
        "revenue": [None, 80.5, 100.0, None],
        "rd_expense": [None, 8.0, 10.0, None],
    }


def test_funding_is_stacked_by_kind_while_enrolled(app, story):
    funding = charts(login(app, "manager@alpha.cn"))["funding"]
    assert funding["stacked"] and funding["kind"] == "bar"
    assert [s["name"] for s in funding["series"]] == [
        "Angel investment",
        "Venture capital",
        "Government grant",
    ]
    assert series(funding) == {
        "angel": [0, 0, 50.0, 0],
        "vc": [0, 0, 200.0, 0],
        "grant": [0, 30.0, 0, 0],
    }


def test_ip_granted_counts_rights_granted_while_enrolled(app, story):
    assert series(charts(login(app, "manager@alpha.cn"))["ip"]) == {
        "invention_patent": [0, 0, 1, 0],
        "utility_model": [0, 1, 0, 0],
    }


def test_cohorts_by_year_of_admission_say_where_they_stand(app, story):
    assert series(charts(login(app, "manager@alpha.cn"))["cohorts"]) == {
        "active": [0, 2, 0, 0],
        "graduated": [1, 0, 0, 0],
        "withdrawn": [0, 0, 1, 0],
        "expired": [0, 0, 0, 0],
    }


def test_the_figures_speak_the_readers_language(app, story):
    found = charts(login(app, "manager@alpha.cn", "zh_CN"))
    assert found["figures"]["unit"] == "万元"
    assert [s["name"] for s in found["ip"]["series"]] == ["发明专利", "实用新型专利"]
    assert [s["name"] for s in found["cohorts"]["series"]][:2] == ["在孵", "已毕业"]


def test_the_dashboard_shows_each_trend_as_a_table_of_the_same_figures(app, story):
    page = login(app, "manager@alpha.cn").get("/t/alpha/dashboard").get_data(as_text=True)
    assert '<script src="/static/vendor/echarts/echarts.common.min.js" defer>' in page
    assert '<script src="/static/charts.js" defer>' in page
    figure = re.search(r'<figure[^>]*id="trend-figures".*?</figure>', page, re.S).group(0)
    assert 'data-src="/t/alpha/dashboard/trends.json"' in figure
    cells = dict(re.findall(r'<tr data-year="(\d+)"><th scope="row">\d+</th>(.*?)</tr>', figure))
    assert re.findall(r">([^<]+)</td>", cells[str(Y - 2)]) == ["80.50", "8.00"]
    assert re.findall(r">([^<]+)</td>", cells[str(Y)]) == ["—", "—"]


def test_a_carrier_without_history_shows_nothing_to_chart(app, alpha):
    manager = login(app, "manager@alpha.cn")
    found = charts(manager)
    assert found["stages"]["years"] == [str(Y)]
    assert series(found["funding"]) == {} and series(found["stages"]) == {
        "makerspace": [0],
        "incubator": [0],
    }
    page = manager.get("/t/alpha/dashboard").get_data(as_text=True)
    assert "trend-canvas" not in page and page.count("Nothing to show yet.") >= 5


def test_only_the_carriers_managers_read_the_figures(app, alpha, beta, factory):
    factory.user("admin@city.cn", admin=True)
    for email, status in (
        ("manager@alpha.cn", 200),
        ("admin@city.cn", 200),
        ("reviewer@alpha.cn", 403),
        ("founder@alpha.cn", 403),
        ("manager@beta.cn", 404),
    ):
        assert login(app, email).get("/t/alpha/dashboard/trends.json").status_code == status
