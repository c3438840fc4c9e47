"""The enrollment page: who sees it, founders' updates, managers' verification, history."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.enrollments.models import Enrollment, Milestone, MilestoneChange
from core.extensions import db
from core.notifications.models import Notification
from core.plugin_api import hookimpl
from core.tenancy.models import Role
from core.timeutil import local_today
from tests.conftest import PASSWORD, Factory, assign_reviewer

STAGE = "incubator"


@dataclass
class World:
    """Carrier alpha with a manager and reviewer, one startup enrolled there, carrier beta."""

    app: object
    factory: Factory
    enrollment_id: int
    #: Two milestones added by the test, so it does not depend on the stage's templates.
    first: int
    second: int

    def client(self, email: str | None = None):
        client = self.app.test_client()
        if email:
            response = client.post("/login", data={"email": email, "password": PASSWORD})
            assert response.status_code == 302, email
        client.post("/language", data={"locale": "en"})
        return client

    @property
    def page(self) -> str:
        return f"/enrollments/{self.enrollment_id}"


def add_milestones(app, enrollment_id: int, count: int, *, start: int = 0, **values) -> list[int]:
    with app.app_context():
        milestones = [
            Milestone(
                enrollment_id=enrollment_id,
                key=f"t-{start + i}",
                title_zh=f"测试里程碑{start + i}",
                title_en=f"Test milestone {start + i}",
                due_on=values.get("due_on", local_today() + timedelta(days=30 + i)),
                position=100 + start + i,
                status=values.get("status", "open"),
                progress=values.get("progress", 0),
            )
            for i in range(count)
        ]
        db.session.add_all(milestones)
        db.session.commit()
        return [m.id for m in milestones]


def build_world(app) -> World:
    factory = Factory(app)
    alpha = factory.tenant("alpha", stages=(STAGE,))
    beta = factory.tenant("beta", stages=(STAGE,))
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER, "Alpha Manager")
    factory.member(alpha, "reviewer@alpha.cn", Role.REVIEWER, "Alpha Reviewer")
    factory.member(alpha, "member@alpha.cn", Role.FOUNDER, "Another Founder At Alpha")
    factory.member(beta, "manager@beta.cn", Role.MANAGER, "Beta Manager")
    factory.user("admin@city.cn", "Platform Admin", admin=True)
    startup = factory.startup("阿尔法科技有限公司", founders=("founder@alpha.cn",))
    factory.startup("别家科技有限公司", founders=("other@founder.cn",))
    enrollment = factory.enrollment(alpha, startup, STAGE)
    first, second = add_milestones(app, enrollment.id, 2)
    return World(app, factory, enrollment.id, first, second)


@pytest.fixture
def world(app) -> World:
    return build_world(app)


def count(app, model, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.scalar(query)


def milestone(app, milestone_id: int) -> Milestone:
    with app.app_context():
        return db.session.get(Milestone, milestone_id)


def audit(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        return db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        ).all()


def notifications(app, kind: str) -> list[tuple[str, dict, str]]:
    from core.auth.models import User

    with app.app_context():
        rows = db.session.execute(
            select(User.email, Notification.params, Notification.link)
            .join(User, User.id == Notification.user_id)
            .where(Notification.kind == kind)
            .order_by(Notification.id)
        )
        return [tuple(row) for row in rows]


def section(page: str, milestone_id: int) -> str:
    """The HTML of one milestone's card."""
    match = re.search(rf'<section[^>]*id="milestone-{milestone_id}".*?</section>', page, re.S)
    assert match, f"milestone {milestone_id} is not on the page"
    return match.group(0)


UPDATE = {"status": "in_progress", "progress": "40", "notes": "样机已完成"}


def post_urls(world: World) -> dict[str, tuple[str, dict]]:
    return {
        "update": (f"/milestones/{world.first}/update", UPDATE),
        "verify": (f"/milestones/{world.first}/verify", {"comment": ""}),
        "return": (f"/milestones/{world.first}/return", {"comment": "再补充"}),
        "custom": (f"/enrollments/{world.enrollment_id}/milestones", {"title_zh": "专利"}),
    }


def writes(app) -> tuple[int, int, int]:
    return (
        count(app, MilestoneChange),
        count(app, AuditEvent),
        count(app, Milestone),
    )


