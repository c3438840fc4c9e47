"""Passwords and sessions: reset by email, strength, ending access, equal-cost log-in, limits.

Mail goes to a real SMTP server on a local port (``smtp_server``); the tests
read the message it received and follow its link with the test client.
"""

from __future__ import annotations

import re

import pytest
from itsdangerous.timed import TimestampSigner
from sqlalchemy import select

from core.api import tokens
from core.auth import passwords
from core.auth.models import User
from core.extensions import db
from tests.conftest import PASSWORD, Factory
from tests.mailbox import body, links, path_of, subject

NEW = "a brand new passphrase 2027"


@pytest.fixture
def smtp(app, smtp_server):
    smtp_server.use(app)
    return smtp_server


@pytest.fixture
def owner(factory):
    return factory.user("li@example.cn", "李丽娟")


def stored(app, email="li@example.cn") -> User:
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def logged_in(app, email="li@example.cn", password=PASSWORD, address="192.0.2.10"):
    client = app.test_client()
    response = client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def english(client):
    client.post("/language", data={"locale": "en"})
    return client


def is_logged_in(client) -> bool:
    return client.get("/account/password").status_code == 200


def make_token(app, email="li@example.cn") -> str:
    with app.test_request_context(method="POST"):
        user = db.session.scalar(select(User).where(User.email == email))
        _row, token = tokens.create(user, "statistics")
        db.session.commit()
        return token


def api_status(app, token: str) -> int:
    return app.test_client().get("/api/v1/tenants", headers={"Authorization": f"Bearer {token}"})


def ask_for_reset(client, email="li@example.cn"):
    return client.post("/password/reset", data={"email": email})


# --- reset by email -------------------------------------------------------------------------


def test_a_reset_link_sets_a_new_password_logs_in_and_ends_every_other_access(app, owner, smtp):
    phone = logged_in(app)
    token = make_token(app)
    assert api_status(app, token).status_code == 200

    browser = english(app.test_client())
    answer = ask_for_reset(browser, "LI@example.cn ").get_data(as_text=True)
    assert "If li@example.cn has an account, we sent it a link" in answer
    (message,) = smtp.to("li@example.cn")
    assert subject(message) == "设置新的孵化链密码"  # the owner's language (zh_CN)
    link = links(message)[0]
    assert "/password/reset/" in link and "60" in body(message)

    page = browser.get(path_of(link)).get_data(as_text=True)
    assert "li@example.cn" in page
    done = browser.post(path_of(link), data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302
    assert is_logged_in(browser)
    # The phone's session and the API token stop working; only the new password opens.
    assert not is_logged_in(phone)
    assert api_status(app, token).status_code == 401
    assert "You have no tokens." in english(browser).get("/account/tokens").get_data(as_text=True)
    assert (
        app.test_client()
        .post("/login", data={"email": "li@example.cn", "password": PASSWORD})
        .status_code
        == 200
    )
    logged_in(app, password=NEW)


def test_a_reset_link_works_once(app, owner, smtp):
    client = app.test_client()
    ask_for_reset(client)
    link = links(smtp.messages[0])[0]
    assert client.post(path_of(link), data={"password": NEW, "confirm": NEW}).status_code == 302
    other = "yet another passphrase 2028"
    again = app.test_client().post(path_of(link), data={"password": other, "confirm": other})
    assert again.status_code == 404
    logged_in(app, password=NEW)


def test_a_reset_link_expires_after_an_hour(app, owner, smtp, monkeypatch):
    client = app.test_client()
    ask_for_reset(client)
    link = links(smtp.messages[0])[0]
    now = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now(self) + 61 * 60)
    assert client.get(path_of(link)).status_code == 404
    assert client.post(path_of(link), data={"password": NEW, "confirm": NEW}).status_code == 404
    logged_in(app)  # the old password still opens


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app, owner, smtp):
    client = english(app.test_client())
    known = ask_for_reset(client).get_data(as_text=True)
    unknown = ask_for_reset(client, "nobody@example.cn").get_data(as_text=True)
    # The addresses, and the CSRF token (it carries the second it was made in).
    strip = re.compile(r'li@example\.cn|nobody@example\.cn|name="csrf_token"[^>]*>')
    assert strip.sub("", known) == strip.sub("", unknown)
    assert [m["To"] for m in smtp.messages] == ["li@example.cn"]


@pytest.mark.parametrize("token", ["nonsense", "a" * 300, "eyJ1IjoxfQ.bad.sig"])
def test_a_forged_reset_link_is_refused(client, owner, token):
    assert client.get(f"/password/reset/{token}").status_code == 404


def test_a_verification_link_is_not_a_reset_link(app, smtp):
    client = app.test_client()
    signup = {"name": "王", "email": "wang@example.cn", "password": PASSWORD, "confirm": PASSWORD}
    signup["consent"] = "y"
    client.post("/signup", data=signup)
    verify = links(smtp.messages[0])[0]
    token = verify.rsplit("/", 1)[1]
    assert client.get(f"/password/reset/{token}").status_code == 404


