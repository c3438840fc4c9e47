"""Startups and their records through the API: same rules and messages as the pages."""

from __future__ import annotations

from sqlalchemy import select

from core.audit.models import AuditEvent
from core.extensions import db
from core.registry.models import AnnualFigures, Startup
from tests.api.conftest import VALID_CODE, assert_constant_queries
from tests.conftest import assign_reviewer

PROFILE = {"name_zh": "新材料有限公司", "kind": "team", "tech_field": "new_materials"}


def test_founder_creates_reads_updates_and_lists_a_startup(world, founder):
    created = founder.post("/startups", json=PROFILE)
    assert created.status_code == 201
    body = created.get_json()
    assert body["name_zh"] == "新材料有限公司" and body["credit_code"] is None
    startup_id = body["id"]
    changed = founder.patch(f"/startups/{startup_id}", json={"name_en": "New Materials"})
    assert changed.status_code == 200
    assert changed.get_json()["name_en"] == "New Materials"
    assert changed.get_json()["name_zh"] == "新材料有限公司"
    listed = founder.get("/startups").get_json()
    assert {s["id"] for s in listed["items"]} == {startup_id, world.startup.id}
    assert listed["total"] == 2 and listed["page"] == 1
    with world.app.app_context():
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert {"startup.created", "startup.updated"} <= set(actions)


def test_validation_errors_are_422_per_field_in_the_callers_language(world):
    body = {**PROFILE, "name_zh": "", "kind": "company", "founded_on": "2099-01-01"}
    english = world.as_("founder@tt.cn", "en").post("/startups", json=body)
    assert english.status_code == 422
    errors = english.get_json()["errors"]
    assert errors["name_zh"] == ["This field is required."]
    assert errors["founded_on"] == ["The date cannot be in the future."]
    assert errors["credit_code"] == ["A registered company needs its credit code."]
    chinese = world.as_("founder@tt.cn", "zh-CN,zh;q=0.9").post("/startups", json=body)
    assert chinese.status_code == 422
    assert chinese.get_json()["errors"]["founded_on"] == ["日期不能晚于今天。"]
    with world.app.app_context():
        assert db.session.scalar(select(Startup).where(Startup.name_zh == "")) is None


def test_bad_bodies(world, founder):
    unknown = founder.post("/startups", json={**PROFILE, "colour": "red"})
    assert unknown.status_code == 422
    assert unknown.get_json()["errors"] == {"colour": ["Unknown field."]}
    not_json = founder.post("/startups", data="name_zh=x", content_type="text/plain")
    assert not_json.status_code == 400
    assert not_json.get_json()["code"] == 400
    a_list = founder.post("/startups", json=[PROFILE])
    assert a_list.status_code == 400
    nul = founder.post("/startups", json={**PROFILE, "name_zh": "新\x00材料"})
    assert nul.status_code == 201 and nul.get_json()["name_zh"] == "新材料"
    wrong_type = founder.post("/startups", json={**PROFILE, "founded_on": 20240101})
    assert wrong_type.get_json()["errors"]["founded_on"] == ["Enter a date as YYYY-MM-DD."]


def test_credit_code_taken_is_a_field_error(world, founder):
    mine = founder.post("/startups", json=PROFILE).get_json()["id"]
    response = founder.patch(
        f"/startups/{mine}", json={"kind": "company", "credit_code": VALID_CODE}
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "credit_code": ["Another startup already uses this credit code."]
    }


def test_manager_may_accept_a_failing_credit_code_with_a_reason(world, manager, application):
    path = f"/startups/{world.startup.id}?tenant=tt"
    failing = "91350100M000100Y44"
    refused = manager.patch(path, json={"credit_code": failing})
    assert refused.status_code == 422
    accepted = manager.patch(
        path, json={"credit_code": failing, "credit_code_override": "营业执照如此"}
    )
    assert accepted.status_code == 200
    assert accepted.get_json()["credit_code_override"] == "营业执照如此"
    # A founder cannot give that reason.
    founder = world.as_("founder@tt.cn")
    response = founder.patch(f"/startups/{world.startup.id}", json={"credit_code_override": "x"})
    assert response.get_json()["errors"] == {"credit_code_override": ["Unknown field."]}


def test_strangers_and_other_carriers_get_404(world, stranger, other_manager, application):
    path = f"/startups/{world.startup.id}"
    assert stranger.get(path).status_code == 404
    assert stranger.patch(path, json={"name_en": "x"}).status_code == 404
    assert other_manager.get(path + "?tenant=other").status_code == 404
    assert other_manager.get(path + "?tenant=tt").status_code == 404


def test_carrier_staff_read_managers_edit(world, manager, reviewer, application):
    path = f"/startups/{world.startup.id}?tenant=tt"
    assert reviewer.get(path).status_code == 404  # not assigned to its application
    assign_reviewer(world.app, world.tenant.id, world.startup.id, "reviewer@tt.cn")
    assert reviewer.get(path).status_code == 200
    assert reviewer.get("/startups?tenant=tt").status_code == 403  # not the roster
    assert reviewer.patch(path, json={"name_en": "x"}).status_code == 403
    changed = manager.patch(path, json={"name_en": "Transfer Tech"})
    assert changed.status_code == 200
    with world.app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "startup.updated"))
        assert event.tenant_id == world.tenant.id