# -- who may see and do what -----------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(world):
    client = world.client()
    for url in (world.page, "/evidence/1"):
        assert client.get(url).headers["Location"].startswith("/login?next="), url
    for url, data in post_urls(world).values():
        assert client.post(url, data=data).headers["Location"].startswith("/login?next="), url


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        # page, update, verify, return, custom
        ("founder@alpha.cn", (200, 302, 403, 403, 403)),
        ("reviewer@alpha.cn", (404, 404, 404, 404, 404)),  # assigned to none of its applications
        ("other@founder.cn", (404, 404, 404, 404, 404)),
        ("member@alpha.cn", (404, 404, 404, 404, 404)),
        ("manager@beta.cn", (404, 404, 404, 404, 404)),
    ],
)
def test_permissions_matrix(world, email, expected):
    client = world.client(email)
    statuses = [client.get(world.page).status_code]
    for name, (url, data) in post_urls(world).items():
        before = writes(world.app)
        response = client.post(url, data=data)
        statuses.append(response.status_code)
        if response.status_code != 302:
            assert writes(world.app) == before, name
    assert tuple(statuses) == expected


@pytest.mark.parametrize("email", ["manager@alpha.cn", "admin@city.cn"])
def test_managers_and_the_platform_admin_verify_and_add_but_do_not_update(world, email):
    client = world.client(email)
    assert client.get(world.page).status_code == 200
    assert client.post(f"/milestones/{world.first}/update", data=UPDATE).status_code == 403
    assert client.post(f"/milestones/{world.first}/verify").status_code == 302
    url = f"/enrollments/{world.enrollment_id}/milestones"
    assert client.post(url, data={"title_zh": "专利"}).status_code == 302


def test_unknown_ids_are_404(world):
    client = world.client("manager@alpha.cn")
    assert client.get("/enrollments/999999").status_code == 404
    assert client.post("/milestones/999999/verify").status_code == 404
    assert client.post("/enrollments/999999/milestones", data={"title_zh": "x"}).status_code == 404


def assign_to_world(world, email: str = "reviewer@alpha.cn") -> None:
    with world.app.app_context():
        enrollment = db.session.get(Enrollment, world.enrollment_id)
        tenant_id, startup_id = enrollment.tenant_id, enrollment.startup_id
    assign_reviewer(world.app, tenant_id, startup_id, email, stage=STAGE)


def test_assigned_reviewers_see_the_page_without_forms(world):
    assign_to_world(world)
    page = world.client("reviewer@alpha.cn").get(world.page).get_data(as_text=True)
    assert "Test milestone 0" in page
    assert "<form" not in page.split("<main", 1)[1]


# -- founders update ---------------------------------------------------------------------


def test_a_founder_updates_a_milestone_with_history_and_audit(world):
    client = world.client("founder@alpha.cn")
    page = client.get(world.page).get_data(as_text=True)
    assert "Ready for verification" in section(page, world.first)
    response = client.post(f"/milestones/{world.first}/update", data=UPDATE)
    focused = f"{world.page}?focus={world.first}#milestone-{world.first}"
    assert response.headers["Location"] == focused
    m = milestone(world.app, world.first)
    assert (m.status, m.progress, m.notes) == ("in_progress", 40, "样机已完成")
    with world.app.app_context():
        change = db.session.scalars(
            select(MilestoneChange).where(MilestoneChange.action == "updated")
        ).one()
        assert (change.milestone_id, change.status, change.progress) == (
            world.first,
            "in_progress",
            40,
        )
        assert change.actor.email == "founder@alpha.cn"
    (event,) = audit(world.app, "milestone.updated")
    assert event.before == {"status": "open", "progress": 0, "notes": ""}
    assert event.after == {"status": "in_progress", "progress": 40, "notes": "样机已完成"}
    assert event.object_id == str(world.first) and event.tenant_id is not None
    card = section(client.get(world.page).get_data(as_text=True), world.first)
    assert "样机已完成" in card and "Updated" in card and "40%" in card
    assert notifications(world.app, "milestone.submitted") == []


def test_notes_are_escaped_and_keep_their_lines(world):
    client = world.client("founder@alpha.cn")
    notes = "<script>alert(1)</script>\n第二行"
    client.post(f"/milestones/{world.first}/update", data={**UPDATE, "notes": notes})
    card = section(client.get(world.page).get_data(as_text=True), world.first)
    assert "<script>" not in card and "&lt;script&gt;" in card
    assert "<br>第二行" in card


