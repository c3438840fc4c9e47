"""The signed-in home page: my carriers, my startups, and what is due."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.timeutil import local_today
from tests.workflow.test_milestones import STAGE, World, add_milestones, build_world


@pytest.fixture
def world(app) -> World:
    return build_world(app)


def verify_all(app, enrollment_id: int) -> None:
    with app.app_context():
        db.session.execute(
            update(Milestone)
            .where(Milestone.enrollment_id == enrollment_id)
            .values(status="verified", progress=100)
        )
        db.session.commit()


def due_list(page: str) -> list[tuple[int, bool]]:
    """(milestone id, flagged overdue) in the order shown."""
    block = re.search(r'<ul[^>]*id="due-milestones".*?</ul>', page, re.S)
    if block is None:
        return []
    items = re.findall(r'<li[^>]*data-milestone="(\d+)".*?</li>', block.group(0), re.S)
    flagged = re.findall(r'<li[^>]*data-milestone="\d+".*?</li>', block.group(0), re.S)
    return [(int(i), "overdue-flag" in html) for i, html in zip(items, flagged, strict=True)]


def test_visitors_see_the_welcome_page(world):
    page = world.client().get("/").get_data(as_text=True)
    assert "What is due" not in page


def test_what_is_due_lists_open_milestones_soonest_first_with_overdue_flagged(world):
    today = local_today()
    verify_all(world.app, world.enrollment_id)
    later, overdue, undated = add_milestones(world.app, world.enrollment_id, 3, start=10)
    (soon,) = add_milestones(
        world.app, world.enrollment_id, 1, start=20, due_on=today, status="returned"
    )
    with world.app.app_context():
        db.session.get(Milestone, later).due_on = today + timedelta(days=10)
        db.session.get(Milestone, overdue).due_on = today - timedelta(days=1)
        db.session.get(Milestone, undated).due_on = None
        db.session.commit()
    # Another founder's startup and an ended enrollment of our founder's stay out.
    other = world.factory.startup("别家二号", founders=("other@founder.cn",))
    beta = world.factory.tenant("gamma", stages=(STAGE,))
    add_milestones(world.app, world.factory.enrollment(beta, other, STAGE).id, 2, start=30)
    mine = world.factory.startup("我的第二家", founders=("founder@alpha.cn",))
    ended = world.factory.enrollment(beta, mine, STAGE)
    with world.app.app_context():
        db.session.get(Enrollment, ended.id).status = "withdrawn"
        db.session.commit()

    page = world.client("founder@alpha.cn").get("/").get_data(as_text=True)
    assert due_list(page) == [(overdue, True), (soon, False), (later, False), (undated, False)]
    assert f'href="/enrollments/{world.enrollment_id}#milestone-{overdue}"' in page
    assert "Sent back" in page and "阿尔法科技有限公司" in page


def test_nothing_due_shows_an_empty_state(world):
    verify_all(world.app, world.enrollment_id)
    page = world.client("founder@alpha.cn").get("/").get_data(as_text=True)
    assert "What is due" in page and 'id="nothing-due"' in page
    assert due_list(page) == []


def test_people_without_startups_see_no_due_list(world):
    page = world.client("manager@alpha.cn").get("/").get_data(as_text=True)
    assert "What is due" not in page and "alpha carrier" in page


def test_each_enrollment_links_to_its_page_and_the_startup(world):
    page = world.client("founder@alpha.cn").get("/").get_data(as_text=True)
    table = re.search(r'<table[^>]*id="my-enrollments".*?</table>', page, re.S).group(0)
    assert f'href="/enrollments/{world.enrollment_id}"' in table
    assert 'href="/startups/' in table


def test_home_makes_the_same_number_of_queries_for_few_and_many(world, count_queries):
    client = world.client("founder@alpha.cn")
    with count_queries() as few:
        assert client.get("/").status_code == 200
    for n in range(4):
        startup = world.factory.startup(f"第{n}家", founders=("founder@alpha.cn",))
        carrier = world.factory.tenant(f"c{n}", stages=(STAGE,))
        world.factory.member(carrier, "founder@alpha.cn", "founder")
        enrollment = world.factory.enrollment(carrier, startup, STAGE)
        add_milestones(world.app, enrollment.id, 10, start=100)
    with count_queries() as many:
        page = client.get("/").get_data(as_text=True)
    assert len(due_list(page)) > 40
    assert few() == many()
