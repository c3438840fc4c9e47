"""Log-in sessions kept on the server, one row per browser (OWASP ASVS 5.0 V7).

The login cookie (Flask's signed session) holds the user's id and a random
key; the ``user_sessions`` table holds a hash of the key. A request is logged
in only while its row exists and is within both timeouts:

* **inactivity** — ``SESSION_IDLE_MINUTES`` (60) since the session was last
  used (ASVS 7.3.1);
* **absolute** — ``SESSION_MAX_HOURS`` (12) since the log-in, however busy
  the session (ASVS 7.3.2).

NIST SP 800-63B asks at AAL2 for re-authentication at least every 12 hours
(rev. 3; 24 hours in rev. 4) and after 30 minutes (rev. 3; one hour in
rev. 4) of inactivity: the defaults take rev. 3's absolute limit and rev. 4's
inactivity limit, so that a manager reviewing applications for an hour is
not logged out mid-form. Any number of sessions may be open at once
(ASVS 7.1.2); their owner sees them on the account page and ends any of them.

Ending a session deletes its row: a copied cookie stops working at once
(ASVS 7.4.1).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, request
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import joinedload

from core import unit_of_work
from core.auth.models import User, UserSession
from core.extensions import db
from core.timeutil import to_local, utcnow

#: ``last_seen_at`` is written at most this often per session, not on every request.
TOUCH_INTERVAL = timedelta(minutes=1)
USER_AGENT_KEPT = 200


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def idle_limit() -> timedelta:
    return timedelta(minutes=int(current_app.config["SESSION_IDLE_MINUTES"]))


def absolute_limit() -> timedelta:
    return timedelta(hours=int(current_app.config["SESSION_MAX_HOURS"]))


def start(user: User) -> UserSession:
    """A new session for ``user``; ``user.session_key`` is set for the login cookie.

    The user's sessions that have timed out are removed on the way.
    """
    now = utcnow()
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id, _timed_out(now)))
    key = secrets.token_urlsafe(32)
    row = UserSession(
        user=user,
        key_hash=digest(key),
        created_at=now,
        last_seen_at=now,
        user_agent=request.headers.get("User-Agent", "")[:USER_AGENT_KEPT],
    )
    db.session.add(row)
    user.session_key = key
    return row


def _timed_out(now: datetime):
    return or_(
        UserSession.last_seen_at < now - idle_limit(),
        UserSession.created_at < now - absolute_limit(),
    )


def load(user_id: int, key: str) -> User | None:
    """The active user whose session this key opens, or ``None``; notes that it was used.

    Runs on every request: the session and its user come in one query.
    """
    row = db.session.scalar(
        select(UserSession)
        .where(UserSession.key_hash == digest(key), UserSession.user_id == user_id)
        .options(joinedload(UserSession.user))
    )
    if row is None or not row.user.is_active:
        return None
    now = utcnow()
    seen = to_local(row.last_seen_at)
    if now - seen > idle_limit() or now - to_local(row.created_at) > absolute_limit():
        return None
    if now - seen > TOUCH_INTERVAL:
        # The condition keeps a concurrent request from writing it twice.
        unit_of_work.write_after_commit(
            update(UserSession)
            .where(UserSession.id == row.id, UserSession.last_seen_at < now - TOUCH_INTERVAL)
            .values(last_seen_at=now)
        )
    user = row.user
    user.session_key = key
    return user


def current(user: User) -> UserSession | None:
    """The session this request was made in."""
    if not user.session_key:
        return None
    return db.session.scalar(
        select(UserSession).where(UserSession.key_hash == digest(user.session_key))
    )


def of(user: User) -> list[UserSession]:
    """The user's sessions that are still open, most recently used first."""
    now = utcnow()
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id, ~_timed_out(now))
            .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
        )
    )


def end(row: UserSession) -> None:
    db.session.delete(row)


def end_everyone() -> int:
    """End every session of every user (after a suspected breach); how many there were."""
    return db.session.execute(delete(UserSession)).rowcount


def end_all(user: User, *, keep: UserSession | None = None) -> None:
    """End every session of ``user``, except ``keep`` when given."""
    statement = delete(UserSession).where(UserSession.user_id == user.id)
    if keep is not None:
        statement = statement.where(UserSession.id != keep.id)
    db.session.execute(statement.execution_options(synchronize_session=False))
