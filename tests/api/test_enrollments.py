"""Enrollments, milestones and the graduation check through the API."""

from __future__ import annotations

from sqlalchemy import select

from core.enrollments.models import MilestoneChange
from core.extensions import db
from tests.api.conftest import assert_constant_queries
from tests.conftest import assign_reviewer


def first_milestone(client, enrollment):
    return client.get(f"/enrollments/{enrollment['id']}/milestones").get_json()[0]


def test_founder_and_manager_read_the_enrollment(world, enrollment, founder, reviewer):
    assert enrollment["stage"] == "techtransfer" and enrollment["status"] == "active"
    assert enrollment["tenant"] == "tt"
    assert founder.get(f"/enrollments/{enrollment['id']}").status_code == 200
    # A reviewer not assigned to the startup's applications sees nothing of it.
    assert reviewer.get(f"/enrollments/{enrollment['id']}").status_code == 404
    assert reviewer.get("/enrollments?tenant=tt").status_code == 403
    assign_reviewer(world.app, world.tenant.id, world.startup.id, "reviewer@tt.cn")
    assert reviewer.get(f"/enrollments/{enrollment['id']}").status_code == 200
    assert [e["id"] for e in founder.get("/enrollments").get_json()["items"]] == [enrollment["id"]]
    milestones = founder.get(f"/enrollments/{enrollment['id']}/milestones").get_json()
    assert milestones and all(m["status"] == "open" for m in milestones)


def test_outsiders_get_404(world, enrollment, stranger, other_manager):
    for client in (stranger, other_manager):
        assert client.get(f"/enrollments/{enrollment['id']}").status_code == 404
        assert client.get(f"/enrollments/{enrollment['id']}/milestones").status_code == 404
        assert client.get(f"/enrollments/{enrollment['id']}/graduation").status_code == 404
    assert other_manager.get("/enrollments?tenant=tt").status_code == 404


def test_founder_updates_a_milestone_manager_verifies(world, enrollment, founder, manager):
    milestone = first_milestone(founder, enrollment)
    path = f"/enrollments/{enrollment['id']}/milestones/{milestone['id']}"
    updated = founder.patch(path, json={"progress": 60, "notes": "样机完成"})
    assert updated.status_code == 200
    body = updated.get_json()
    assert body["progress"] == 60 and body["notes"] == "样机完成"
    assert body["status"] == "open"
    assert manager.patch(path, json={"progress": 10}).status_code == 403
    assert founder.post(path + "/verify", json={}).status_code == 403
    verified = manager.post(path + "/verify", json={"comment": "已核实"})
    assert verified.status_code == 200
    assert verified.get_json()["status"] == "verified"
    refused = founder.patch(path, json={"progress": 70})
    assert refused.status_code == 409
    assert refused.get_json()["message"] == (
        "This milestone has been verified and can no longer be changed."
    )
    assert manager.post(path + "/verify").status_code == 409
    with world.app.app_context():
        actions = db.session.scalars(
            select(MilestoneChange.action).where(MilestoneChange.milestone_id == milestone["id"])
        ).all()
        assert sorted(actions) == ["created", "updated", "verified"]


def test_milestone_bad_bodies(world, enrollment, founder):
    milestone = first_milestone(founder, enrollment)
    path = f"/enrollments/{enrollment['id']}/milestones/{milestone['id']}"
    bad = founder.patch(path, json={"progress": 140, "status": "verified"})
    assert bad.status_code == 422
    assert bad.get_json()["errors"] == {
        "progress": ["Enter a whole number from 0 to 100."],
        "status": ["Choose one of the listed statuses."],
    }
    chinese = world.as_("founder@tt.cn", "zh").patch(path, json={"progress": -1})
    assert chinese.get_json()["errors"]["progress"] == ["请输入0至100之间的整数。"]
    assert founder.patch(path, json={"files": []}).status_code == 422
    other = f"/enrollments/{enrollment['id'] + 1}/milestones/{milestone['id']}"
    assert founder.patch(other, json={"progress": 1}).status_code == 404


def test_graduation_check(world, founder, manager, reviewer):
    incubated = world.factory.enrollment(world.tenant, world.startup, "incubator")
    path = f"/enrollments/{incubated.id}/graduation"
    check = manager.get(path)
    assert check.status_code == 200
    body = check.get_json()
    assert body["enrollment_id"] == incubated.id
    assert body["eligible"] is False
    assert any(not rule["passed"] and rule["detail_en"] for rule in body["checklist"])
    assert founder.get(path).get_json() == body
    assert reviewer.get(path).status_code == 404  # not assigned


def test_carrier_list_and_filters(world, enrollment, manager, founder):
    listed = manager.get("/enrollments?tenant=tt&status=active&stage=techtransfer").get_json()
    assert [e["id"] for e in listed["items"]] == [enrollment["id"]]
    assert manager.get("/enrollments?tenant=tt&status=graduated").get_json()["total"] == 0
    assert manager.get("/enrollments?tenant=tt&stage=accelerator").status_code == 422
    assert founder.get("/enrollments?tenant=tt").status_code == 403


def test_list_queries_do_not_grow_with_rows(world, manager, count_queries):
    assert_constant_queries(count_queries, manager, "/enrollments?tenant=tt", world.enrol_startups)