def test_nul_characters_are_dropped_not_a_server_error(world):
    client = world.client("founder@alpha.cn")
    response = client.post(f"/milestones/{world.first}/update", data={**UPDATE, "notes": "a\x00b"})
    assert response.status_code == 302
    assert milestone(world.app, world.first).notes == "ab"


def test_saving_without_a_change_writes_nothing(world):
    client = world.client("founder@alpha.cn")
    before = writes(world.app)
    data = {"status": "open", "progress": "0", "notes": ""}
    response = client.post(f"/milestones/{world.first}/update", data=data, follow_redirects=True)
    assert "Nothing changed." in section(response.get_data(as_text=True), world.first)
    assert writes(world.app) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**UPDATE, "progress": "120"}, "Enter a whole number from 0 to 100."),
        ({**UPDATE, "progress": "-1"}, "Enter a whole number from 0 to 100."),
        ({**UPDATE, "progress": "4x"}, "Enter a whole number from 0 to 100."),
        ({**UPDATE, "progress": ""}, "Enter a whole number from 0 to 100."),
        ({**UPDATE, "status": "verified"}, "Choose one of the listed statuses."),
        ({**UPDATE, "status": "returned"}, "Choose one of the listed statuses."),
        ({**UPDATE, "notes": "长" * 4001}, "Use at most 4000 characters."),
    ],
)
def test_bad_updates_are_refused_next_to_the_field_and_write_nothing(world, data, message):
    client = world.client("founder@alpha.cn")
    before = writes(world.app)
    response = client.post(f"/milestones/{world.first}/update", data=data)
    assert response.status_code == 200
    card = section(response.get_data(as_text=True), world.first)
    assert f'<div class="invalid-feedback">{message}</div>' in card
    assert collapse(card, world.first) == "collapse show"
    assert 'value="' + data["progress"] + '"' in card
    if len(data["notes"]) < 100:
        assert data["notes"] in card
    assert writes(world.app) == before
    assert milestone(world.app, world.first).status == "open"


def test_submitting_for_verification_notifies_the_carriers_managers_once(world):
    client = world.client("founder@alpha.cn")
    client.post(f"/milestones/{world.first}/update", data={**UPDATE, "status": "submitted"})
    client.post(
        f"/milestones/{world.first}/update", data={**UPDATE, "status": "submitted", "notes": "补"}
    )
    sent = notifications(world.app, "milestone.submitted")
    assert [email for email, _params, _link in sent] == ["manager@alpha.cn"]
    _email, params, link = sent[0]
    assert link == f"{world.page}#milestone-{world.first}"
    assert params["enrollment"] == world.enrollment_id and params["milestone_id"] == world.first
    assert params["milestone"] == "测试里程碑0" and params["milestone_en"] == "Test milestone 0"
    assert params["startup"] == "阿尔法科技有限公司" and params["stage"] == STAGE
    assert params["carrier"] == "alpha载体" and params["carrier_en"] == "alpha carrier"


# -- managers verify, send back and add ---------------------------------------------------


def test_a_manager_verifies_and_the_founder_can_no_longer_change_it(world):
    world.client("founder@alpha.cn").post(
        f"/milestones/{world.first}/update", data={**UPDATE, "status": "submitted"}
    )
    manager = world.client("manager@alpha.cn")
    response = manager.post(f"/milestones/{world.first}/verify", data={"comment": "很好"})
    assert response.status_code == 302
    m = milestone(world.app, world.first)
    assert (m.status, m.progress) == ("verified", 100)
    assert m.verified_at is not None and m.verified_by_id is not None
    (event,) = audit(world.app, "milestone.verified")
    assert event.before == {"status": "submitted", "progress": 40}
    assert event.after["status"] == "verified" and event.after["comment"] == "很好"
    ((email, params, link),) = notifications(world.app, "milestone.verified")
    assert email == "founder@alpha.cn" and params["comment"] == "很好"
    assert link == f"{world.page}#milestone-{world.first}"

    founder = world.client("founder@alpha.cn")
    card = section(founder.get(world.page).get_data(as_text=True), world.first)
    assert "milestone-update" not in card and "Verified" in card
    before = writes(world.app)
    response = founder.post(f"/milestones/{world.first}/update", follow_redirects=True, data=UPDATE)
    assert "has been verified and can no longer be changed" in response.get_data(as_text=True)
    assert writes(world.app) == before
    again = manager.post(f"/milestones/{world.first}/verify", follow_redirects=True)
    assert "has been verified" in again.get_data(as_text=True)
    assert writes(world.app) == before


