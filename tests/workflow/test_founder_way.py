"""A founder finds the way: the home page names the next step, the startup page the stages."""

from __future__ import annotations

import re

from tests.conftest import PASSWORD
from tests.workflow.conftest import STAGE


def step(page: str) -> str:
    """The kind of the first next step on the home page."""
    found = re.search(r'id="next-steps".*?data-step="(\w+)"', page, re.S)
    return found.group(1) if found else ""


def test_someone_new_is_told_to_describe_their_startup(carrier):
    carrier.factory.user("new@tt.cn", "新人")
    client = carrier.app.test_client()
    client.post("/login", data={"email": "new@tt.cn", "password": PASSWORD})
    client.post("/language", data={"locale": "en"})
    page = client.get("/").get_data(as_text=True)
    assert 'id="describe-startup"' in page and 'href="/startups/new"' in page
    assert "Start by describing your startup" in page
    assert f'href="/stages/{STAGE}"' in page


def test_carrier_staff_without_startups_get_no_founder_steps(manager):
    page = manager.get("/").get_data(as_text=True)
    assert 'id="next-steps"' not in page and 'id="my-carriers"' in page


def test_a_startup_page_offers_the_stages_and_the_home_page_follows_the_application(
    carrier, founder
):
    startup = carrier.startup.id
    home = founder.get("/").get_data(as_text=True)
    assert step(home) == "apply"
    assert f'href="/startups/{startup}#applications"' in home

    record = founder.get(f"/startups/{startup}").get_data(as_text=True)
    offered = re.findall(r'data-stage="(\w+)">Apply to ', record)
    assert STAGE in offered and "incubator" in offered
    stage_page = founder.get(f"/stages/{STAGE}?startup={startup}").get_data(as_text=True)
    assert f"/t/tt/apply/{STAGE}?startup={startup}" in stage_page

    founder.post(f"/t/tt/apply/{STAGE}", data={"summary": "高校专利转化", "action": "draft"})
    home = founder.get("/").get_data(as_text=True)
    assert step(home) == "draft" and "is a draft: finish and submit it." in home

    response = founder.post(
        f"/t/tt/apply/{STAGE}",
        data={"summary": "高校专利转化", "members": "3", "needs": ["lab"], "action": "submit"},
    )
    application = int(response.headers["Location"].rsplit("/", 1)[1])
    home = founder.get("/").get_data(as_text=True)
    assert step(home) == "waiting"
    row = re.search(rf'<tr data-application="{application}">.*?</tr>', home, re.S).group(0)
    assert "Under review" in row and f'href="/applications/{application}"' in row
    record = founder.get(f"/startups/{startup}").get_data(as_text=True)
    offered = re.findall(r'data-stage="(\w+)">Apply to ', record)
    assert STAGE not in offered and "incubator" in offered


def test_an_enrolled_founder_is_sent_to_the_milestones_and_the_admission_links_there(
    carrier, manager, founder, submitted
):
    response = manager.post(
        f"/t/tt/applications/{submitted}/decision",
        data={"decision": "admit", "admitted_on": "2026-01-05", "reason": "Good fit"},
    )
    assert response.status_code == 302
    home = founder.get("/").get_data(as_text=True)
    assert step(home) == "milestones" and "Update milestones" in home
    enrollment = re.search(r'href="/enrollments/(\d+)"', home).group(1)
    row = re.search(rf'<tr data-application="{submitted}">.*?</tr>', home, re.S).group(0)
    assert "Admitted" in row and f'href="/enrollments/{enrollment}"' in row


def test_the_carrier_menu_marks_the_section_being_read(manager, submitted):
    page = manager.get(f"/t/tt/applications/{submitted}").get_data(as_text=True)
    active = re.findall(r'<a class="[^"]*active" href="([^"]+)"[^>]*aria-current="page"', page)
    assert active == ["/t/tt/applications"]
    page = manager.get("/t/tt/members").get_data(as_text=True)
    active = re.findall(r'<a class="[^"]*active" href="([^"]+)"[^>]*aria-current="page"', page)
    assert active == ["/t/tt/members"]


def test_an_empty_carrier_s_dashboard_shows_where_to_begin(carrier, manager):
    page = manager.get("/t/tt/dashboard").get_data(as_text=True)
    assert 'id="getting-started"' in page
    assert "Import the startups already here" in page and f"/t/tt/apply/{STAGE}" in page
    carrier.factory.enrollment(carrier.tenant, carrier.startup, STAGE)
    assert 'id="getting-started"' not in manager.get("/t/tt/dashboard").get_data(as_text=True)
