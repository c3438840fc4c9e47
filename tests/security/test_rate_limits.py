"""Log-in and sign-up are rate-limited per client address, with a clear message.

Counts are kept in ``RATELIMIT_STORAGE_URI``. With ``REDIS_URL`` set (this
machine runs Redis; CI may not), one test checks that two app servers share
the count through Redis; without it, the same test shows the in-memory
default counting per process, which is why docs/security.md limits it to a
single process.
"""

from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import PASSWORD

LIMITED = {"LOGIN_RATE_LIMIT": "3 per minute", "SIGNUP_RATE_LIMIT": "2 per minute"}
TOO_MANY = "Too many attempts from your address"


@pytest.fixture
def limited(make_app):
    app = make_app(**LIMITED, BABEL_DEFAULT_LOCALE="en")
    with app.app_context():
        from core.auth import operations as services
        from core.extensions import db

        services.create_user("someone@example.cn", "Someone", PASSWORD, verified=True)
        db.session.commit()
    return app


def log_in(client, password="wrong password!", address="198.51.100.1"):
    return client.post(
        "/login",
        data={"email": "someone@example.cn", "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_failed_log_ins_are_limited_with_a_message_and_retry_after(limited):
    client = limited.test_client()
    for _ in range(3):
        assert log_in(client).status_code == 200
    refused = log_in(client)
    assert refused.status_code == 429
    assert TOO_MANY in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    # The right password is refused too until the window passes.
    assert log_in(client, PASSWORD).status_code == 429


def test_the_log_in_page_itself_and_other_addresses_are_not_limited(limited):
    client = limited.test_client()
    for _ in range(4):
        log_in(client)
    assert client.get("/login", environ_base={"REMOTE_ADDR": "198.51.100.1"}).status_code == 200
    assert log_in(client, address="198.51.100.2").status_code == 200


def test_successful_log_ins_do_not_count(limited):
    for _ in range(5):
        assert log_in(limited.test_client(), PASSWORD).status_code == 302


def test_sign_ups_are_limited(limited):
    client = limited.test_client()
    for n in range(2):
        response = client.post(
            "/signup",
            data={"email": "x@example.cn", "name": "X", "password": "short", "confirm": "short"},
            environ_base={"REMOTE_ADDR": "198.51.100.3"},
        )
        assert response.status_code == 200, n
    refused = client.post("/signup", data={}, environ_base={"REMOTE_ADDR": "198.51.100.3"})
    assert refused.status_code == 429 and TOO_MANY in refused.get_data(as_text=True)


def test_the_count_is_shared_between_app_servers_only_through_redis(make_app):
    """Two apps stand for two gunicorn workers."""
    redis_url = os.environ.get("REDIS_URL", "")
    storage = {"RATELIMIT_STORAGE_URI": redis_url or "memory://"}
    # A fresh key prefix, so counts left in Redis by an earlier run do not matter.
    prefix = {"RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    first = make_app(**LIMITED, **storage, **prefix)
    with first.app_context():
        from core.auth import operations as services
        from core.extensions import db

        services.create_user("someone@example.cn", "Someone", PASSWORD, verified=True)
        db.session.commit()
    for _ in range(3):
        assert log_in(first.test_client()).status_code == 200
    second = make_app(**LIMITED, **storage, **prefix)
    expected = 429 if redis_url else 200
    assert log_in(second.test_client()).status_code == expected