def test_carrier_list_needs_a_staff_role(world, manager, founder, application):
    listed = manager.get("/startups?tenant=tt")
    assert [s["id"] for s in listed.get_json()["items"]] == [world.startup.id]
    # The founder became a founder member of the carrier by applying, not staff.
    assert founder.get("/startups?tenant=tt").status_code == 403
    assert founder.get("/startups?tenant=other").status_code == 404
    assert founder.get("/startups?tenant=missing").status_code == 404


def test_carrier_list_filters_and_bad_query_values(world, manager, application):
    assert manager.get("/startups?tenant=tt&q=转化").get_json()["total"] == 1
    assert manager.get("/startups?tenant=tt&q=nothing").get_json()["total"] == 0
    assert manager.get("/startups?tenant=tt&status=submitted").get_json()["total"] == 1
    assert manager.get("/startups?tenant=tt&status=active").get_json()["total"] == 0
    bad = manager.get("/startups?tenant=tt&status=sleeping&page=0")
    assert bad.status_code == 422
    assert bad.get_json()["errors"] == {
        "status": ["Choose one of the options."],
        "page": ["Enter a whole number from 1 to 100000."],
    }
    assert manager.get("/startups?tenant=tt&stage=accelerator").status_code == 422


def test_list_queries_do_not_grow_with_rows(world, manager, count_queries):
    assert_constant_queries(count_queries, manager, "/startups?tenant=tt", world.enrol_startups)


def test_figures_add_read_update_delete(world, founder):
    base = f"/startups/{world.startup.id}/figures"
    added = founder.post(base, json={"year": 2024, "revenue": "1,230.5", "employees": 12})
    assert added.status_code == 201, added.get_json()
    row = added.get_json()
    assert row["revenue"] == 1230.5 and row["employees"] == 12
    clash = founder.post(base, json={"year": 2024})
    assert clash.status_code == 422
    assert clash.get_json()["errors"]["year"] == [
        "There are already figures for this year; edit them instead."
    ]
    bad = founder.patch(f"{base}/{row['id']}", json={"tech_staff": 20})
    assert bad.get_json()["errors"]["tech_staff"] == ["Technical staff cannot exceed employees."]
    good = founder.patch(f"{base}/{row['id']}", json={"tech_staff": 5})
    assert good.get_json()["tech_staff"] == 5 and good.get_json()["revenue"] == 1230.5
    assert founder.get(base).get_json()["items"][0]["id"] == row["id"]
    assert founder.get(f"{base}/{row['id']}").get_json()["year"] == 2024
    assert founder.delete(f"{base}/{row['id']}").status_code == 204
    assert founder.get(f"{base}/{row['id']}").status_code == 404
    with world.app.app_context():
        assert db.session.scalar(select(AnnualFigures)) is None


def test_other_sections(world, founder):
    startup = world.startup.id
    funding = founder.post(
        f"/startups/{startup}/funding",
        json={"date": "2024-03-01", "kind": "angel", "amount": 200, "investor": "天使"},
    )
    assert funding.status_code == 201
    ip = founder.post(
        f"/startups/{startup}/ip",
        json={"kind": "invention_patent", "title": "方法", "status": "granted"},
    )
    assert ip.status_code == 201
    cert = founder.post(f"/startups/{startup}/certifications", json={"kind": "tech_sme"})
    assert cert.status_code == 422
    assert set(cert.get_json()["errors"]) == {"number", "year"}
    bad_kind = founder.post(
        f"/startups/{startup}/funding", json={"date": "2024-03-01", "kind": "gift", "amount": 1}
    )
    assert bad_kind.get_json()["errors"]["kind"] == ["Choose one of the options."]


def test_a_row_of_another_startup_is_404(world, founder):
    other = world.factory.startup("别家", founders=("someone@x.cn",))
    other_row = world.as_("someone@x.cn").post(f"/startups/{other.id}/figures", json={"year": 2023})
    row_id = other_row.get_json()["id"]
    assert founder.get(f"/startups/{world.startup.id}/figures/{row_id}").status_code == 404
    assert founder.get(f"/startups/{other.id}/figures/{row_id}").status_code == 404


def test_carrier_staff_and_records(world, manager, reviewer, other_manager, application):
    base = f"/startups/{world.startup.id}/funding"
    body = {"date": "2024-03-01", "kind": "grant", "amount": 50}
    assert reviewer.post(base + "?tenant=tt", json=body).status_code == 404  # unassigned
    assert other_manager.post(base + "?tenant=other", json=body).status_code == 404
    assert manager.post(base, json=body).status_code == 403  # not on the founders' side
    added = manager.post(base + "?tenant=tt", json=body)
    assert added.status_code == 201
    assert manager.get(base + "?tenant=tt").get_json()["total"] == 1
    with world.app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "funding.created"))
        assert event.tenant_id == world.tenant.id
