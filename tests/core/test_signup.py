"""Sign-up with a verified email: a signed, expiring link, mailed after the commit.

The mail goes to a real SMTP server on a local port (``smtp_server``); the
tests read the message the server received and follow its link.
"""

from __future__ import annotations

import re

import pytest
from itsdangerous.timed import TimestampSigner
from sqlalchemy import select

from core.auth.models import User
from core.extensions import db
from tests.conftest import PASSWORD
from tests.mailbox import body, links, outbox, path_of, subject

SIGNUP = {
    "name": "王建华",
    "email": "Wang@Example.CN",
    "password": PASSWORD,
    "confirm": PASSWORD,
    "consent": "y",
}


def stored(app, email="wang@example.cn") -> User | None:
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


@pytest.fixture
def smtp(app, smtp_server):
    smtp_server.use(app)
    return smtp_server


def page(response) -> str:
    """The page without its session-bound CSRF token."""
    return re.sub(r'name="csrf_token"[^>]*>', "", response.get_data(as_text=True))


def english(client):
    client.post("/language", data={"locale": "en"})


def test_sign_up_mails_a_link_that_confirms_the_address_and_logs_in(app, client, smtp):
    english(client)
    page = client.post("/signup", data=SIGNUP).get_data(as_text=True)
    assert "Check your inbox" in page and "wang@example.cn" in page
    user = stored(app)
    assert user is not None and not user.email_verified and user.locale == "en"
    assert client.get("/account/password").status_code == 302  # not logged in yet

    [message] = smtp.messages
    assert message["To"] == "wang@example.cn"
    assert subject(message) == "Confirm your email address for IncuChain"
    assert PASSWORD not in body(message)
    [link] = links(message)
    assert link.startswith("http://127.0.0.1:5000/signup/confirm/")  # PUBLIC_URL's default

    confirm = client.get(path_of(link))
    assert confirm.status_code == 200
    assert "Enter the password you chose for wang@example.cn" in confirm.get_data(as_text=True)
    response = client.post(path_of(link), data={"password": PASSWORD})
    assert response.headers["Location"] == "/"
    assert "Your email address is confirmed" in client.get("/").get_data(as_text=True)
    assert stored(app).email_verified
    assert client.get("/startups/new").status_code == 200


def test_the_message_is_in_the_language_the_visitor_signed_up_in(app, client, smtp):
    client.post("/signup", data=SIGNUP)
    [message] = smtp.messages
    assert subject(message) == "确认您在孵化链的邮箱地址"
    assert stored(app).locale == "zh_CN"


def test_a_registered_email_gets_the_same_answer_and_its_owner_is_told(app, client, factory, smtp):
    factory.user("wang@example.cn", "王先生")
    english(client)
    attacker = "the attacker's password"
    taken = client.post("/signup", data={**SIGNUP, "password": attacker, "confirm": attacker})
    new = app.test_client()
    english(new)
    fresh = new.post(
        "/signup",
        data={**SIGNUP, "email": "Li@Example.CN", "password": attacker, "confirm": attacker},
    )
    assert taken.status_code == fresh.status_code == 200
    assert page(taken).replace("wang@", "li@") == page(fresh)

    [warning] = smtp.to("wang@example.cn")
    assert subject(warning) == "有人尝试用您的邮箱地址注册孵化链"
    assert "http://127.0.0.1:5000/login" in body(warning)
    assert attacker not in body(warning)
    user = stored(app)
    assert user.name == "王先生" and user.email_verified
    # The attacker's password does not open the account.
    refused = client.post("/login", data={"email": "wang@example.cn", "password": attacker})
    assert refused.status_code == 200
    assert subject(smtp.to("li@example.cn")[0]) == "Confirm your email address for IncuChain"


def test_an_unverified_account_can_log_in_but_is_asked_to_confirm_first(app, client, smtp):
    client.post("/signup", data={**SIGNUP, "next": ""})
    english(client)
    response = client.post("/login", data={"email": "wang@example.cn", "password": PASSWORD})
    assert response.status_code == 302
    for path in ("/startups/new", "/", "/t/alpha/", "/account/tokens"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/account/verify")
    page = client.get("/account/verify").get_data(as_text=True)
    assert "confirm that wang@example.cn is yours" in page

    client.post("/account/verify/resend")
    assert len(smtp.to("wang@example.cn")) == 2
    link = links(smtp.messages[-1])[0]
    client.post(path_of(link), data={"password": PASSWORD})
    assert client.get("/startups/new").status_code == 200


def test_the_link_leads_on_to_the_page_the_visitor_came_for(app, client, smtp):
    client.post("/signup?next=/startups/new", data=SIGNUP)
    link = links(smtp.messages[0])[0]
    response = client.post(path_of(link), data={"password": PASSWORD})
    assert response.headers["Location"] == "/startups/new"


def test_a_second_sign_up_of_an_unverified_address_replaces_it_and_voids_the_first_link(
    app, client, smtp
):
    client.post("/signup", data=SIGNUP)  # someone else, with the owner's address
    other = "the owner's own password"
    client.post("/signup", data={**SIGNUP, "name": "真王", "password": other, "confirm": other})
    first, second = (links(m)[0] for m in smtp.to("wang@example.cn"))
    english(client)
    refused = client.get(path_of(first))
    assert refused.status_code == 404
    assert "This link does not work any more" in refused.get_data(as_text=True)
    assert client.post(path_of(second), data={"password": PASSWORD}).status_code == 200
    assert not stored(app).email_verified
    assert client.post(path_of(second), data={"password": other}).status_code == 302
    user = stored(app)
    assert user.email_verified and user.name == "真王"


def test_a_wrong_password_does_not_confirm(app, client, smtp):
    client.post("/signup", data=SIGNUP)
    english(client)
    link = links(smtp.messages[0])[0]
    page = client.post(path_of(link), data={"password": "not it"}).get_data(as_text=True)
    assert "The password is not correct." in page
    assert not stored(app).email_verified


def test_the_link_expires(app, client, smtp, monkeypatch):
    app.config["EMAIL_VERIFICATION_HOURS"] = 48
    client.post("/signup", data=SIGNUP)
    link = links(smtp.messages[0])[0]
    now = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now(self) + 49 * 3600)
    assert client.get(path_of(link)).status_code == 404
    assert client.post(path_of(link), data={"password": PASSWORD}).status_code == 404
    assert not stored(app).email_verified


@pytest.mark.parametrize("token", ["nonsense", "a" * 300, "eyJ1IjoxfQ.bad.sig"])
def test_a_forged_link_is_refused(client, token):
    assert client.get(f"/signup/confirm/{token}").status_code == 404


def test_a_sign_up_that_fails_before_its_commit_keeps_no_account_and_mails_nothing(
    app, client, monkeypatch
):
    import core.auth.views as views

    def broken(template, **context):
        raise RuntimeError("the page fails after the account was added")

    monkeypatch.setattr(views, "render_template", broken)
    with pytest.raises(RuntimeError):
        client.post("/signup", data=SIGNUP)
    assert stored(app) is None
    assert outbox(app) == []


def test_without_a_mail_server_the_link_is_in_the_outbox(app, client):
    client.post("/signup", data=SIGNUP)
    [message] = outbox(app)
    assert message["To"] == "wang@example.cn"
    assert client.get(path_of(links(message)[0])).status_code == 200


def test_switching_the_language_changes_the_language_of_ones_mail(app, client, factory):
    factory.user("li@example.cn")
    client.post("/login", data={"email": "li@example.cn", "password": PASSWORD})
    english(client)
    assert stored(app, "li@example.cn").locale == "en"
