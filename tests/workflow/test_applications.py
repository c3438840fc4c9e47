"""Applying to a stage: drafts, the intake rules on submission, read-only afterwards."""

from __future__ import annotations

from sqlalchemy import func, select

from core.applications.models import Application
from core.audit.models import AuditEvent
from core.extensions import db
from core.notifications.models import Notification
from core.tenancy.models import Membership, Role
from tests.workflow.conftest import GOOD_ANSWERS, STAGE

URL = f"/t/tt/apply/{STAGE}"


def applications(app) -> list[Application]:
    with app.app_context():
        return db.session.scalars(select(Application)).all()


def test_anonymous_visitors_log_in_or_sign_up_on_the_way(carrier):
    client = carrier.app.test_client()
    response = client.get(URL)
    assert response.headers["Location"] == f"/login?next=%2Ft%2Ftt%2Fapply%2F{STAGE}"
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'href="/signup?next=/t/tt/apply/{STAGE}"' in login_page


def test_a_founder_without_a_startup_describes_it_first(carrier):
    carrier.factory.user("new@tt.cn")
    client = carrier.client_for("new@tt.cn")
    response = client.get(URL)
    assert response.headers["Location"] == f"/startups/new?next=%2Ft%2Ftt%2Fapply%2F{STAGE}"


def test_only_stages_the_carrier_runs_accept_applications(carrier, founder):
    assert founder.get("/t/tt/apply/accelerator").status_code == 404
    assert founder.get("/t/nowhere/apply/incubator").status_code == 404
    assert founder.get("/t/tt/apply/moonshot").status_code == 404


def test_the_form_comes_from_the_stage_plugin(founder):
    page = founder.get(URL).get_data(as_text=True)
    assert 'name="summary"' in page and 'name="members"' in page
    assert "Save draft" in page and "Submit application" in page


def test_a_draft_keeps_what_was_typed(carrier, founder):
    response = founder.post(URL, data={"summary": "想法", "members": "abc", "action": "draft"})
    assert response.status_code == 302
    (draft,) = applications(carrier.app)
    assert draft.status == "draft" and draft.answers["members"] == ["abc"]
    page = founder.get(URL).get_data(as_text=True)
    assert "想法" in page and 'value="abc"' in page


def test_bad_answers_on_submit_write_nothing_and_keep_the_typed_values(carrier, founder):
    response = founder.post(URL, data={"summary": "", "members": "500", "action": "submit"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This field is required." in page
    assert "Number must be between 1 and 100." in page
    assert 'value="500"' in page
    assert applications(carrier.app) == []


def test_a_failing_hard_rule_blocks_with_reason_and_clause(carrier, founder):
    response = founder.post(URL, data={**GOOD_ANSWERS, "members": "1", "action": "submit"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "1 team members, at least 2 needed" in page and "测试规则 第1条" in page
    (draft,) = applications(carrier.app)
    assert draft.status == "draft"
    with carrier.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Membership)) == 3


def test_submission_warns_on_soft_rules_and_tells_the_managers(carrier, founder):
    response = founder.post(URL, data={**GOOD_ANSWERS, "action": "submit"})
    assert response.status_code == 302
    page = founder.get(response.headers["Location"]).get_data(as_text=True)
    assert "Under review" in page
    assert "No valid credit code yet" in page and "Warning" in page
    assert "3 team members, at least 2 needed" in page
    (application,) = applications(carrier.app)
    assert application.status == "submitted" and application.submitted_at is not None
    with carrier.app.app_context():
        assert (
            db.session.scalar(select(Membership).where(Membership.role == Role.FOUNDER)).user.email
            == "founder@tt.cn"
        )
        (note,) = db.session.scalars(select(Notification)).all()
        assert note.kind == "application.submitted" and note.user.email == "manager@tt.cn"
        assert "application.submitted" in db.session.scalars(select(AuditEvent.action)).all()


def test_a_submitted_application_is_read_only(carrier, founder, submitted):
    assert founder.get(URL).headers["Location"] == f"/applications/{submitted}"
    founder.post(URL, data={"summary": "changed", "members": "9", "action": "submit"})
    (application,) = applications(carrier.app)
    assert application.answers["summary"] == [GOOD_ANSWERS["summary"]]


def test_a_tuned_setting_changes_the_outcome(carrier, founder, manager):
    data = {"min_members": "5", "time_limit_months": "12"}
    assert manager.post(f"/t/tt/settings/{STAGE}", data=data).status_code == 302
    page = founder.post(URL, data={**GOOD_ANSWERS, "action": "submit"}).get_data(as_text=True)
    assert "3 team members, at least 5 needed" in page


def test_another_founder_cannot_see_the_application(carrier, submitted):
    carrier.factory.startup("别家公司", founders=("other@tt.cn",))
    other = carrier.client_for("other@tt.cn")
    assert other.get(f"/applications/{submitted}").status_code == 404
    assert "转化科技" not in other.get("/applications").get_data(as_text=True)


def test_my_applications_lists_drafts_and_submissions(founder, submitted):
    page = founder.get("/applications").get_data(as_text=True)
    assert "转化科技有限公司" in page and "Under review" in page


def test_a_failing_rule_about_an_answer_is_shown_next_to_that_question(carrier, founder):
    page = founder.post(URL, data={**GOOD_ANSWERS, "members": "1", "action": "submit"}).get_data(
        as_text=True
    )
    members_field = page.index('name="members"')
    message = page.index("1 team members, at least 2 needed", members_field)
    assert page.rfind("invalid-feedback", members_field, message) != -1


def test_a_startup_already_enrolled_here_cannot_apply_again(carrier, founder):
    carrier.factory.enrollment(carrier.tenant, carrier.startup, STAGE)
    response = founder.get(URL)
    assert response.headers["Location"] == f"/startups/{carrier.startup.id}"
    founder.post(URL, data={**GOOD_ANSWERS, "action": "submit"})
    assert applications(carrier.app) == []
