"""Review: assignment, scores on the stage's rubric, the decision and admission."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from core import timeutil
from core.applications.models import Application, Review
from core.audit.models import AuditEvent
from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.notifications.models import Notification
from core.tenancy.models import Membership, Role
from tests.workflow.conftest import STAGE


def user_id(app, email):
    from core.auth.models import User

    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def assign(manager, carrier, application_id, *emails):
    ids = [user_id(carrier.app, e) for e in emails]
    return manager.post(f"/t/tt/applications/{application_id}/reviewers", data={"reviewers": ids})


SCORES_R1 = {"score_tech": "8", "score_team": "6", "comment": "Strong patents", "no_conflict": "y"}
SCORES_R2 = {"score_tech": "5", "score_team": "10", "comment": "Great team", "no_conflict": "y"}


@pytest.fixture
def scored(carrier, manager, submitted):
    assert assign(manager, carrier, submitted, "r1@tt.cn", "r2@tt.cn").status_code == 302
    for email, scores in (("r1@tt.cn", SCORES_R1), ("r2@tt.cn", SCORES_R2)):
        reviewer = carrier.client_for(email)
        response = reviewer.post(f"/t/tt/applications/{submitted}/score", data=scores)
        assert response.status_code == 302
    return submitted


def test_manager_sees_submitted_applications_and_assigns_reviewers(carrier, manager, submitted):
    assert "转化科技有限公司" in manager.get("/t/tt/applications").get_data(as_text=True)
    assert assign(manager, carrier, submitted, "r1@tt.cn", "r2@tt.cn").status_code == 302
    with carrier.app.app_context():
        reviewers = db.session.scalars(select(Review.reviewer_id)).all()
        assert len(reviewers) == 2
        kinds = db.session.scalars(select(Notification.kind)).all()
        assert kinds.count("review.assigned") == 2
        assert (
            "application.reviewers_assigned" in db.session.scalars(select(AuditEvent.action)).all()
        )


def test_only_the_carriers_reviewers_can_be_assigned(carrier, manager, submitted):
    outsider = carrier.factory.user("outsider@tt.cn")
    response = manager.post(
        f"/t/tt/applications/{submitted}/reviewers", data={"reviewers": [outsider.id]}
    )
    assert "is not a valid choice" in response.get_data(as_text=True)
    with carrier.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Review)) == 0


def test_a_reviewer_sees_only_assigned_applications(carrier, manager, submitted):
    r2 = carrier.client_for("r2@tt.cn")
    assert r2.get(f"/t/tt/applications/{submitted}").status_code == 404
    assert "转化科技" not in r2.get("/t/tt/applications").get_data(as_text=True)
    assign(manager, carrier, submitted, "r1@tt.cn")
    assert r2.post(f"/t/tt/applications/{submitted}/score", data=SCORES_R1).status_code == 404
    r1 = carrier.client_for("r1@tt.cn")
    assert r1.get(f"/t/tt/applications/{submitted}").status_code == 200
    assert r1.post(f"/t/tt/applications/{submitted}/decision", data={}).status_code == 403


@pytest.mark.parametrize(
    "scores",
    [
        {"score_tech": "11", "score_team": "5"},
        {"score_tech": "", "score_team": "5"},
        {"score_tech": "seven", "score_team": "5"},
    ],
)
def test_bad_scores_are_refused_and_nothing_is_written(carrier, manager, submitted, scores):
    assign(manager, carrier, submitted, "r1@tt.cn")
    r1 = carrier.client_for("r1@tt.cn")
    page = r1.post(f"/t/tt/applications/{submitted}/score", data=scores).get_data(as_text=True)
    assert "Give a score from 0 to 10." in page or "Not a valid integer value." in page
    assert 'value="5"' in page
    with carrier.app.app_context():
        assert db.session.scalar(select(Review.total)) is None


def test_manager_sees_each_score_the_mean_and_the_spread(carrier, manager, scored):
    page = manager.get(f"/t/tt/applications/{scored}").get_data(as_text=True)
    # Weighted totals: (8×60 + 6×40)/100×10 = 72.00; (5×60 + 10×40)/100×10 = 70.00
    assert "72.00" in page and "70.00" in page
    assert "71.00" in page  # mean
    assert "2.00" in page  # highest − lowest
    assert "1.00" in page  # population standard deviation
    assert "Strong patents" in page and "Great team" in page


def test_a_decision_needs_a_reason(carrier, manager, scored):
    page = manager.post(
        f"/t/tt/applications/{scored}/decision",
        data={"decision": "admit", "admitted_on": "2026-01-15", "reason": ""},
    ).get_data(as_text=True)
    assert "This field is required." in page
    with carrier.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 0


def test_admission_enrolls_with_time_limit_and_milestones_and_tells_the_founder(
    carrier, manager, founder, scored
):
    response = manager.post(
        f"/t/tt/applications/{scored}/decision",
        data={"decision": "admit", "admitted_on": "2026-01-31", "reason": "评审平均分71分"},
    )
    assert response.status_code == 302
    with carrier.app.app_context():
        enrollment = db.session.scalars(select(Enrollment)).one()
        assert enrollment.stage == STAGE and enrollment.admitted_on == date(2026, 1, 31)
        assert enrollment.time_limit_months == 12 and enrollment.due_on == date(2027, 1, 31)
        milestones = db.session.scalars(select(Milestone).order_by(Milestone.position)).all()
        assert [(m.key, m.due_on) for m in milestones] == [
            ("licence", date(2026, 4, 30)),
            ("prototype", date(2026, 10, 31)),
        ]
        assert db.session.get(Application, scored).status == "admitted"
    page = founder.get("/notifications").get_data(as_text=True)
    assert "has been admitted" in page and "评审平均分71分" in page
    assert (
        founder.get(f"/applications/{scored}").get_data(as_text=True).count("评审平均分71分") == 1
    )


def test_rejection_tells_the_founder_why(carrier, manager, founder, scored):
    manager.post(
        f"/t/tt/applications/{scored}/decision",
        data={"decision": "reject", "admitted_on": "2026-01-31", "reason": "技术不成熟"},
    )
    assert 'id="unread-count">1<' in founder.get("/").get_data(as_text=True)
    page = founder.get("/notifications").get_data(as_text=True)
    assert "was not accepted" in page and "技术不成熟" in page
    # Seen now: no longer counted, on this page or the next.
    assert 'id="unread-count"' not in page
    assert 'id="unread-count"' not in founder.get("/").get_data(as_text=True)
    with carrier.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 0


def test_an_application_is_decided_only_once(carrier, manager, scored):
    data = {"decision": "admit", "admitted_on": "2026-01-31", "reason": "ok"}
    manager.post(f"/t/tt/applications/{scored}/decision", data=data)
    again = manager.post(f"/t/tt/applications/{scored}/decision", data=data, follow_redirects=True)
    assert "already been decided" in again.get_data(as_text=True)
    late = carrier.client_for("r1@tt.cn").post(
        f"/t/tt/applications/{scored}/score", data=SCORES_R2, follow_redirects=True
    )
    assert "already been decided" in late.get_data(as_text=True)
    with carrier.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 1


def test_another_carriers_manager_gets_404(carrier, submitted):
    other = carrier.factory.tenant("other", stages=(STAGE,))
    carrier.factory.member(other, "boss@other.cn", Role.MANAGER)
    boss = carrier.client_for("boss@other.cn")
    assert boss.get(f"/t/tt/applications/{submitted}").status_code == 404
    assert boss.get(f"/t/other/applications/{submitted}").status_code == 404


def test_hook_incuchain_application_decided(carrier, manager, scored):
    seen = []

    class Listener:
        from core.plugin_api import hookimpl

        @hookimpl
        def incuchain_application_decided(self, application, actor):
            seen.append((application.id, application.status, actor.email))

    carrier.app.extensions["incuchain"].pm.register(Listener())
    manager.post(
        f"/t/tt/applications/{scored}/decision",
        data={"decision": "reject", "admitted_on": "2026-01-31", "reason": "no"},
    )
    assert seen == [(scored, "rejected", "manager@tt.cn")]


def test_the_application_list_makes_the_same_number_of_queries_for_few_and_many(
    carrier, manager, submitted, count_queries
):
    with count_queries() as few:
        manager.get("/t/tt/applications")
    for i in range(12):
        startup = carrier.factory.startup(f"批量企业{i}", founders=(f"f{i}@tt.cn",))
        client = carrier.client_for(f"f{i}@tt.cn")
        client.post(
            f"/t/tt/apply/{STAGE}?startup={startup.id}",
            data={"summary": "x", "members": "3", "action": "submit"},
        )
    with count_queries() as many:
        page = manager.get("/t/tt/applications").get_data(as_text=True)
    assert page.count("批量企业") == 12
    assert few() == many()


def test_a_founder_membership_is_created_once(carrier, founder, submitted):
    with carrier.app.app_context():
        founders = db.session.scalars(
            select(Membership).where(Membership.role == Role.FOUNDER)
        ).all()
    assert len(founders) == 1


LATE_UTC = datetime(2026, 11, 25, 17, 30, tzinfo=UTC)  # 01:30 on 26 November in China


def test_the_submission_date_is_chinas_date(carrier, manager, submitted):
    with carrier.app.app_context():
        db.session.get(Application, submitted).submitted_at = LATE_UTC
        db.session.commit()
    listed = manager.get("/t/tt/applications").get_data(as_text=True)
    assert '<td class="text-nowrap">2026-11-26</td>' in listed
    detail = manager.get(f"/t/tt/applications/{submitted}").get_data(as_text=True)
    assert re.search(r"Submitted</dt>\s*<dd[^>]*>2026-11-26</dd>", detail)
    assert "2026-11-25" not in detail


def test_the_admission_date_defaults_to_chinas_today(carrier, manager, submitted, monkeypatch):
    class LateEvening(datetime):
        @classmethod
        def now(cls, tz=None):
            return LATE_UTC.astimezone(tz) if tz else LATE_UTC.replace(tzinfo=None)

    monkeypatch.setattr(timeutil, "datetime", LateEvening)
    page = manager.get(f"/t/tt/applications/{submitted}").get_data(as_text=True)
    assert re.search(r'name="admitted_on"[^>]*value="2026-11-26"', page)