def test_the_someone_tried_to_sign_up_mail_offers_the_reset_link(app, owner, smtp):
    client = app.test_client()
    attempt = "the intruder's passphrase"
    client.post(
        "/signup",
        data={
            "name": "X",
            "email": "li@example.cn",
            "password": attempt,
            "confirm": attempt,
            "consent": "y",
        },
    )
    (message,) = smtp.to("li@example.cn")
    reset = [link for link in links(message) if "/password/reset/" in link]
    assert reset, body(message)
    assert client.post(path_of(reset[0]), data={"password": NEW, "confirm": NEW}).status_code == 302
    logged_in(app, password=NEW)


def test_the_log_in_page_links_to_the_reset(client):
    english(client)
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/password/reset"' in page and "Forgot your password?" in page


# --- strength -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("12345678", "This is one of the most common passwords"),
        ("password1", "This is one of the most common passwords"),
        ("qwertyuiop", "This is one of the most common passwords"),
        ("li2026li2026", "This password is too easy to guess."),
    ],
)
def test_common_and_weak_new_passwords_are_refused_next_to_the_field(
    app, owner, smtp, password, message
):
    forms = english(logged_in(app))
    change = forms.post(
        "/account/password", data={"current": PASSWORD, "password": password, "confirm": password}
    ).get_data(as_text=True)
    assert re.search(rf"invalid-feedback[^>]*>\s*{re.escape(message)}", change), change
    signup = english(app.test_client())
    page = signup.post(
        "/signup",
        data={"name": "Li", "email": "new@example.cn", "password": password, "confirm": password},
    ).get_data(as_text=True)
    assert message in page and 'value="new@example.cn"' in page
    assert stored(app, "new@example.cn") is None
    ask_for_reset(signup)
    link = links(smtp.messages[0])[0]
    reset = signup.post(path_of(link), data={"password": password, "confirm": password})
    assert reset.status_code == 200 and message in reset.get_data(as_text=True)
    logged_in(app)  # nothing changed


def test_the_persons_own_name_and_address_do_not_make_a_password(app, factory):
    factory.user("zhangwei@example.cn", "Zhang Wei")
    client = english(logged_in(app, "zhangwei@example.cn"))
    weak = "zhangweiexample"
    page = client.post(
        "/account/password", data={"current": PASSWORD, "password": weak, "confirm": weak}
    ).get_data(as_text=True)
    assert "too easy to guess" in page or "most common" in page


def test_the_strength_message_is_translated(app, owner):
    client = logged_in(app)  # Chinese by default
    page = client.post(
        "/account/password",
        data={"current": PASSWORD, "password": "12345678", "confirm": "12345678"},
    ).get_data(as_text=True)
    assert "最常见的密码" in page


def test_a_strong_password_of_128_characters_is_accepted(app, owner):
    long = ("seven purple giraffes dance " * 5)[:128]
    client = logged_in(app)
    response = client.post(
        "/account/password", data={"current": PASSWORD, "password": long, "confirm": long}
    )
    assert response.status_code == 302
    logged_in(app, password=long)


# --- ending access --------------------------------------------------------------------------


