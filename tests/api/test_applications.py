"""Applying, reviewing and deciding through the API."""

from __future__ import annotations

from sqlalchemy import select

from core.applications.models import Application, Review
from core.extensions import db
from core.tenancy.models import Role
from tests.api.conftest import GOOD_ANSWERS, STAGE, assert_constant_queries


def apply(client, startup_id, **overrides):
    body = {"startup_id": startup_id, "tenant": "tt", "stage": STAGE, "answers": GOOD_ANSWERS}
    return client.post("/applications", json={**body, **overrides})


def assign(world, application_id, email="reviewer@tt.cn"):
    from core.auth import operations as accounts

    with world.app.app_context():
        reviewer = accounts.find_user(email)
        db.session.add(Review(application_id=application_id, reviewer_id=reviewer.id))
        db.session.commit()


def test_founder_applies_and_reads_the_application(world, founder, application):
    assert application["status"] == "submitted"
    assert application["tenant"] == "tt" and application["reviews"] == []
    assert application["answers"]["members"] == ["3"]
    assert founder.get(f"/applications/{application['id']}").get_json()["status"] == "submitted"
    listed = founder.get("/applications").get_json()
    assert [a["id"] for a in listed["items"]] == [application["id"]]
    again = apply(founder, world.startup.id)
    assert again.status_code == 409
    assert again.get_json()["message"] == (
        "This startup already has an application to this stage here."
    )


def test_intake_form_errors_are_per_answer(world, founder):
    response = apply(founder, world.startup.id, answers={"summary": "", "members": "many"})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert errors["answers.summary"] == ["This field is required."]
    assert "answers.members" in errors
    not_an_object = apply(founder, world.startup.id, answers=["members", 3])
    assert not_an_object.get_json()["errors"] == {
        "answers": ["Send the answers as an object of field names and values."]
    }
    with world.app.app_context():
        assert db.session.scalar(select(Application)) is None


def test_a_blocking_intake_rule_keeps_a_draft_and_explains(world, founder):
    response = apply(founder, world.startup.id, answers={**GOOD_ANSWERS, "members": 1})
    assert response.status_code == 422
    body = response.get_json()
    assert body["errors"]["answers.members"] == ["1 team members, at least 2 needed"]
    with world.app.app_context():
        assert db.session.scalar(select(Application.status)) == "draft"


def test_draft_then_submit(world, founder):
    draft = apply(founder, world.startup.id, answers={"summary": "草稿"}, draft=True)
    assert draft.status_code == 201 and draft.get_json()["status"] == "draft"
    submitted = apply(founder, world.startup.id)
    assert submitted.get_json()["id"] == draft.get_json()["id"]
    assert submitted.get_json()["status"] == "submitted"


def test_applying_needs_an_own_startup_and_an_open_stage(world, founder, stranger):
    assert apply(stranger, world.startup.id).status_code == 404
    assert apply(founder, world.startup.id, stage="accelerator").status_code == 404
    assert apply(founder, world.startup.id, tenant="nowhere").status_code == 404
    assert apply(founder, 2**40).status_code == 404
    assert apply(founder, "abc").status_code == 404
    unknown = apply(founder, world.startup.id, carrier="tt")
    assert unknown.get_json()["errors"] == {"carrier": ["Unknown field."]}
    missing = founder.post("/applications", json={"answers": {}})
    assert missing.status_code == 422
    assert set(missing.get_json()["errors"]) == {"startup_id", "tenant", "stage"}


def test_reviewer_scores_manager_decides(world, application, manager, reviewer, founder):
    app_id = application["id"]
    assert reviewer.get(f"/applications/{app_id}").status_code == 404  # not assigned yet
    assign(world, app_id)
    bad = reviewer.post(
        f"/applications/{app_id}/reviews", json={"scores": {"tech": 11}}
    )  # nor a declaration
    assert bad.status_code == 422
    assert bad.get_json()["errors"] == {
        "scores.tech": ["Give a score from 0 to 10."],
        "scores.team": ["Give a score from 0 to 10."],
        "no_conflict": ["Declare that you have no conflict of interest, or abstain."],
    }
    body = {"scores": {"tech": 8, "team": 6}, "comment": "好", "no_conflict": True}
    scored = reviewer.post(f"/applications/{app_id}/reviews", json=body)
    assert scored.status_code == 200
    assert scored.get_json()["reviews"][0]["total"] == 72.0
    assert (
        reviewer.post(f"/applications/{app_id}/decision", json={"decision": "admit"}).status_code
        == 403
    )
    assert manager.get("/applications?tenant=tt").get_json()["total"] == 1
    assert manager.get("/applications?tenant=tt&status=admitted").get_json()["total"] == 0
    invalid = manager.post(f"/applications/{app_id}/decision", json={"decision": "maybe"})
    assert invalid.status_code == 422
    assert set(invalid.get_json()["errors"]) == {"decision", "reason", "admitted_on"}
    decided = manager.post(
        f"/applications/{app_id}/decision",
        json={"decision": "admit", "reason": "好项目", "admitted_on": "2026-01-05"},
    )
    assert decided.status_code == 200
    assert decided.get_json()["status"] == "admitted"
    assert decided.get_json()["enrollment_id"]
    again = manager.post(
        f"/applications/{app_id}/decision",
        json={"decision": "reject", "reason": "x", "admitted_on": "2026-01-05"},
    )
    assert again.status_code == 409
    # The founder sees the decision but not the reviews.
    seen = founder.get(f"/applications/{app_id}").get_json()
    assert seen["decision_reason"] == "好项目" and seen["reviews"] == []


