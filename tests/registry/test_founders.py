"""Founders linked to a startup: added by email, removed, never none left."""

from __future__ import annotations

from sqlalchemy import select

from core.auth.models import User
from core.extensions import db
from core.registry.models import Startup
from tests.conftest import PASSWORD
from tests.mailbox import links, path_of
from tests.registry.conftest import actions, english, shows


def founder_emails(app, startup_id) -> list[str]:
    with app.app_context():
        return sorted(u.email for u in db.session.get(Startup, startup_id).founders)


def add_cofounder(app, startup_id, email):
    """Link an existing user as a founder, as an accepted invitation does."""
    from core.auth import operations as accounts
    from core.registry import operations

    with app.app_context():
        operations.add_founder(db.session.get(Startup, startup_id), accounts.find_user(email))
        db.session.commit()


def test_a_founder_invites_a_cofounder_by_email_and_no_account_is_made(
    app, client, auth, startup, smtp_server
):
    smtp_server.use(app)
    auth.login("founder@pds.cn")
    english(client)
    url = f"/startups/{startup.id}/founders"
    response = client.post(url, data={"email": "Co@PDS.cn"})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "An invitation has been mailed to co@pds.cn." in page
    assert "co@pds.cn" in page.split('id="invitations"')[1]
    assert "password" not in page.lower().split('id="invitations"')[1]
    assert founder_emails(app, startup.id) == ["founder@pds.cn"]
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "co@pds.cn")) is None
    [message] = smtp_server.to("co@pds.cn")
    assert "/invitations/" in message.get_content()
    assert actions(app)[-1] == "invitation.sent"
    again = client.post(url, data={"email": "co@pds.cn"}).get_data(as_text=True)
    assert "An invitation to co@pds.cn is already pending." in again


def test_a_bad_email_is_refused_and_kept(app, client, auth, startup):
    auth.login("founder@pds.cn")
    english(client)
    page = client.post(f"/startups/{startup.id}/founders", data={"email": "nope"}).get_data(
        as_text=True
    )
    assert "Enter a valid email address." in page and 'value="nope"' in page
    assert founder_emails(app, startup.id) == ["founder@pds.cn"]


def test_the_last_founder_cannot_be_removed(app, client, auth, startup, factory):
    auth.login("founder@pds.cn")
    english(client)
    me = factory.user("other@pds.cn")
    add_cofounder(app, startup.id, "other@pds.cn")
    assert client.post(f"/startups/{startup.id}/founders/{me.id}/remove").status_code == 302
    assert founder_emails(app, startup.id) == ["founder@pds.cn"]
    with app.app_context():
        founder = db.session.scalar(select(User).where(User.email == "founder@pds.cn"))
    page = client.post(
        f"/startups/{startup.id}/founders/{founder.id}/remove", follow_redirects=True
    ).get_data(as_text=True)
    assert shows(
        page,
        "创业者 is the startup’s last founder and cannot be removed: invite another founder first.",
    )
    assert founder_emails(app, startup.id) == ["founder@pds.cn"]
    assert actions(app).count("startup.founder_removed") == 1


def test_carrier_staff_see_the_founders_but_invite_nobody(app, client, auth, startup):
    auth.login("manager@alpha.cn")
    english(client)
    url = f"/t/alpha/startups/{startup.id}/founders"
    page = client.get(url).get_data(as_text=True)
    assert "founder@pds.cn" in page and 'name="email"' not in page
    assert "Remove" not in page
    assert shows(page, "Only the startup’s founders decide who its founders are")
    assert client.post(url, data={"email": "manager@alpha.cn"}).status_code == 403
    assert "invitation.sent" not in actions(app)
    # Nor on the founders' own page, which is not theirs.
    assert (
        client.post(f"/startups/{startup.id}/founders", data={"email": "x@y.cn"}).status_code == 403
    )
    auth.logout()
    auth.login("manager@beta.cn")
    assert client.get(f"/t/beta/startups/{startup.id}/founders").status_code == 404
    assert client.get(f"/startups/{startup.id}/founders").status_code == 404
    assert founder_emails(app, startup.id) == ["founder@pds.cn"]


def test_carrier_staff_cannot_remove_a_founder(app, client, auth, startup, factory):
    """Managers edit the shared record, but who owns it is not theirs to change."""
    factory.user("other@pds.cn")
    add_cofounder(app, startup.id, "other@pds.cn")
    with app.app_context():
        founder = db.session.scalar(select(User).where(User.email == "founder@pds.cn"))
    auth.login("manager@alpha.cn")
    for url in (
        f"/t/alpha/startups/{startup.id}/founders/{founder.id}/remove",
        f"/startups/{startup.id}/founders/{founder.id}/remove",
    ):
        assert client.post(url).status_code == 403
    assert founder_emails(app, startup.id) == ["founder@pds.cn", "other@pds.cn"]
    assert "startup.founder_removed" not in actions(app)


def test_the_platform_admin_removes_a_founder(app, client, auth, startup, factory):
    factory.user("admin@city.cn", admin=True)
    other = factory.user("other@pds.cn")
    add_cofounder(app, startup.id, "other@pds.cn")
    auth.login("admin@city.cn")
    assert client.post(f"/startups/{startup.id}/founders/{other.id}/remove").status_code == 302
    assert founder_emails(app, startup.id) == ["founder@pds.cn"]


def test_a_carrier_s_manager_invites_the_first_founder_of_a_startup_that_has_none(
    app, client, auth, carriers, factory, smtp_server
):
    """An imported startup has no founders; its carrier's manager invites the first one,
    the verified owner of the address accepts, and from then on the carrier invites nobody."""
    smtp_server.use(app)
    alpha, beta = carriers
    imported = factory.startup("导入科技有限公司")
    factory.enrollment(alpha, imported, "incubator")
    factory.user("owner@pds.cn", "王老板")
    factory.user("second@pds.cn", "赵二")
    founders = f"/t/alpha/startups/{imported.id}/founders"

    auth.login("manager@beta.cn")  # not linked: the startup is not beta's to see
    assert client.post(f"/t/beta/startups/{imported.id}/founders").status_code == 404
    auth.logout()
    auth.login("reviewer@alpha.cn")
    assert client.post(founders, data={"email": "owner@pds.cn"}).status_code in (403, 404)
    auth.logout()

    auth.login("manager@alpha.cn")
    english(client)
    page = client.get(founders).get_data(as_text=True)
    assert "This startup has no founders yet." in page and "Invite the first founder" in page
    for email in ("owner@pds.cn", "second@pds.cn"):
        assert client.post(founders, data={"email": email}).status_code == 302
    assert founder_emails(app, imported.id) == []
    auth.logout()

    accepted = {}
    for email in ("owner@pds.cn", "second@pds.cn"):
        invitee = app.test_client()
        invitee.post("/login", data={"email": email, "password": PASSWORD})
        english(invitee)
        [message] = smtp_server.to(email)
        response = invitee.post(path_of(links(message)[0]), follow_redirects=True)
        accepted[email] = response.get_data(as_text=True)
    assert founder_emails(app, imported.id) == ["owner@pds.cn"]
    # The second invitation, sent while there were none, grants nothing once there is a founder.
    refusal = "导入科技有限公司 has founders now: only they can invite you."
    assert refusal in accepted["second@pds.cn"]

    auth.login("manager@alpha.cn")
    english(client)
    page = client.get(founders).get_data(as_text=True)
    assert "Invite the first founder" not in page and 'id="founders-read-only"' in page
    assert client.post(founders, data={"email": "third@pds.cn"}).status_code == 403
