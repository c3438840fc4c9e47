"""Invitations by email, never temporary passwords: managers invite reviewers and managers,
the platform admin invites managers, founders invite co-founders (tests/registry/test_founders.py).

The mail goes to a real SMTP server on a local port; each journey follows the
link in the message the server received.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.auth.models import User
from core.extensions import db
from core.invitations.models import Invitation
from core.registry.models import Startup
from core.tenancy.models import Membership, Role
from core.timeutil import utcnow
from tests.conftest import PASSWORD
from tests.mailbox import body, links, path_of, subject


@pytest.fixture
def smtp(app, smtp_server):
    smtp_server.use(app)
    return smtp_server


@pytest.fixture
def carriers(factory):
    alpha = factory.tenant("alpha")
    beta = factory.tenant("beta")
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER, "Alpha Manager")
    factory.member(beta, "manager@beta.cn", Role.MANAGER, "Beta Manager")
    return alpha, beta


def client_of(app, email, locale="en"):
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    client.post("/language", data={"locale": locale})
    return client


def roles(app, email, slug="alpha") -> set[str]:
    with app.app_context():
        return set(
            db.session.scalars(
                select(Membership.role)
                .join(Membership.user)
                .join(Membership.tenant)
                .where(User.email == email)
                .where(Membership.tenant.has(slug=slug))
            )
        )


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def invite(client, email, role="reviewer", path="/t/alpha/members"):
    return client.post(path, data={"email": email, "role": role})


def test_a_new_person_signs_up_through_the_invitation_and_becomes_a_reviewer(app, carriers, smtp):
    manager = client_of(app, "manager@alpha.cn")
    users_before = _count(app, User)
    response = invite(manager, "New@Reviewer.cn")
    assert response.status_code == 302
    page = manager.get("/t/alpha/members").get_data(as_text=True)
    assert "An invitation has been mailed to new@reviewer.cn." in page
    assert "new@reviewer.cn" in page.split('id="invitations"')[1]
    assert _count(app, User) == users_before  # no account is made for anyone

    [message] = smtp.to("new@reviewer.cn")
    # No account yet: the message is in the inviter's language.
    assert subject(message) == "Invitation to IncuChain: Reviewer at alpha carrier"
    assert "Alpha Manager (manager@alpha.cn)" in body(message)
    assert "password" not in body(message).lower() and "密码" not in body(message)
    [link] = links(message)
    invitation_path = path_of(link)

    # Not logged in: log in, or sign up, and come back.
    visitor = app.test_client()
    to_login = visitor.get(invitation_path)
    assert to_login.headers["Location"].startswith("/login?next=%2Finvitations%2F")
    login_page = visitor.get(to_login.headers["Location"]).get_data(as_text=True)
    assert f'href="/signup?next={invitation_path}"' in login_page
    visitor.post(
        f"/signup?next={invitation_path}",
        data={
            "name": "新评审",
            "email": "new@reviewer.cn",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "consent": "y",
        },
    )
    confirm = links(smtp.to("new@reviewer.cn")[-1])[0]
    response = visitor.post(path_of(confirm), data={"password": PASSWORD})
    assert response.headers["Location"] == invitation_path

    page = visitor.get(invitation_path).get_data(as_text=True)
    assert "Alpha Manager 邀请您：alpha载体的评审专家。" in page
    response = visitor.post(invitation_path)
    assert response.headers["Location"] == "/t/alpha/"
    assert roles(app, "new@reviewer.cn") == {"reviewer"}
    assert visitor.get("/t/alpha/").status_code == 200
    assert actions(app)[-3:] == ["invitation.sent", "membership.added", "invitation.accepted"]
    assert (
        "new@reviewer.cn"
        not in manager.get("/t/alpha/members").get_data(as_text=True).split('id="invitations"')[1]
    )
    # The link is spent.
    assert "此邀请已被接受" in visitor.get(invitation_path).get_data(as_text=True)


def test_the_admin_invites_a_manager_who_already_has_an_account(app, factory, carriers, smtp):
    factory.user("admin@city.cn", "City Admin", admin=True)
    factory.user("boss@alpha.cn", "Boss")
    with app.app_context():
        db.session.scalar(select(User).where(User.email == "boss@alpha.cn")).locale = "en"
        db.session.commit()
    admin = client_of(app, "admin@city.cn")
    assert invite(admin, "boss@alpha.cn", path="/admin/tenants/alpha/managers").status_code == 302
    page = admin.get("/admin/tenants/alpha").get_data(as_text=True)
    assert "boss@alpha.cn" in page.split('id="invitations"')[1]
    [message] = smtp.to("boss@alpha.cn")
    assert subject(message) == "Invitation to IncuChain: Manager at alpha carrier"  # their language
    boss = client_of(app, "boss@alpha.cn")
    assert boss.post(path_of(links(message)[0])).headers["Location"] == "/t/alpha/"
    assert roles(app, "boss@alpha.cn") == {"manager"}
    again = invite(admin, "boss@alpha.cn", path="/admin/tenants/alpha/managers")
    assert "boss@alpha.cn already has this access." in again.get_data(as_text=True)


def test_a_manager_may_invite_a_manager_too(app, carriers, smtp):
    manager = client_of(app, "manager@alpha.cn")
    assert invite(manager, "second@alpha.cn", role="manager").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Invitation.role)).one() == "manager"
    assert invite(manager, "x@alpha.cn", role="founder").status_code == 200  # not a choice
    assert _count(app, Invitation) == 1


def test_someone_who_signed_up_first_with_the_address_cannot_take_the_role(
    app, factory, carriers, smtp
):
    """Account pre-hijacking: the attacker's account with the invitee's address is unverified."""
    attacker = app.test_client()
    attacker.post(
        "/signup",
        data={
            "name": "X",
            "email": "reviewer3@alpha.cn",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "consent": "y",
        },
    )
    attacker.post("/login", data={"email": "reviewer3@alpha.cn", "password": PASSWORD})
    manager = client_of(app, "manager@alpha.cn")
    invite(manager, "reviewer3@alpha.cn")
    link = path_of(links(smtp.messages[-1])[0])
    assert attacker.get(link).headers["Location"].startswith("/account/verify")
    assert attacker.post(link).headers["Location"].startswith("/account/verify")
    assert roles(app, "reviewer3@alpha.cn") == set()
    # A verified account of another address gets nothing from the link either.
    factory.user("other@example.cn")
    other = client_of(app, "other@example.cn")
    page = other.get(link).get_data(as_text=True)
    assert "This invitation was sent to reviewer3@alpha.cn" in page
    other.post(link)
    assert roles(app, "other@example.cn") == set()
    assert "invitation.accepted" not in actions(app)


def test_a_withdrawn_invitation_cannot_be_accepted(app, factory, carriers, smtp):
    factory.user("late@alpha.cn")
    manager = client_of(app, "manager@alpha.cn")
    invite(manager, "late@alpha.cn")
    with app.app_context():
        invitation_id = db.session.scalar(select(Invitation.id))
    # Another carrier's manager cannot withdraw it.
    beta = client_of(app, "manager@beta.cn")
    assert beta.post(f"/t/beta/members/invitations/{invitation_id}/withdraw").status_code == 404
    assert beta.post(f"/t/alpha/members/invitations/{invitation_id}/withdraw").status_code == 404
    response = manager.post(f"/t/alpha/members/invitations/{invitation_id}/withdraw")
    assert response.status_code == 302
    page = manager.get("/t/alpha/members").get_data(as_text=True)
    assert "The invitation to late@alpha.cn has been withdrawn." in page
    assert "late@alpha.cn" not in page.split('id="invitations"')[1]
    late = client_of(app, "late@alpha.cn")
    link = path_of(links(smtp.to("late@alpha.cn")[0])[0])
    assert "This invitation has been withdrawn." in late.get(link).get_data(as_text=True)
    late.post(link)
    assert roles(app, "late@alpha.cn") == set()
    assert actions(app)[-2:] == ["invitation.sent", "invitation.withdrawn"]


def test_an_invitation_expires_after_the_configured_days(app, factory, carriers, smtp):
    assert app.config["INVITATION_DAYS"] == 7
    factory.user("slow@alpha.cn")
    manager = client_of(app, "manager@alpha.cn")
    invite(manager, "slow@alpha.cn")
    with app.app_context():
        invitation = db.session.scalars(select(Invitation)).one()
        lifetime = invitation.expires_at - invitation.created_at
        assert timedelta(days=7) - timedelta(seconds=5) < lifetime <= timedelta(days=7)
        invitation.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    page = manager.get("/t/alpha/members").get_data(as_text=True)
    assert "Expired on" in page.split('id="invitations"')[1]
    slow = client_of(app, "slow@alpha.cn")
    link = path_of(links(smtp.to("slow@alpha.cn")[0])[0])
    assert "This invitation has expired." in slow.get(link).get_data(as_text=True)
    slow.post(link)
    assert roles(app, "slow@alpha.cn") == set()
    # An expired invitation may be sent again.
    assert invite(manager, "slow@alpha.cn").status_code == 302


def test_a_founder_invites_a_cofounder_who_accepts(app, factory, carriers, smtp):
    startup = factory.startup("共创科技", founders=("founder@pds.cn",))
    factory.user("co@pds.cn", "联合创始人")
    founder = client_of(app, "founder@pds.cn")
    founder.post(f"/startups/{startup.id}/founders", data={"email": "co@pds.cn"})
    [message] = smtp.to("co@pds.cn")
    assert subject(message) == "孵化链邀请：共创科技的创始人"
    co = client_of(app, "co@pds.cn")
    link = path_of(links(message)[0])
    assert co.post(link).headers["Location"] == f"/startups/{startup.id}"
    with app.app_context():
        emails = {u.email for u in db.session.get(Startup, startup.id).founders}
    assert emails == {"founder@pds.cn", "co@pds.cn"}
    assert co.get(f"/startups/{startup.id}").status_code == 200
    assert actions(app)[-3:] == ["invitation.sent", "startup.founder_added", "invitation.accepted"]


def test_a_founder_withdraws_a_cofounder_invitation(app, factory, carriers, smtp):
    startup = factory.startup("共创科技", founders=("founder@pds.cn",))
    founder = client_of(app, "founder@pds.cn")
    founder.post(f"/startups/{startup.id}/founders", data={"email": "co@pds.cn"})
    with app.app_context():
        invitation_id = db.session.scalar(select(Invitation.id))
    url = f"/startups/{startup.id}/founders/invitations/{invitation_id}/withdraw"
    stranger = client_of(app, "manager@alpha.cn")
    assert stranger.post(url).status_code == 404
    assert founder.post(url).status_code == 302
    with app.app_context():
        assert db.session.get(Invitation, invitation_id).withdrawn_at is not None


def test_a_forged_invitation_link_is_404(app, carriers):
    manager = client_of(app, "manager@alpha.cn")
    assert manager.get("/invitations/not-a-token").status_code == 404
    assert manager.post("/invitations/" + "x" * 500).status_code == 404


def test_create_tenant_invites_its_first_manager(app, runner, smtp):
    result = runner.invoke(
        args=[
            "create-tenant",
            "gamma",
            "--name-zh",
            "伽马",
            "--name-en",
            "Gamma",
            "--stages",
            "incubator",
            "--prefix",
            "GAMMA",
            "--manager",
            "First@Gamma.cn",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Invited first@gamma.cn" in result.output
    assert "password" not in result.output.lower()
    [message] = smtp.to("first@gamma.cn")
    assert links(message)[0].startswith("http://127.0.0.1:5000/invitations/")
    assert _count(app, User) == 0


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))