def test_unassigned_staff_cannot_score(world, application, manager):
    response = manager.post(
        f"/applications/{application['id']}/reviews",
        json={"scores": {"tech": 1, "team": 1}, "no_conflict": True},
    )
    assert response.status_code == 403


def test_another_carriers_manager_gets_404(world, application, other_manager):
    assert other_manager.get(f"/applications/{application['id']}").status_code == 404
    decision = other_manager.post(
        f"/applications/{application['id']}/decision",
        json={"decision": "admit", "reason": "x", "admitted_on": "2026-01-05"},
    )
    assert decision.status_code == 404
    assert other_manager.get("/applications?tenant=other").get_json()["total"] == 0
    assert other_manager.get("/applications?tenant=tt").status_code == 404


def test_list_queries_do_not_grow_with_rows(world, manager, count_queries):
    def applied(count, first):
        for i in range(first, first + count):
            email = f"f{i}@x.cn"
            startup = world.factory.startup(f"企业{i}", founders=(email,))
            assert apply(world.as_(email), startup.id).status_code == 201

    assert_constant_queries(count_queries, manager, "/applications?tenant=tt", applied)


def test_a_reviewer_reads_the_other_reviews_only_after_scoring(world, application, reviewer):
    world.factory.member(world.tenant, "second@tt.cn", Role.REVIEWER, "Second Reviewer")
    app_id = application["id"]
    assign(world, app_id)
    assign(world, app_id, "second@tt.cn")
    second = world.as_("second@tt.cn")
    body = {"scores": {"tech": 8, "team": 6}, "comment": "专利扎实", "no_conflict": True}
    assert second.post(f"/applications/{app_id}/reviews", json=body).status_code == 200
    seen = reviewer.get(f"/applications/{app_id}").get_json()["reviews"]
    assert [r["comment"] for r in seen] == [""] and all(r["total"] is None for r in seen)
    listed = reviewer.get("/applications?tenant=tt").get_json()["items"][0]["reviews"]
    assert "专利扎实" not in str(listed)
    own = {"scores": {"tech": 5, "team": 5}, "no_conflict": True}
    scored = reviewer.post(f"/applications/{app_id}/reviews", json=own)
    assert "专利扎实" in str(scored.get_json()["reviews"])
    assert "专利扎实" in str(reviewer.get(f"/applications/{app_id}").get_json()["reviews"])


def test_a_reviewer_abstains_through_the_api(world, application, reviewer, manager):
    app_id = application["id"]
    assign(world, app_id)
    response = reviewer.post(f"/applications/{app_id}/abstention", json={"reason": "曾任顾问"})
    assert response.status_code == 200
    mine = response.get_json()["reviews"][0]
    assert mine["abstained_at"] and mine["abstention_reason"] == "曾任顾问"
    late = {"scores": {"tech": 5, "team": 5}, "no_conflict": True}
    refused = reviewer.post(f"/applications/{app_id}/reviews", json=late)
    assert refused.status_code == 409
    assert "abstained" in refused.get_data(as_text=True)
    seen = manager.get(f"/applications/{app_id}").get_json()["reviews"]
    assert seen[0]["abstention_reason"] == "曾任顾问" and seen[0]["total"] is None


def test_a_founder_withdraws_through_the_api(world, application, founder, manager):
    url = f"/applications/{application['id']}/withdrawal"
    assert manager.post(url, json={}).status_code == 403
    unknown = founder.post(url, json={"why": "x"})
    assert unknown.get_json()["errors"] == {"why": ["Unknown field."]}
    response = founder.post(url, json={"reason": "另选载体"})
    assert response.status_code == 200
    assert response.get_json()["status"] == "withdrawn"
    assert response.get_json()["decision_reason"] == "另选载体"
    again = founder.post(url, json={})
    assert again.status_code == 409
    assert again.get_json()["message"] == "Only an application under review can be withdrawn."
    assert manager.get(f"/applications/{application['id']}").get_json()["status"] == "withdrawn"