def test_a_password_change_revokes_the_api_tokens(app, owner):
    token = make_token(app)
    client = logged_in(app)
    assert api_status(app, token).status_code == 200
    client.post("/account/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW})
    assert api_status(app, token).status_code == 401
    assert "You have no tokens." in english(client).get("/account/tokens").get_data(as_text=True)


def test_the_admin_deactivates_an_account_which_ends_its_sessions_and_tokens(app, owner, factory):
    factory.user("admin@city.cn", "Admin", admin=True)
    victim_session = logged_in(app)
    token = make_token(app)
    admin = english(logged_in(app, "admin@city.cn"))
    listing = admin.get("/admin/users?q=li@").get_data(as_text=True)
    assert "li@example.cn" in listing and "admin@city.cn" not in listing
    response = admin.post(f"/admin/users/{owner.id}/deactivate", follow_redirects=True)
    assert "li@example.cn is deactivated" in response.get_data(as_text=True)
    assert not is_logged_in(victim_session)
    assert api_status(app, token).status_code == 401
    # The right password now explains; a wrong one says nothing more than before.
    client = english(app.test_client())
    page = client.post("/login", data={"email": "li@example.cn", "password": PASSWORD}).get_data(
        as_text=True
    )
    assert "This account has been deactivated." in page
    wrong = client.post("/login", data={"email": "li@example.cn", "password": "nope nope"})
    assert "deactivated" not in wrong.get_data(as_text=True)
    # Reactivated, the password opens again (the tokens stay revoked).
    admin.post(f"/admin/users/{owner.id}/reactivate")
    logged_in(app)
    assert api_status(app, token).status_code == 401


def test_a_deactivated_account_gets_no_reset_mail(app, owner, factory, smtp):
    factory.user("admin@city.cn", "Admin", admin=True)
    logged_in(app, "admin@city.cn").post(f"/admin/users/{owner.id}/deactivate")
    ask_for_reset(app.test_client())
    assert smtp.to("li@example.cn") == []


def test_the_admin_cannot_deactivate_themselves(app, factory):
    admin_user = factory.user("admin@city.cn", "Admin", admin=True)
    admin = english(logged_in(app, "admin@city.cn"))
    page = admin.post(f"/admin/users/{admin_user.id}/deactivate", follow_redirects=True)
    assert "You cannot deactivate your own account." in page.get_data(as_text=True)
    assert is_logged_in(admin)


def test_deactivating_is_audited(app, owner, factory):
    from core.audit.models import AuditEvent

    factory.user("admin@city.cn", "Admin", admin=True)
    logged_in(app, "admin@city.cn").post(f"/admin/users/{owner.id}/deactivate")
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "user.deactivated" in actions


# --- equal cost -----------------------------------------------------------------------------


def test_an_unknown_email_costs_a_hash_verification_like_a_known_one(app, owner, monkeypatch):
    """What is computed, not how long it takes: one argon2 verification at today's cost."""
    verified = []
    real = passwords.verify_password

    def spy(password_hash, password):
        verified.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr("core.auth.operations.verify_password", spy)
    client = app.test_client()
    client.post("/login", data={"email": "li@example.cn", "password": "wrong password"})
    client.post("/login", data={"email": "nobody@example.cn", "password": "wrong password"})
    known, unknown = verified
    params = re.compile(r"^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+")
    assert params.match(unknown).group() == params.match(known).group()
    with app.app_context():
        assert not passwords.needs_rehash(unknown)


# --- limits ---------------------------------------------------------------------------------


@pytest.fixture
def limited(make_app):
    app = make_app(
        LOGIN_RATE_LIMIT="100 per minute",
        LOGIN_ACCOUNT_RATE_LIMIT="3 per minute",
        PASSWORD_CHANGE_RATE_LIMIT="2 per minute",
        BABEL_DEFAULT_LOCALE="en",
    )
    Factory(app).user("li@example.cn", "李丽娟")
    return app


def test_failures_from_many_addresses_lock_the_account_but_the_owner_gets_in_by_mail(
    limited, smtp_server
):
    smtp_server.use(limited)
    attacker = limited.test_client()
    for n in range(3):
        guess = attacker.post(
            "/login",
            data={"email": "li@example.cn", "password": f"guess {n}"},
            environ_base={"REMOTE_ADDR": f"203.0.113.{n}"},
        )
        assert guess.status_code == 200
    owner = limited.test_client()
    refused = owner.post(
        "/login",
        data={"email": "li@example.cn", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.99"},
    )
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "Too many failed log-ins for this account." in page
    assert 'href="/password/reset"' in page
    # Another account from the attackers' addresses is not locked.
    Factory(limited).user("wang@example.cn")
    logged_in(limited, "wang@example.cn", address="203.0.113.1")
    # The owner asks for the link and is in.
    owner.post("/password/reset", data={"email": "li@example.cn"})
    link = links(smtp_server.to("li@example.cn")[0])[0]
    assert owner.post(path_of(link), data={"password": NEW, "confirm": NEW}).status_code == 302
    assert is_logged_in(owner)


def test_failed_password_changes_are_limited(limited):
    client = logged_in(limited)
    for _ in range(2):
        wrong = client.post(
            "/account/password", data={"current": "not it at all", "password": NEW, "confirm": NEW}
        )
        assert wrong.status_code == 200
    refused = client.post(
        "/account/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW}
    )
    assert refused.status_code == 429
    logged_in(limited)  # the password did not change


def test_the_accounts_page_pages_through_every_account(app, factory, monkeypatch):
    from core.admin import views

    factory.user("admin@city.cn", "Admin", admin=True)
    for number in range(4):
        factory.user(f"person{number}@city.cn", f"Person {number}")
    monkeypatch.setattr(views, "ACCOUNTS_PER_PAGE", 2)
    admin = english(logged_in(app, "admin@city.cn"))
    seen = []
    for page in (1, 2, 3):
        listing = admin.get(f"/admin/users?q=city.cn&page={page}").get_data(as_text=True)
        seen += [
            e for e in ["admin@city.cn"] + [f"person{n}@city.cn" for n in range(4)] if e in listing
        ]
    assert sorted(seen) == sorted(["admin@city.cn"] + [f"person{n}@city.cn" for n in range(4)])
    assert "Page 1 of 3" in admin.get("/admin/users?q=city.cn").get_data(as_text=True)
