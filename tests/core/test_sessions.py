"""Log-in sessions kept on the server: timeouts, log-out, and ending them (ASVS 5.0 V7)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from core.audit.models import AuditEvent
from core.auth.models import User, UserSession
from core.extensions import db
from core.timeutil import to_local, utcnow
from tests.conftest import PASSWORD
from tests.core.test_passwords import english, is_logged_in, logged_in


@pytest.fixture
def owner(factory):
    return factory.user("li@example.cn", "李丽娟")


def sessions_of(app, email="li@example.cn") -> list[UserSession]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(UserSession).join(User).where(User.email == email).order_by(UserSession.id)
            )
        )


def age(app, row_id: int, **changes) -> None:
    """Move a session's times into the past."""
    with app.app_context():
        now = utcnow()
        values = {name: now - delta for name, delta in changes.items()}
        db.session.execute(update(UserSession).where(UserSession.id == row_id).values(**values))
        db.session.commit()


def login_cookie(client) -> str:
    return client.get_cookie("session").value


def test_each_log_in_is_a_session_of_its_own_stored_by_hash(app, owner):
    phone = logged_in(app)
    logged_in(app)
    rows = sessions_of(app)
    assert len(rows) == 2
    assert all(len(r.key_hash) == 64 for r in rows)
    # The cookie never carries the stored hash.
    assert all(r.key_hash not in login_cookie(phone) for r in rows)


def test_logging_out_ends_this_session_only_and_its_copied_cookie_with_it(app, owner):
    desktop, phone = logged_in(app), logged_in(app)
    copied = login_cookie(desktop)
    desktop.post("/logout")
    assert not is_logged_in(desktop)
    assert is_logged_in(phone)
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert not is_logged_in(thief)
    assert len(sessions_of(app)) == 1


def test_a_session_ends_after_an_hour_without_use(app, owner):
    client = logged_in(app)
    (row,) = sessions_of(app)
    age(app, row.id, last_seen_at=timedelta(minutes=59))
    assert is_logged_in(client)
    age(app, row.id, last_seen_at=timedelta(minutes=61))
    response = client.get("/account/password")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_session_ends_twelve_hours_after_the_log_in_however_busy(app, owner):
    client = logged_in(app)
    (row,) = sessions_of(app)
    age(app, row.id, created_at=timedelta(hours=11, minutes=59))
    assert is_logged_in(client)
    age(app, row.id, created_at=timedelta(hours=12, minutes=1))
    assert not is_logged_in(client)


def test_the_timeouts_are_settings(app, owner):
    app.config.update(SESSION_IDLE_MINUTES=5)
    client = logged_in(app)
    (row,) = sessions_of(app)
    age(app, row.id, last_seen_at=timedelta(minutes=6))
    assert not is_logged_in(client)


def test_use_is_noted_at_most_once_a_minute_after_the_request(app, owner):
    client = logged_in(app)
    (row,) = sessions_of(app)
    age(app, row.id, last_seen_at=timedelta(minutes=30))
    assert is_logged_in(client)
    (seen,) = sessions_of(app)
    assert utcnow() - to_local(seen.last_seen_at) < timedelta(minutes=1)


def test_a_new_log_in_clears_the_timed_out_sessions(app, owner):
    logged_in(app)
    (old,) = sessions_of(app)
    age(app, old.id, last_seen_at=timedelta(hours=2))
    logged_in(app)
    (new,) = sessions_of(app)
    assert new.key_hash != old.key_hash


def test_the_owner_sees_each_browser_and_logs_out_another(app, owner):
    desktop = english(logged_in(app))
    phone = app.test_client()
    phone.post(
        "/login",
        data={"email": "li@example.cn", "password": PASSWORD},
        headers={"User-Agent": "Mozilla/5.0 (iPhone) Mobile Safari"},
    )
    page = desktop.get("/account/sessions").get_data(as_text=True)
    assert "iPhone" in page and "This browser" in page
    phone_row = next(r for r in sessions_of(app) if "iPhone" in r.user_agent)
    response = desktop.post(f"/account/sessions/{phone_row.id}/end")
    assert response.status_code == 302
    assert not is_logged_in(phone) and is_logged_in(desktop)


def test_nobody_ends_another_persons_session(app, owner, factory):
    factory.user("wang@example.cn", "王五")
    logged_in(app)
    (victim,) = sessions_of(app)
    other = logged_in(app, "wang@example.cn")
    assert other.post(f"/account/sessions/{victim.id}/end").status_code == 404
    assert len(sessions_of(app)) == 1


def test_logging_out_everywhere_else_asks_for_the_password(app, owner):
    desktop = english(logged_in(app))
    phone, tablet = logged_in(app), logged_in(app)
    wrong = desktop.post("/account/sessions/end-others", data={"password": "not it at all"})
    assert wrong.status_code == 422
    assert "The password is not correct." in wrong.get_data(as_text=True)
    assert len(sessions_of(app)) == 3
    response = desktop.post("/account/sessions/end-others", data={"password": PASSWORD})
    assert response.status_code == 302
    assert is_logged_in(desktop)
    assert not is_logged_in(phone) and not is_logged_in(tablet)


def test_the_admin_logs_a_user_out_everywhere_audited(app, owner, factory):
    factory.user("admin@city.cn", "Admin", admin=True)
    phone = logged_in(app)
    admin = english(logged_in(app, "admin@city.cn"))
    response = admin.post(f"/admin/users/{owner.id}/sessions/end", follow_redirects=True)
    assert "li@example.cn is logged out everywhere." in response.get_data(as_text=True)
    assert not is_logged_in(phone)
    logged_in(app)  # the account itself still works
    with app.app_context():
        assert db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "user.sessions_ended")
        )


def test_end_sessions_logs_everyone_out(app, owner, factory, runner):
    factory.user("wang@example.cn", "王五")
    first, second = logged_in(app), logged_in(app, "wang@example.cn")
    result = runner.invoke(args=["end-sessions"])
    assert result.exit_code == 0 and "2 sessions ended." in result.output
    assert not is_logged_in(first) and not is_logged_in(second)


def test_logging_in_starts_a_fresh_session_cookie(app, owner):
    """Session fixation (ASVS 5.0 7.2.4): a cookie planted before the log-in is not the one used."""
    client = app.test_client()
    client.get("/login")
    client.post("/language", data={"locale": "en"})
    planted = login_cookie(client)
    client.post("/login", data={"email": "li@example.cn", "password": PASSWORD})
    assert login_cookie(client) != planted and is_logged_in(client)
    victim = app.test_client()
    victim.set_cookie("session", planted)
    assert not is_logged_in(victim)


def test_a_request_finds_its_session_and_user_in_one_query(app, owner, count_queries):
    """The user loader runs on every request: one SELECT for the session and its user."""
    from core.auth import sessions

    with app.test_request_context():
        user = db.session.get(User, owner.id)
        sessions.start(user)
        key = user.session_key
        db.session.commit()
        db.session.expunge_all()
        with count_queries() as counted:
            assert sessions.load(owner.id, key).email == "li@example.cn"
        # SQLite's transactions begin with a BEGIN of ours (core.database), counted too.
        begin = 1 if db.engine.dialect.name == "sqlite" else 0
        assert counted() == begin + 1