def test_sending_back_needs_a_comment(world):
    world.client("founder@alpha.cn").post(
        f"/milestones/{world.first}/update", data={**UPDATE, "status": "submitted"}
    )
    manager = world.client("manager@alpha.cn")
    before = writes(world.app)
    response = manager.post(f"/milestones/{world.first}/return", data={"comment": "  "})
    card = section(response.get_data(as_text=True), world.first)
    assert "Say what needs to change before sending it back." in card
    assert writes(world.app) == before and notifications(world.app, "milestone.returned") == []

    response = manager.post(f"/milestones/{world.first}/return", data={"comment": "缺发票"})
    assert response.status_code == 302
    assert milestone(world.app, world.first).status == "returned"
    (event,) = audit(world.app, "milestone.returned")
    assert event.before == {"status": "submitted"} and event.after["comment"] == "缺发票"
    ((email, params, _link),) = notifications(world.app, "milestone.returned")
    assert email == "founder@alpha.cn" and params["comment"] == "缺发票"
    founder = world.client("founder@alpha.cn")
    card = section(founder.get(world.page).get_data(as_text=True), world.first)
    assert "缺发票" in card and "Sent back" in card and "milestone-update" in card
    # The reason is on the card itself, not only in the folded history.
    returned = re.search(
        r'<div class="alert[^"]*milestone-returned">(.*?)</div>\s*</div>', card, re.S
    )
    assert (
        returned
        and "Sent back by Alpha Manager on " in returned.group(1)
        and "缺发票" in returned.group(1)
    )


def test_only_a_submitted_or_verified_milestone_can_be_sent_back(world):
    manager = world.client("manager@alpha.cn")
    card = section(manager.get(world.page).get_data(as_text=True), world.first)
    assert "Verify" in card and "Send back" not in card
    before = writes(world.app)
    response = manager.post(
        f"/milestones/{world.first}/return", data={"comment": "x"}, follow_redirects=True
    )
    assert "Only a milestone submitted for verification can be sent back." in response.get_data(
        as_text=True
    )
    assert writes(world.app) == before


def test_a_verification_made_by_mistake_can_be_sent_back(world):
    manager = world.client("manager@alpha.cn")
    manager.post(f"/milestones/{world.first}/verify")
    manager.post(f"/milestones/{world.first}/return", data={"comment": "误操作"})
    m = milestone(world.app, world.first)
    assert m.status == "returned" and m.verified_at is None and m.verified_by_id is None


