"""Personal access tokens: made and revoked on the account page, hashed, the only credential."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select

from core.api.models import ApiToken
from core.extensions import db
from tests.conftest import PASSWORD, Factory


def login(app, email):
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    client.post("/language", data={"locale": "en"})
    return client


def test_token_page_shows_a_new_token_once_and_stores_only_its_hash(world):
    client = login(world.app, "founder@tt.cn")
    page = client.post("/account/tokens", data={"name": "统计导出"}).get_data(as_text=True)
    token = re.search(r'id="new-token">.*?<code[^>]*>(icn_[^<]+)</code>', page, re.S).group(1)
    assert "统计导出" in page
    with world.app.app_context():
        row = db.session.scalar(select(ApiToken))
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in (row.token_hash, row.prefix)
    again = client.get("/account/tokens").get_data(as_text=True)
    assert token not in again and token[:10] in again
    response = client.get("/api/v1/tenants", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_token_name_is_required(world):
    client = login(world.app, "founder@tt.cn")
    page = client.post("/account/tokens", data={"name": " "}).get_data(as_text=True)
    assert "This field is required." in page
    assert 'id="new-token"' not in page


def test_revoked_token_no_longer_works(world, founder):
    assert founder.get("/tenants").status_code == 200
    client = login(world.app, "founder@tt.cn")
    with world.app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    assert client.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    assert founder.get("/tenants").status_code == 401
    assert "You have no tokens." in client.get("/account/tokens").get_data(as_text=True)


def test_a_user_cannot_revoke_someone_elses_token(world, founder):
    founder.get("/tenants")
    client = login(world.app, "manager@tt.cn")
    with world.app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    assert client.post(f"/account/tokens/{token_id}/revoke").status_code == 404
    assert founder.get("/tenants").status_code == 200


def test_making_a_token_needs_the_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    Factory(app).user("someone@x.cn")
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": "someone@x.cn", "password": PASSWORD, "csrf_token": csrf})
    assert client.post("/account/tokens", data={"name": "x"}).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(ApiToken)) is None


def test_no_token_bad_token_and_session_cookie_are_401(world):
    anonymous = world.app.test_client()
    response = anonymous.get("/api/v1/startups", headers={"Accept-Language": "en"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json() == {
        "code": 401,
        "status": "Unauthorized",
        "message": "Send a valid API token: Authorization: Bearer <token>.",
        "errors": {},
    }
    bad = anonymous.get("/api/v1/startups", headers={"Authorization": "Bearer icn_nope"})
    assert bad.status_code == 401
    # A logged-in browser gets nothing from the API without a token (so no CSRF is needed).
    assert login(world.app, "founder@tt.cn").get("/api/v1/startups").status_code == 401


def test_last_use_is_recorded(world, founder):
    founder.get("/tenants")
    with world.app.app_context():
        assert db.session.scalar(select(ApiToken.last_used_at)) is not None


def test_cli_prints_a_working_token(world):
    result = world.app.test_cli_runner().invoke(args=["create-token", "manager@tt.cn"])
    token = result.output.strip()
    assert token.startswith("icn_")
    response = world.app.test_client().get(
        "/api/v1/tenants", headers={"Authorization": f"Bearer {token}"}
    )
    assert [t["slug"] for t in response.get_json()] == ["tt"]


def test_cli_refuses_an_unknown_email(world):
    result = world.app.test_cli_runner().invoke(args=["create-token", "nobody@x.cn"])
    assert result.exit_code != 0
    assert "no user" in result.output


def test_a_get_under_write_load_notes_the_tokens_use_without_failing(world, founder):
    """Another connection commits a write while the GET reads; the GET still answers.

    On SQLite a read transaction cannot be upgraded to a write once another
    connection has committed ("database is locked" at once, whatever the busy
    timeout): the token's last use is therefore written after the request's
    commit, in a transaction of its own.
    """
    from sqlalchemy import event, text

    token = world.token_for("founder@tt.cn")
    app = world.app
    fired = []

    with app.app_context():
        engine = db.engine

        def write_elsewhere(conn, cursor, statement, *args):
            if "FROM api_tokens" in statement and not fired:
                fired.append(statement)
                with engine.connect() as other:
                    other.execute(text("UPDATE users SET name = 'B' WHERE email = 'stranger@x.cn'"))
                    other.commit()

        event.listen(engine, "after_cursor_execute", write_elsewhere)
        try:
            response = founder.get("/tenants")
        finally:
            event.remove(engine, "after_cursor_execute", write_elsewhere)
    assert fired
    assert response.status_code == 200, response.get_data(as_text=True)
    with app.app_context():
        row = db.session.scalar(select(ApiToken).where(ApiToken.prefix == token[:10]))
        assert row.last_used_at is not None
