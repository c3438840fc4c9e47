"""Founders linked to a startup: added by email, removed, never none left."""

from __future__ import annotations

from sqlalchemy import select

from core.auth.models import User
from core.extensions import db
from core.registry.models import Startup
from tests.registry.conftest import actions, english


def founder_emails(app, startup_id) -> list[str]:
    with app.app_context():
        return sorted(u.email for u in db.session.get(Startup, startup_id).founders)


def test_a_founder_adds_a_cofounder_who_gets_an_account(app, client, auth, startup):
    auth.login("founder@pds.cn")
    english(client)
    url = f"/startups/{startup.id}/founders"
    response = client.post(url, data={"email": "Co@PDS.cn", "name": "李四"})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "co@pds.cn" in page and "Temporary password" in page
    assert founder_emails(app, startup.id) == ["co@pds.cn", "founder@pds.cn"]
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "co@pds.cn")).must_change_password
    assert actions(app)[-1] == "startup.founder_added"
    again = client.post(url, data={"email": "co@pds.cn", "name": "李四"}).get_data(as_text=True)
    assert "This person is already a founder." in again


def test_a_bad_email_is_refused_and_kept(app, client, auth, startup):
    auth.login("founder@pds.cn")
    english(client)
    page = client.post(
        f"/startups/{startup.id}/founders", data={"email": "nope", "name": "王五"}
    ).get_data(as_text=True)
    assert "Enter a valid email address." in page and 'value="王五"' in page
    assert founder_emails(app, startup.id) == ["founder@pds.cn"]


def test_the_last_founder_cannot_be_removed(app, client, auth, startup, factory):
    auth.login("founder@pds.cn")
    english(client)
    me = factory.user("other@pds.cn")
    client.post(f"/startups/{startup.id}/founders", data={"email": "other@pds.cn", "name": "x"})
    assert client.post(f"/startups/{startup.id}/founders/{me.id}/remove").status_code == 302
    assert founder_emails(app, startup.id) == ["founder@pds.cn"]
    with app.app_context():
        founder = db.session.scalar(select(User).where(User.email == "founder@pds.cn"))
    page = client.post(
        f"/startups/{startup.id}/founders/{founder.id}/remove", follow_redirects=True
    ).get_data(as_text=True)
    assert "A startup keeps at least one founder." in page
    assert founder_emails(app, startup.id) == ["founder@pds.cn"]


def test_the_carriers_manager_may_add_a_founder_but_not_another_carrier(app, client, auth, startup):
    auth.login("manager@alpha.cn")
    url = f"/t/alpha/startups/{startup.id}/founders"
    assert client.post(url, data={"email": "co@pds.cn", "name": "李四"}).status_code == 302
    auth.logout()
    auth.login("manager@beta.cn")
    assert client.get(f"/t/beta/startups/{startup.id}/founders").status_code == 404
    assert client.get(f"/startups/{startup.id}/founders").status_code == 404
    auth.logout()
    auth.login("reviewer@alpha.cn")
    assert client.get(url).status_code == 403
    assert founder_emails(app, startup.id) == ["co@pds.cn", "founder@pds.cn"]