def test_a_manager_adds_custom_milestones_to_one_enrollment(world):
    manager = world.client("manager@alpha.cn")
    url = f"/enrollments/{world.enrollment_id}/milestones"
    due = (local_today() + timedelta(days=90)).isoformat()
    data = {"title_zh": "申请发明专利", "title_en": "File a patent", "due_on": due, "required": "y"}
    assert manager.post(url, data=data).status_code == 302
    assert manager.post(url, data={"title_zh": "参加路演"}).status_code == 302
    with world.app.app_context():
        custom = db.session.scalars(
            select(Milestone).where(Milestone.custom.is_(True)).order_by(Milestone.id)
        ).all()
        assert [m.key for m in custom] == ["custom-1", "custom-2"]
        assert custom[0].due_on.isoformat() == due and custom[0].required
        assert custom[1].due_on is None and not custom[1].required
        assert custom[0].position > milestone(world.app, world.second).position
        assert {m.enrollment_id for m in custom} == {world.enrollment_id}
        created = db.session.scalars(
            select(MilestoneChange).where(MilestoneChange.action == "created")
        ).all()
        assert {m.id for m in custom} <= {c.milestone_id for c in created}
    assert [e.after["key"] for e in audit(world.app, "milestone.created")] == [
        "custom-1",
        "custom-2",
    ]
    page = manager.get(world.page).get_data(as_text=True)
    assert "File a patent" in page and "Added by the carrier" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title_zh": "", "title_en": "Patent"}, "This field is required."),
        ({"title_zh": "专利", "due_on": "2025-13-40"}, "Enter a date as YYYY-MM-DD."),
        ({"title_zh": "专" * 201}, "Use at most 200 characters."),
    ],
)
def test_a_bad_custom_milestone_is_refused_and_keeps_what_was_typed(world, data, message):
    manager = world.client("manager@alpha.cn")
    before = writes(world.app)
    response = manager.post(f"/enrollments/{world.enrollment_id}/milestones", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    for value in data.values():
        assert f'value="{value}"' in page
    assert writes(world.app) == before


def test_an_ended_enrollment_is_read_only(world):
    with world.app.app_context():
        db.session.get(Enrollment, world.enrollment_id).status = "graduated"
        db.session.commit()
    founder = world.client("founder@alpha.cn")
    page = founder.get(world.page).get_data(as_text=True)
    assert "milestone-update" not in page and "This enrollment has ended" in page
    before = writes(world.app)
    founder.post(f"/milestones/{world.first}/update", data=UPDATE)
    manager = world.client("manager@alpha.cn")
    assert "add-milestone" not in manager.get(world.page).get_data(as_text=True)
    manager.post(f"/milestones/{world.first}/verify")
    manager.post(f"/enrollments/{world.enrollment_id}/milestones", data={"title_zh": "x"})
    assert writes(world.app) == before


# -- the page ---------------------------------------------------------------------------------


def test_overdue_is_flagged_from_the_day_after_the_due_date(world):
    today = local_today()
    due_today, due_yesterday, verified_late = add_milestones(
        world.app, world.enrollment_id, 3, start=10
    )
    with world.app.app_context():
        db.session.get(Milestone, due_today).due_on = today
        db.session.get(Milestone, due_yesterday).due_on = today - timedelta(days=1)
        late = db.session.get(Milestone, verified_late)
        late.due_on, late.status = today - timedelta(days=5), "verified"
        db.session.commit()
    page = world.client("founder@alpha.cn").get(world.page).get_data(as_text=True)
    assert "overdue-flag" not in section(page, due_today)
    assert "overdue-flag" in section(page, due_yesterday)
    assert "overdue-flag" not in section(page, verified_late)


def test_the_page_shows_the_enrollment_and_overall_progress(world):
    world.client("manager@alpha.cn").post(f"/milestones/{world.first}/verify")
    page = world.client("founder@alpha.cn").get(world.page).get_data(as_text=True)
    with world.app.app_context():
        enrollment = db.session.get(Enrollment, world.enrollment_id)
        total = db.session.scalar(
            select(func.count()).where(Milestone.enrollment_id == world.enrollment_id)
        )
        admitted = enrollment.admitted_on.isoformat()
    assert "阿尔法科技有限公司" in page and "alpha carrier" in page and "Incubator" in page
    assert admitted in page
    assert f"1 of {total}" in page
    assert page.index(f'id="milestone-{world.first}"') < page.index(
        f'id="milestone-{world.second}"'
    )


def test_the_stage_plugins_milestones_are_listed(world):
    with world.app.app_context():
        keys = db.session.scalars(
            select(Milestone.key).where(
                Milestone.enrollment_id == world.enrollment_id, ~Milestone.key.startswith("t-")
            )
        ).all()
    page = world.client("founder@alpha.cn").get(world.page).get_data(as_text=True)
    for key in keys:
        assert f'data-key="{key}"' in page


def test_the_page_makes_the_same_number_of_queries_for_few_and_many(world, count_queries):
    manager = world.client("manager@alpha.cn")
    founder = world.client("founder@alpha.cn")
    with count_queries() as few_manager:
        assert manager.get(world.page).status_code == 200
    with count_queries() as few_founder:
        assert founder.get(world.page).status_code == 200
    ids = add_milestones(world.app, world.enrollment_id, 25, start=200)
    for milestone_id in ids[:10]:
        founder.post(f"/milestones/{milestone_id}/update", data=UPDATE)
        manager.post(f"/milestones/{milestone_id}/verify", data={"comment": "ok"})
    with count_queries() as many_manager:
        page = manager.get(world.page).get_data(as_text=True)
    with count_queries() as many_founder:
        assert founder.get(world.page).status_code == 200
    assert page.count("<section") >= 27
    assert (few_manager(), few_founder()) == (many_manager(), many_founder())


def collapse(card: str, milestone_id: int) -> str:
    """The class of the card's folded update form."""
    match = re.search(rf'<div class="([^"]*)" id="update-{milestone_id}">', card)
    assert match, f"milestone {milestone_id} has no update form"
    return match.group(1)


def test_after_saving_the_message_is_in_the_card_and_its_form_open(world):
    client = world.client("founder@alpha.cn")
    response = client.post(f"/milestones/{world.first}/update", data=UPDATE, follow_redirects=True)
    assert response.request.args["focus"] == str(world.first)
    page = response.get_data(as_text=True)
    card = section(page, world.first)
    assert page.count("The milestone has been updated.") == 1
    alert = '<div class="alert alert-success" role="alert">The milestone has been updated.</div>'
    assert alert in card
    assert collapse(card, world.first) == "collapse show"
    assert 'data-bs-target="#update-' + str(world.first) + '"' in card
    assert 'aria-expanded="true"' in card
    other = section(page, world.second)
    assert collapse(other, world.second) == "collapse"
    assert 'aria-expanded="false"' in other and "alert" not in other


def test_a_managers_message_is_in_the_card_too(world):
    manager = world.client("manager@alpha.cn")
    response = manager.post(f"/milestones/{world.first}/verify", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "The milestone has been verified." in section(page, world.first)
    assert page.count("The milestone has been verified.") == 1


def test_without_focus_forms_are_folded_and_messages_at_the_top(world):
    founder = world.client("founder@alpha.cn")
    for url in (world.page, f"{world.page}?focus=999999", f"{world.page}?focus=x"):
        page = founder.get(url).get_data(as_text=True)
        assert "collapse show" not in page.split('id="milestones"', 1)[1], url
        assert collapse(section(page, world.first), world.first) == "collapse"
    with world.app.app_context():
        db.session.get(Enrollment, world.enrollment_id).status = "graduated"
        db.session.commit()
    manager = world.client("manager@alpha.cn")
    url = f"/enrollments/{world.enrollment_id}/milestones"
    response = manager.post(url, data={"title_zh": "专利"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    message = "This enrollment has ended; its milestones can no longer be changed."
    assert message in page.split('id="milestones"', 1)[0]


def review_heading(client, world: World) -> str:
    card = section(client.get(world.page).get_data(as_text=True), world.first)
    return re.search(r"<summary>(.*?)</summary>", card, re.S).group(1).strip()


def test_the_review_heading_names_only_what_can_be_done(world):
    manager = world.client("manager@alpha.cn")
    assert review_heading(manager, world) == "Verify"
    world.client("founder@alpha.cn").post(
        f"/milestones/{world.first}/update", data={**UPDATE, "status": "submitted"}
    )
    assert review_heading(manager, world) == "Verify or send back"
    manager.post(f"/milestones/{world.first}/verify")
    assert review_heading(manager, world) == "Send back"


def test_history_times_are_china_time(world):
    client = world.client("founder@alpha.cn")
    client.post(f"/milestones/{world.first}/update", data=UPDATE)
    with world.app.app_context():
        change = db.session.scalars(
            select(MilestoneChange).where(MilestoneChange.action == "updated")
        ).one()
        change.created_at = datetime(2025, 1, 1, 20, 30, tzinfo=UTC)
        db.session.commit()
    card = section(client.get(world.page).get_data(as_text=True), world.first)
    assert "2025-01-02 04:30" in card and "2025-01-01 20:30" not in card


# -- plugins hear of it --------------------------------------------------------------------


class Recorder:
    def __init__(self):
        self.calls = []

    @hookimpl
    def incuchain_milestone_changed(self, milestone, change, actor):
        # Read while the session is open: the change must already be committed.
        with db.engine.connect() as conn:
            stored = conn.scalar(
                select(func.count())
                .select_from(MilestoneChange)
                .where(MilestoneChange.id == change.id)
            )
        self.calls.append((milestone.id, change.action, change.progress, actor.email, stored))


def test_hook_incuchain_milestone_changed(world):
    recorder = Recorder()
    world.app.extensions["incuchain"].pm.register(recorder)
    world.client("founder@alpha.cn").post(f"/milestones/{world.first}/update", data=UPDATE)
    world.client("manager@alpha.cn").post(f"/milestones/{world.first}/verify")
    assert recorder.calls == [
        (world.first, "updated", 40, "founder@alpha.cn", 1),
        (world.first, "verified", 100, "manager@alpha.cn", 1),
    ]
