"""2-step verification (TOTP, RFC 6238): enrolment, the log-in's second step, recovery codes,
the requirement for managers, the reset that keeps the second step, and what is audited.

Codes are computed from the secret the page shows, as the person's app would.
"""

from __future__ import annotations

import json
import re
import time
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.extensions import db
from core.mfa.models import TwoStep
from core.tenancy.models import Role
from core.timeutil import utcnow
from tests.conftest import PASSWORD, Factory
from tests.mailbox import links, path_of

EMAIL = "zhao@example.cn"
NEW = "a brand new passphrase 2027"


@pytest.fixture
def app(make_app):
    return make_app(BABEL_DEFAULT_LOCALE="en")


@pytest.fixture
def person(factory):
    return factory.user(EMAIL, "赵敏")


def log_in(client, password=PASSWORD, address="192.0.2.20"):
    return client.post(
        "/login",
        data={"email": EMAIL, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def code(secret: str, offset_steps: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.at(utcnow() + timedelta(seconds=30 * offset_steps))


def enrol(client) -> tuple[str, list[str]]:
    """Set up 2-step verification as a person does: the secret shown, a code, the password."""
    client.post("/account/two-step/start")
    page = client.get("/account/two-step").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page  # the QR code, rendered on the server
    secret = re.search(r'<code id="secret"[^>]*>([A-Z2-7 ]+)</code>', page)[1].replace(" ", "")
    done = client.post("/account/two-step/on", data={"code": code(secret), "password": PASSWORD})
    assert done.status_code == 200
    shown = done.get_data(as_text=True)
    assert "2-step verification is on." in shown
    codes = re.findall(r"<li>([A-Z2-9]{5}-[A-Z2-9]{5})</li>", shown)
    return secret, codes


@pytest.fixture
def enrolled(app, person):
    client = app.test_client()
    assert log_in(client).status_code == 302
    secret, codes = enrol(client)
    client.post("/logout")
    return secret, codes


def is_logged_in(client) -> bool:
    return client.get("/account/password").status_code == 200


def second_step(app, password=PASSWORD):
    client = app.test_client()
    response = log_in(client, password)
    assert response.headers["Location"] == "/login/verify"
    assert not is_logged_in(client)  # only the pending mark: nothing else opens meanwhile
    return client


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def stored(app) -> TwoStep:
    with app.app_context():
        return db.session.scalar(select(TwoStep))


def test_enrolment_shows_ten_recovery_codes_once_and_keeps_only_hashes(app, person, enrolled):
    secret, codes = enrolled
    assert len(codes) == len(set(codes)) == 10
    credential = stored(app)
    assert credential.enabled_at is not None
    assert secret not in credential.secret_encrypted  # encrypted with a key from SECRET_KEY
    with app.app_context():
        hashes = [row.code_hash for row in db.session.merge(credential).recovery_codes]
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any(c.replace("-", "") in h for c in codes for h in hashes)
    assert "mfa.enabled" in actions(app)


def test_enrolment_needs_the_password_and_a_current_code(app, person):
    client = app.test_client()
    log_in(client)
    client.post("/account/two-step/start")
    page = client.get("/account/two-step").get_data(as_text=True)
    secret = re.search(r'<code id="secret"[^>]*>([A-Z2-7 ]+)</code>', page)[1].replace(" ", "")
    wrong_password = client.post(
        "/account/two-step/on", data={"code": code(secret), "password": "not it at all"}
    )
    assert "The password is not correct." in wrong_password.get_data(as_text=True)
    wrong_code = client.post("/account/two-step/on", data={"code": "000000", "password": PASSWORD})
    assert "The code is not correct" in wrong_code.get_data(as_text=True)
    assert stored(app).enabled_at is None


def test_log_in_with_a_code_and_a_replayed_code_is_refused(app, enrolled):
    secret, _codes = enrolled
    client = second_step(app)
    now = code(secret, 1)  # the current step's code was spent turning it on
    assert client.post("/login/verify", data={"code": now}).status_code == 302
    assert is_logged_in(client)
    again = second_step(app)
    refused = again.post("/login/verify", data={"code": now})
    assert refused.status_code == 200
    assert "The code is not correct, or it was used already." in refused.get_data(as_text=True)
    assert not is_logged_in(again)


def test_one_step_of_drift_is_accepted_two_are_not(app, enrolled):
    secret, _codes = enrolled
    client = second_step(app)
    assert client.post("/login/verify", data={"code": code(secret, -2)}).status_code == 200
    assert client.post("/login/verify", data={"code": code(secret, 2)}).status_code == 200
    assert client.post("/login/verify", data={"code": code(secret, 1)}).status_code == 302


def test_a_recovery_code_works_once(app, enrolled):
    _secret, codes = enrolled
    client = second_step(app)
    assert client.post("/login/verify", data={"code": codes[0].lower()}).status_code == 302
    assert is_logged_in(client)
    again = second_step(app)
    assert again.post("/login/verify", data={"code": codes[0]}).status_code == 200
    assert not is_logged_in(again)
    assert "mfa.recovery_code_used" in actions(app)
    page = client.get("/account/two-step").get_data(as_text=True)
    assert "You have 9 unused recovery codes." in page


def test_wrong_codes_are_limited_per_account_but_the_owner_gets_in_by_mail(make_app, smtp_server):
    app = make_app(BABEL_DEFAULT_LOCALE="en", LOGIN_ACCOUNT_RATE_LIMIT="3 per minute")
    smtp_server.use(app)
    Factory(app).user(EMAIL, "赵敏")
    client = app.test_client()
    log_in(client)
    secret, _codes = enrol(client)
    client.post("/logout")
    for n in range(3):
        # a new address each time: the per-address limit is not the one that stops it
        guesser = app.test_client()
        log_in(guesser, address=f"198.51.100.{n}")
        assert guesser.post("/login/verify", data={"code": "123456"}).status_code == 200
    guesser = app.test_client()
    log_in(guesser, address="198.51.100.9")
    refused = guesser.post("/login/verify", data={"code": code(secret, 1)})
    assert refused.status_code == 429
    assert "Too many failed log-ins for this account" in refused.get_data(as_text=True)
    # The owner's way back: a reset link, whose second step is counted apart.
    owner = app.test_client()
    owner.post("/password/reset", data={"email": EMAIL})
    link = path_of(links(smtp_server.to(EMAIL)[0])[0])
    assert owner.post(link, data={"password": NEW, "confirm": NEW}).status_code == 302
    assert owner.post("/login/verify", data={"code": code(secret, 1)}).status_code == 302
    assert is_logged_in(owner)


def test_the_pending_mark_expires(make_app):
    app = make_app(BABEL_DEFAULT_LOCALE="en", MFA_PENDING_MINUTES=0)
    Factory(app).user(EMAIL, "赵敏")
    client = app.test_client()
    log_in(client)
    secret, _codes = enrol(client)
    client.post("/logout")
    waiting = second_step(app)
    time.sleep(1.1)
    late = waiting.post("/login/verify", data={"code": code(secret, 1)})
    assert late.headers["Location"] == "/login"
    assert not is_logged_in(waiting)


def test_a_manager_without_two_step_is_sent_to_set_it_up_first(make_app):
    app = make_app(BABEL_DEFAULT_LOCALE="en", MFA_REQUIRED_FOR=("platform_admin", "manager"))
    factory = Factory(app)
    tenant = factory.tenant("alpha")
    factory.member(tenant, EMAIL, Role.MANAGER)
    factory.user("founder@example.cn")
    client = app.test_client()
    log_in(client)
    for path in ("/", "/t/alpha/", "/account", "/account/tokens"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"] == "/account/two-step", path
    page = client.get("/account/two-step").get_data(as_text=True)
    assert "Your role requires 2-step verification." in page
    enrol(client)
    assert client.get("/account").status_code == 200
    # A founder is not required to (MFA_REQUIRED_FOR names admins and managers).
    founder = app.test_client()
    founder.post("/login", data={"email": "founder@example.cn", "password": PASSWORD})
    assert founder.get("/account").status_code == 200


def test_an_unknown_role_in_the_setting_stops_the_start(make_app):
    with pytest.raises(RuntimeError, match="MFA_REQUIRED_FOR names chief"):
        make_app(MFA_REQUIRED_FOR=("chief",))


def test_a_password_reset_still_asks_for_the_code(app, enrolled, smtp_server):
    smtp_server.use(app)
    secret, _codes = enrolled
    client = app.test_client()
    client.post("/password/reset", data={"email": EMAIL})
    link = path_of(links(smtp_server.to(EMAIL)[0])[0])
    done = client.post(link, data={"password": NEW, "confirm": NEW})
    assert done.headers["Location"] == "/login/verify"
    assert not is_logged_in(client)
    assert client.post("/login/verify", data={"code": code(secret, 1)}).status_code == 302
    assert is_logged_in(client)


def test_turning_off_needs_the_password_and_a_current_code(app, enrolled):
    secret, codes = enrolled
    client = second_step(app)
    client.post("/login/verify", data={"code": codes[0]})
    no_code = client.post(
        "/account/two-step/off", data={"password": PASSWORD, "code": code(secret)}
    )  # the code just used is refused
    assert "The code is not correct, or it was used already." in no_code.get_data(as_text=True)
    wrong = client.post(
        "/account/two-step/off", data={"password": "wrong one", "code": code(secret, 1)}
    )
    assert "The password is not correct." in wrong.get_data(as_text=True)
    off = client.post("/account/two-step/off", data={"password": PASSWORD, "code": code(secret, 1)})
    assert off.status_code == 302
    assert stored(app) is None
    assert actions(app)[-1] == "mfa.disabled"
    plain = app.test_client()
    assert log_in(plain).headers["Location"] == "/"


def test_the_data_download_says_two_step_is_on_never_the_secret(app, enrolled):
    secret, codes = enrolled
    client = second_step(app)
    client.post("/login/verify", data={"code": codes[1]})
    text = client.get("/account/data.json").get_data(as_text=True)
    (account,) = json.loads(text)["account"]
    assert account["two_step_verification_since"]
    assert secret not in text and codes[2] not in text
    assert stored(app).secret_encrypted not in text
