"""A manager finds a startup one condition from a rung and enters the expert-scored items.

The page is in Chinese; texts are compared with what the catalog gives.
"""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from core.tenancy.models import Role
from tests.assessments.conftest import add_figures
from tests.conftest import Factory
from tests.e2e.test_journeys import log_in, translated

MANAGER = "manager@ladder.example.cn"


def test_manager_follows_one_condition_away_to_the_startup_and_scores_it(page, live_server):
    app = live_server.app
    factory = Factory(app)
    carrier = factory.tenant("pds", stages=("incubator",))
    factory.member(carrier, MANAGER, Role.MANAGER, name="李经理")
    startup = factory.startup("临近科技有限公司", founded_on=date(2020, 1, 1))
    add_figures(app, startup.id)
    factory.enrollment(carrier, startup, "incubator", admitted_on=date(2025, 1, 1))

    log_in(page, MANAGER)
    page.goto("/t/pds/")
    page.get_by_role("link", name=translated(app, "One condition away")).click()
    row = page.locator("#near tbody tr", has_text="科技型中小企业")
    expect(row.locator(".missing")).to_have_text("评价得分不低于60分")
    row.get_by_role("link", name="临近科技有限公司").click()

    card = page.locator("#ladder-high_tech")
    expect(card).to_be_visible()
    card.get_by_role("link", name=translated(app, "Enter the expert-scored items")).click()
    page.locator("input[name=tech_advancement]").fill("9")
    page.locator("input[type=submit]").click()
    expect(page.locator(".invalid-feedback, .text-danger").first).to_contain_text(
        translated(app, "Enter whole points from %(min)s to %(max)s.", min=0, max=8)
    )
    page.locator("input[name=tech_advancement]").fill("7")
    page.locator("input[name=conversion]").fill("18")
    page.locator("input[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text(
        translated(app, "The scores have been saved.")
    )
    parts = page.locator("#ladder-high_tech .score-parts")
    expect(parts.locator("tr", has_text="技术的先进程度")).to_contain_text("7 / 8")
    expect(parts.locator("tr", has_text="科技成果转化能力")).to_contain_text("18 / 30")
