"""Blind review: a reviewer sees the others' scores only after giving their own."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from core.applications.models import Application, Review
from core.audit.models import AuditEvent
from core.extensions import db
from core.tenancy.models import Tenant
from core.timeutil import utcnow
from tests.workflow.conftest import STAGE
from tests.workflow.test_review import SCORES_R1, SCORES_R2, assign, user_id


@pytest.fixture
def assigned(carrier, manager, submitted):
    assert assign(manager, carrier, submitted, "r1@tt.cn", "r2@tt.cn").status_code == 302
    return submitted


def give(carrier, email, application_id, scores):
    response = carrier.client_for(email).post(
        f"/t/tt/applications/{application_id}/score", data=scores
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def page_of(carrier, email, application_id):
    return (
        carrier.client_for(email).get(f"/t/tt/applications/{application_id}").get_data(as_text=True)
    )


def hide_until_decision(carrier):
    with carrier.app.app_context():
        db.session.get(Tenant, carrier.tenant.id).reviews_hidden_until_decision = True
        db.session.commit()


def test_a_reviewer_sees_the_others_scores_only_after_giving_their_own(carrier, assigned):
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    before = page_of(carrier, "r2@tt.cn", assigned)
    assert "Strong patents" not in before and "72.00" not in before
    assert "Reviewer One" not in before
    assert "shown once you have given your own" in before
    give(carrier, "r2@tt.cn", assigned, SCORES_R2)
    after = page_of(carrier, "r2@tt.cn", assigned)
    assert "Strong patents" in after and "72.00" in after and "Great team" in after
    assert "71.00" in after  # the mean of both


def test_the_manager_always_sees_every_review(carrier, manager, assigned):
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    page = manager.get(f"/t/tt/applications/{assigned}").get_data(as_text=True)
    assert "Strong patents" in page and "72.00" in page


def test_a_carrier_keeps_the_scores_hidden_until_the_decision(carrier, manager, assigned):
    hide_until_decision(carrier)
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    give(carrier, "r2@tt.cn", assigned, SCORES_R2)
    page = page_of(carrier, "r2@tt.cn", assigned)
    assert "Strong patents" not in page and "72.00" not in page
    assert "Great team" in page  # their own
    assert "shown once the application is decided" in page
    assert "Strong patents" in manager.get(f"/t/tt/applications/{assigned}").get_data(as_text=True)
    response = manager.post(
        f"/t/tt/applications/{assigned}/decision",
        data={"decision": "reject", "admitted_on": "2026-01-31", "reason": "技术不成熟"},
    )
    assert response.status_code == 302
    decided = page_of(carrier, "r2@tt.cn", assigned)
    assert "Strong patents" in decided and "72.00" in decided


def test_the_manager_sets_it_on_the_carrier_profile(carrier, manager):
    form = manager.get("/t/tt/profile").get_data(as_text=True)
    assert "Keep reviewers&#39; scores hidden from each other until the decision" in form or (
        "Keep reviewers' scores hidden from each other until the decision" in form
    )
    response = manager.post(
        "/t/tt/profile",
        data={
            "name_zh": carrier.tenant.name_zh,
            "name_en": carrier.tenant.name_en or "TT",
            "reviews_hidden_until_decision": "y",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    with carrier.app.app_context():
        assert db.session.get(Tenant, carrier.tenant.id).reviews_hidden_until_decision
    assert "checked" in manager.get("/t/tt/profile").get_data(as_text=True)


# -- conflict of interest -------------------------------------------------------------


def test_scores_need_the_declaration_of_no_conflict(carrier, assigned):
    r1 = carrier.client_for("r1@tt.cn")
    form = r1.get(f"/t/tt/applications/{assigned}").get_data(as_text=True)
    assert "I have no conflict of interest with this startup or its founders." in form
    undeclared = {k: v for k, v in SCORES_R1.items() if k != "no_conflict"}
    page = r1.post(f"/t/tt/applications/{assigned}/score", data=undeclared).get_data(as_text=True)
    assert "Declare that you have no conflict of interest, or abstain." in page
    r1_review = select(Review).where(Review.reviewer_id == user_id(carrier.app, "r1@tt.cn"))
    with carrier.app.app_context():
        assert db.session.scalar(r1_review).total is None
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    with carrier.app.app_context():
        assert db.session.scalar(r1_review).no_conflict_declared_at is not None
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert actions.count("application.no_conflict_declared") == 1


def test_a_reviewer_abstains_and_the_manager_sees_each_declaration(carrier, manager, assigned):
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    r2 = carrier.client_for("r2@tt.cn")
    response = r2.post(
        f"/t/tt/applications/{assigned}/abstain",
        data={"reason": "曾任该企业顾问"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "You have abstained from reviewing this application." in page
    assert 'id="score-form"' not in page and 'id="abstain-form"' not in page
    late = r2.post(f"/t/tt/applications/{assigned}/score", data=SCORES_R2, follow_redirects=True)
    assert "You have abstained from reviewing this application." in late.get_data(as_text=True)
    with carrier.app.app_context():
        assert db.session.scalar(select(Review.total).where(Review.comment == "Great team")) is None
        assert "application.abstained" in db.session.scalars(select(AuditEvent.action)).all()
    declarations = manager.get(f"/t/tt/applications/{assigned}").get_data(as_text=True)
    declarations = declarations.split('id="declarations"', 1)[1].split("</ul>", 1)[0]
    assert "Reviewer One" in declarations and "Declared no conflict of interest" in declarations
    assert "Reviewer Two" in declarations and "Abstained" in declarations
    assert "曾任该企业顾问" in declarations


def test_no_abstaining_after_scoring(carrier, assigned):
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    r1 = carrier.client_for("r1@tt.cn")
    page = r1.get(f"/t/tt/applications/{assigned}").get_data(as_text=True)
    assert 'id="abstain-form"' not in page
    refused = r1.post(f"/t/tt/applications/{assigned}/abstain", data={}, follow_redirects=True)
    assert "you can no longer abstain" in refused.get_data(as_text=True)


def test_an_abstention_is_kept_when_the_reviewer_is_unassigned(carrier, manager, assigned):
    carrier.client_for("r2@tt.cn").post(f"/t/tt/applications/{assigned}/abstain", data={})
    assign(manager, carrier, assigned, "r1@tt.cn")
    with carrier.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Review)) == 2


# -- what awaits a reviewer -----------------------------------------------------------


def awaiting(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return (
        page.split('id="awaiting-review"', 1)[1].split("</ul>", 1)[0]
        if ('id="awaiting-review"' in page)
        else ""
    )


def test_a_reviewers_home_lists_what_awaits_their_score(carrier, manager, assigned):
    r1, r2 = carrier.client_for("r1@tt.cn"), carrier.client_for("r2@tt.cn")
    listed = awaiting(r1)
    assert "转化科技有限公司" in listed
    assert f'href="/t/tt/applications/{assigned}"' in listed
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    assert awaiting(r1) == ""
    r2.post(f"/t/tt/applications/{assigned}/abstain", data={})
    assert awaiting(r2) == ""


def test_a_decided_application_no_longer_awaits(carrier, manager, assigned):
    manager.post(
        f"/t/tt/applications/{assigned}/decision",
        data={"decision": "reject", "admitted_on": "2026-01-31", "reason": "技术不成熟"},
    )
    assert awaiting(carrier.client_for("r1@tt.cn")) == ""


def test_the_list_costs_the_same_queries_for_one_application_or_several(carrier, manager, assigned):
    r1 = carrier.client_for("r1@tt.cn")

    def statements() -> tuple[int, str]:
        seen: list[str] = []
        with carrier.app.app_context():
            engine = db.engine
        listen = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listen)
        try:
            page = r1.get("/").get_data(as_text=True)
        finally:
            event.remove(engine, "before_cursor_execute", listen)
        return len(seen), page

    one, _page = statements()
    for number in range(3):
        startup = carrier.factory.startup(
            f"第{number}号科技有限公司", founders=(f"f{number}@tt.cn",)
        )
        with carrier.app.app_context():
            application = Application(
                startup_id=startup.id,
                tenant_id=carrier.tenant.id,
                stage=STAGE,
                status="submitted",
                submitted_at=utcnow(),
            )
            db.session.add(application)
            db.session.flush()
            db.session.add(
                Review(application_id=application.id, reviewer_id=user_id(carrier.app, "r1@tt.cn"))
            )
            db.session.commit()
    several, page = statements()
    assert page.count("科技有限公司</a>") == 4
    assert several == one


def test_the_applications_list_tells_a_reviewer_only_of_their_own_review(
    carrier, manager, assigned
):
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    listed = carrier.client_for("r2@tt.cn").get("/t/tt/applications").get_data(as_text=True)
    assert "1 / 2" not in listed and "Awaiting your score" in listed
    listed = carrier.client_for("r1@tt.cn").get("/t/tt/applications").get_data(as_text=True)
    assert "1 / 2" not in listed and "Scored" in listed
    assert "1 / 2" in manager.get("/t/tt/applications").get_data(as_text=True)
