"""A manager opens the dashboard: the SVG charts are drawn, labelled, and lead to their lists."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from core.tenancy.models import Role
from core.timeutil import local_today
from tests.conftest import Factory
from tests.e2e.test_journeys import log_in, url
from tests.reports.support import Rows

MANAGER = "manager@pds.example.cn"


def test_manager_sees_the_dashboard_charts_and_follows_a_bar(page, live_server):
    factory, rows = Factory(live_server.app), Rows(live_server.app)
    carrier = factory.tenant("pds", stages=("makerspace", "incubator", "accelerator"))
    factory.member(carrier, MANAGER, Role.MANAGER, name="李经理")
    today = local_today()
    for i in range(3):
        rows.enrollment(carrier, rows.startup(f"在孵企业{i}"), due_on=today + timedelta(days=40))
    rows.enrollment(
        carrier,
        rows.startup("毕业企业"),
        status="graduated",
        ended_on=date(2025, 6, 30),
    )

    log_in(page, MANAGER)
    page.wait_for_url(url(live_server, "/"))
    page.goto("/t/pds/")
    page.locator("#nav-dashboard").click()
    page.wait_for_url(url(live_server, "/t/pds/dashboard"))

    for key in ("active", "funnel", "graduations", "milestones", "warnings"):
        chart = page.locator(f"#chart-{key} svg")
        expect(chart).to_be_visible()
        assert chart.bounding_box()["width"] > 100
    active = page.locator("#chart-active a.chart-bar")
    expect(active).to_have_count(3)
    expect(active.locator("text.chart-label")).to_have_text(["众创空间", "孵化器", "加速器"])
    expect(active.locator("text.chart-value")).to_have_text(["0", "3", "0"])
    bar = page.locator("#chart-active a.chart-bar[data-label='孵化器'] rect")
    assert bar.bounding_box()["width"] > 100
    expect(page.locator("#chart-graduations text.chart-label")).to_have_text(["2025"])
    expect(page.locator("#chart-warnings text.chart-label").first).to_have_text("已超期限")
    expect(page.locator("#chart-warnings a.chart-bar[data-label='临近期限']")).to_have_attribute(
        "data-value", "3"
    )

    page.locator("#chart-active a.chart-bar[data-label='孵化器']").click()
    page.wait_for_url(re.compile(r"/t/pds/startups\?stage=incubator&status=active$"))
    expect(page.locator("#startups tbody tr")).to_have_count(3)
