"""Creating and editing a startup's profile, by its founders and by a carrier's manager."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.auth.models import User
from core.extensions import db
from core.registry.models import Startup
from tests.registry.conftest import (
    FAILING_CODE,
    PROFILE,
    VALID_CODE,
    actions,
    count,
    english,
    shows,
)


def load(app, startup_id) -> Startup:
    with app.app_context():
        startup = db.session.get(Startup, startup_id)
        startup.founders  # noqa: B018  (load before the context closes)
        return startup


def test_a_founder_creates_a_profile_and_becomes_its_founder(app, client, auth, factory):
    factory.user("new@pds.cn", "王创业")
    auth.login("new@pds.cn")
    english(client)
    response = client.post("/startups/new", data=PROFILE)
    assert response.status_code == 302
    with app.app_context():
        startup = db.session.scalars(select(Startup)).one()
        assert [u.email for u in startup.founders] == ["new@pds.cn"]
        assert startup.credit_code == VALID_CODE and startup.name_en == PROFILE["name_en"]
        assert startup.founded_on.isoformat() == "2023-05-01"
        event = db.session.scalars(select(AuditEvent)).one()
        assert event.action == "startup.created" and event.tenant_id is None
        assert event.actor.email == "new@pds.cn" and event.after["credit_code"] == VALID_CODE
    assert response.headers["Location"] == f"/startups/{startup.id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Pingdingshan New Materials" in page and "王创业" in page
    assert "New materials" in page and VALID_CODE in page
    assert f"/startups/{startup.id}" in client.get("/startups/").get_data(as_text=True)


@pytest.mark.parametrize(
    "next_url, expected",
    [("/apply/alpha/incubator", "/apply/alpha/incubator"), ("https://evil.example/", None)],
)
def test_the_new_profile_page_honours_a_safe_next(app, client, auth, factory, next_url, expected):
    factory.user("new@pds.cn")
    auth.login("new@pds.cn")
    response = client.post("/startups/new", query_string={"next": next_url}, data=PROFILE)
    with app.app_context():
        startup_id = db.session.scalar(select(Startup.id))
    assert response.headers["Location"] == (expected or f"/startups/{startup_id}")


def test_anonymous_visitors_are_sent_to_log_in(client, startup):
    for url in ("/startups/", "/startups/new", f"/startups/{startup.id}"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_founder_edits_the_profile_and_it_is_audited(app, client, auth, startup):
    auth.login("founder@pds.cn")
    data = {**PROFILE, "address": "郑州市高新区", "tech_field": "biomedicine"}
    response = client.post(f"/startups/{startup.id}/edit", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/startups/{startup.id}"
    saved = load(app, startup.id)
    assert saved.address == "郑州市高新区" and saved.tech_field == "biomedicine"
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "startup.updated")
        ).one()
        assert event.before["tech_field"] == "new_materials"
        assert event.after["address"] == "郑州市高新区" and event.tenant_id is None


BAD_PROFILES = [
    ({"name_zh": ""}, "name_zh", "This field is required."),
    ({"name_zh": "名" * 121}, "name_zh", "Field cannot be longer than 120 characters."),
    ({"kind": "cooperative"}, "kind", "Choose one of the options."),
    ({"tech_field": "alchemy"}, "tech_field", "Choose one of the options."),
    ({"founded_on": "2023-13-45"}, "founded_on", "Enter a date as YYYY-MM-DD."),
    ({"founded_on": "2999-01-01"}, "founded_on", "The date cannot be in the future."),
    ({"contact_email": "not an email"}, "contact_email", "Enter a valid email address."),
    ({"credit_code": "91350100M000100I43"}, "credit_code", "The credit code must be 18"),
]


@pytest.mark.parametrize("change, field, message", BAD_PROFILES)
def test_a_bad_profile_keeps_what_was_typed_and_writes_nothing(
    app, client, auth, startup, change, field, message
):
    auth.login("founder@pds.cn")
    english(client)
    before = actions(app)
    data = {**PROFILE, "address": "郑州市高新区", **change}
    response = client.post(f"/startups/{startup.id}/edit", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert shows(page, message)
    assert 'value="郑州市高新区"' in page
    assert load(app, startup.id).address == ""
    assert actions(app) == before


def test_a_credit_code_another_startup_uses_is_a_field_error(app, client, auth, factory, startup):
    other = factory.startup("另一家公司", founders=("other@pds.cn",), credit_code=None, kind="team")
    auth.login("other@pds.cn")
    english(client)
    data = {**PROFILE, "name_zh": "另一家公司"}
    page = client.post(f"/startups/{other.id}/edit", data=data).get_data(as_text=True)
    assert "Another startup already uses this credit code." in page
    assert load(app, other.id).credit_code is None
    page = client.post("/startups/new", data=data).get_data(as_text=True)
    assert "Another startup already uses this credit code." in page
    assert count(app, Startup) == 2


def test_a_manager_accepts_a_failing_code_with_a_reason_and_it_is_audited(
    app, client, auth, carriers, startup
):
    auth.login("manager@alpha.cn")
    english(client)
    url = f"/t/alpha/startups/{startup.id}/edit"
    data = {**PROFILE, "credit_code": FAILING_CODE}
    page = client.post(url, data=data).get_data(as_text=True)
    assert "or write below why it is accepted anyway" in page
    assert load(app, startup.id).credit_code == VALID_CODE

    reason = "营业执照原件上的代码,已核对"
    response = client.post(url, data={**data, "credit_code_override": reason})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/t/alpha/startups/{startup.id}"
    saved = load(app, startup.id)
    assert saved.credit_code == FAILING_CODE and saved.credit_code_override == reason
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "startup.credit_code_exception")
        ).one()
        assert event.after == {"credit_code": FAILING_CODE, "reason": reason}
        assert event.tenant_id == carriers[0].id
        assert event.actor.email == "manager@alpha.cn"
    page = client.get(f"/t/alpha/startups/{startup.id}").get_data(as_text=True)
    assert reason in page
    assert "startup.credit_code_exception" in client.get("/t/alpha/audit").get_data(as_text=True)


def test_a_founder_keeps_an_accepted_code_but_cannot_choose_another_failing_one(
    app, client, auth, factory, startup
):
    with app.app_context():
        row = db.session.get(Startup, startup.id)
        row.credit_code, row.credit_code_override = FAILING_CODE, "已核对"
        db.session.commit()
    auth.login("founder@pds.cn")
    english(client)
    url = f"/startups/{startup.id}/edit"
    data = {**PROFILE, "credit_code": FAILING_CODE, "address": "郑州"}
    assert client.post(url, data=data).status_code == 302
    saved = load(app, startup.id)
    assert saved.address == "郑州" and saved.credit_code_override == "已核对"

    other_failing = "91350100M000100Y45"
    page = client.post(url, data={**data, "credit_code": other_failing}).get_data(as_text=True)
    assert "ask your carrier" in page
    assert load(app, startup.id).credit_code == FAILING_CODE

    # A valid code clears the exception.
    assert client.post(url, data={**data, "credit_code": VALID_CODE}).status_code == 302
    assert load(app, startup.id).credit_code_override == ""


def test_a_founder_cannot_post_an_override_reason(app, client, auth, startup):
    auth.login("founder@pds.cn")
    data = {**PROFILE, "credit_code": FAILING_CODE, "credit_code_override": "trust me"}
    assert client.post(f"/startups/{startup.id}/edit", data=data).status_code == 200
    assert load(app, startup.id).credit_code == VALID_CODE


def test_the_platform_admin_may_edit_any_profile(app, client, auth, factory, startup):
    factory.user("admin@city.cn", admin=True)
    auth.login("admin@city.cn")
    data = {**PROFILE, "address": "市科技局核对"}
    assert client.post(f"/startups/{startup.id}/edit", data=data).status_code == 302
    assert load(app, startup.id).address == "市科技局核对"
    with app.app_context():
        actor = db.session.scalar(
            select(User.email)
            .join(AuditEvent, AuditEvent.actor_id == User.id)
            .where(AuditEvent.action == "startup.updated")
        )
    assert actor == "admin@city.cn"


def test_a_credit_code_taken_at_the_same_moment_is_a_field_error_not_a_500(
    app, client, auth, factory, startup, monkeypatch
):
    """The check before saving can lose a race; the unique index then answers."""
    from core.registry import operations as services

    monkeypatch.setattr(services, "credit_code_taken", lambda *args: False)
    factory.user("new@pds.cn")
    auth.login("new@pds.cn")
    english(client)
    response = client.post("/startups/new", data={**PROFILE, "name_zh": "抢注公司"})
    assert response.status_code == 200
    assert "Another startup already uses this credit code." in response.get_data(as_text=True)
    assert count(app, Startup) == 1
    assert actions(app).count("startup.created") == 0
