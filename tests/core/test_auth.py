"""Sign-up, log-in, log-out and password change."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.auth.models import User
from core.extensions import db
from tests.conftest import PASSWORD


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def stored_user(app, email):
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


SIGNUP = {
    "name": "王建华",
    "email": "Wang@Example.CN",
    "password": PASSWORD,
    "confirm": PASSWORD,
    "consent": "y",
}


def test_signup_stores_an_argon2id_hash_never_the_password(client, app):
    client.post("/signup", data=SIGNUP)
    user = stored_user(app, "wang@example.cn")
    assert user is not None and not user.is_platform_admin
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"confirm": "something else"}, "The passwords do not match."),
        ({"password": "short", "confirm": "short"}, "Use 8 to 128 characters."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_signup_with_bad_input_writes_nothing_and_keeps_what_was_typed(
    client, app, change, field_message
):
    client.post("/language", data={"locale": "en"})
    response = client.post("/signup", data={**SIGNUP, **change})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert field_message in page
    assert "invalid-feedback" in page
    typed = {**SIGNUP, **change}
    if typed["name"]:
        assert f'value="{typed["name"]}"' in page
    assert user_count(app) == 0


def test_login_and_logout(client, auth, factory):
    factory.user("li@example.cn", "李丽娟")
    response = auth.login("LI@example.cn ", follow_redirects=True)
    assert "李丽娟" in response.get_data(as_text=True)
    response = auth.logout()
    assert response.headers["Location"] == "/login"
    assert "李丽娟" not in client.get("/").get_data(as_text=True)


def test_logout_is_post_only(client, auth, factory):
    factory.user("li@example.cn")
    auth.login("li@example.cn")
    assert client.get("/logout").status_code == 405


def test_wrong_password_is_refused_with_a_field_message(client, auth, factory):
    factory.user("li@example.cn")
    client.post("/language", data={"locale": "en"})
    response = auth.login("li@example.cn", "wrong password")
    page = response.get_data(as_text=True)
    assert "The email or password is not correct." in page
    assert 'value="li@example.cn"' in page
    assert client.get("/account/password").status_code == 302


def test_unknown_email_gets_the_same_message(client, auth):
    client.post("/language", data={"locale": "en"})
    page = auth.login("nobody@example.cn").get_data(as_text=True)
    assert "The email or password is not correct." in page


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [
        ("/account/password", "/account/password"),
        ("https://evil.example.com/", "/"),
        ("//evil.example.com/", "/"),
        ("/\\evil.example.com", "/"),
    ],
)
def test_login_follows_only_local_next_urls(client, auth, factory, next_url, landing):
    factory.user("li@example.cn")
    response = client.post(
        "/login",
        query_string={"next": next_url},
        data={"email": "li@example.cn", "password": PASSWORD},
    )
    assert response.headers["Location"] == landing


def test_a_copied_session_cookie_stops_working_after_logout(app, factory):
    factory.user("li@example.cn")
    browser, thief = app.test_client(), app.test_client()
    browser.post("/login", data={"email": "li@example.cn", "password": PASSWORD})
    thief.set_cookie("session", browser.get_cookie("session").value)
    assert thief.get("/account/password").status_code == 200
    browser.post("/logout")
    assert thief.get("/account/password").status_code == 302


def test_password_change_ends_other_sessions_and_keeps_this_one(app, factory):
    factory.user("li@example.cn")
    phone, laptop = app.test_client(), app.test_client()
    for client in (phone, laptop):
        client.post("/login", data={"email": "li@example.cn", "password": PASSWORD})
    new = "a much longer new password"
    response = laptop.post(
        "/account/password", data={"current": PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302
    assert laptop.get("/account/password").status_code == 200
    assert phone.get("/account/password").status_code == 302
    assert phone.post("/login", data={"email": "li@example.cn", "password": new}).status_code == 302


STRONG = "seven purple giraffes"


def test_password_change_needs_the_current_password(client, auth, factory, app):
    factory.user("li@example.cn")
    auth.login("li@example.cn")
    client.post("/language", data={"locale": "en"})
    before = stored_user(app, "li@example.cn").password_hash
    page = client.post(
        "/account/password",
        data={"current": "wrong", "password": STRONG, "confirm": STRONG},
    ).get_data(as_text=True)
    assert "The current password is not correct." in page
    assert stored_user(app, "li@example.cn").password_hash == before


def test_temporary_password_must_be_replaced_first(client, auth, factory, app):
    factory.user("li@example.cn")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "li@example.cn"))
        user.must_change_password = True
        db.session.commit()
    auth.login("li@example.cn")
    assert client.get("/").headers["Location"] == "/account/password"
    new = "my own password 2026"
    client.post("/account/password", data={"current": PASSWORD, "password": new, "confirm": new})
    assert client.get("/").status_code == 200
    assert not stored_user(app, "li@example.cn").must_change_password


def test_weaker_hashes_are_upgraded_at_login(make_app, tmp_path):
    from tests.conftest import Factory

    weak = make_app()
    Factory(weak).user("li@example.cn")
    strong = make_app(ARGON2_TIME_COST=2)
    strong.test_client().post("/login", data={"email": "li@example.cn", "password": PASSWORD})
    assert "t=2" in stored_user(strong, "li@example.cn").password_hash


def test_session_cookie_is_httponly_and_samesite_lax(client, auth, factory):
    factory.user("li@example.cn")
    response = auth.login("li@example.cn")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_when_configured(make_app, monkeypatch):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    app = make_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    from tests.conftest import Factory

    Factory(app).user("li@example.cn")
    response = app.test_client().post(
        "/login", data={"email": "li@example.cn", "password": PASSWORD}
    )
    assert "Secure" in response.headers["Set-Cookie"]


def test_password_fields_are_masked_and_password_managers_may_fill_them(client, auth, factory):
    """ASVS 5.0 6.2.6 and 6.2.7: type=password, autocomplete hints, nothing blocking paste."""
    import re

    pages = [client.get("/login"), client.get("/signup")]
    factory.user("li@example.cn", "李丽娟")
    auth.login("li@example.cn")
    pages += [client.get("/account/password")]
    for page in pages:
        html = page.get_data(as_text=True)
        fields = re.findall(r"<input[^>]*name=\"(?:password|confirm|current)\"[^>]*>", html)
        assert fields, html
        for field in fields:
            assert 'type="password"' in field
            assert 'autocomplete="current-password"' in field or (
                'autocomplete="new-password"' in field
            )
        assert 'autocomplete="off"' not in html and "onpaste" not in html
