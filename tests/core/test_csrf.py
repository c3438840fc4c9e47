"""Every POST is protected against cross-site request forgery."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from core.auth.models import User
from core.extensions import db
from core.tenancy.models import Role
from tests.conftest import PASSWORD, Factory


def post_urls(app) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        # The API ignores session cookies and needs a bearer token instead, so
        # it needs no CSRF token (tests/api/test_tokens.py checks a cookie gets 401).
        if rule.rule.startswith("/api/"):
            continue
        if "POST" in rule.methods:
            url = re.sub(r"<(?:\w+:)?tenant_slug>", "alpha", rule.rule)
            url = re.sub(r"<(?:\w+:)?slug>", "alpha", url)
            url = url.replace("<stage:stage>", "incubator")
            urls.append(re.sub(r"<(?:\w+:)?\w+>", "1", url))
    return urls


def csrf_token(client, url="/login") -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_every_post_without_a_token_is_refused(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    factory = Factory(app)
    tenant = factory.tenant("alpha")
    factory.member(tenant, "m@alpha.cn", Role.MANAGER)
    factory.user("admin@city.cn", admin=True)
    anonymous, manager, admin = (app.test_client() for _ in range(3))
    for client, email in ((manager, "m@alpha.cn"), (admin, "admin@city.cn")):
        token = csrf_token(client)
        client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    urls = post_urls(app)
    assert "/login" in urls and "/t/alpha/members" in urls and "/admin/tenants/new" in urls
    for client in (anonymous, manager, admin):
        for url in urls:
            response = client.post(url, data={"email": "x@y.cn", "name": "X"})
            assert response.status_code == 400, url


def test_a_post_with_the_token_goes_through(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    data = {
        "name": "X",
        "email": "x@y.cn",
        "password": PASSWORD,
        "confirm": PASSWORD,
        "consent": "y",
    }
    assert client.post("/signup", data=data).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
    data["csrf_token"] = csrf_token(client, "/signup")
    assert client.post("/signup", data=data).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1
