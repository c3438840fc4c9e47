"""Making, finding and revoking personal access tokens.

A token is 32 random bytes (``secrets.token_urlsafe``) behind a fixed
``icn_`` marker, so it can be recognised in logs and secret scanners. Being
that long and random, it cannot be guessed or brute-forced from its hash, so
a fast SHA-256 is the right hash here (a slow password hash such as argon2
would only make every API call slow); the database never holds the token.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import joinedload

from core import unit_of_work
from core.api.models import ApiToken
from core.audit import service as audit
from core.extensions import db
from core.timeutil import to_local, utcnow

MARKER = "icn_"
#: ``last_used_at`` is written at most this often per token, not on every call.
TOUCH_INTERVAL = timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: the row (added to the session) and the token, shown once."""
    token = MARKER + secrets.token_urlsafe(32)
    row = ApiToken(user=user, name=name.strip(), token_hash=digest(token), prefix=token[:10])
    db.session.add(row)
    audit.record("api_token.created", row, after={"name": row.name}, actor=user)
    return row, token


def active_of(user) -> list[ApiToken]:
    """The user's tokens that still work, newest first."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def find_own(user, token_id: int) -> ApiToken | None:
    return db.session.scalar(
        select(ApiToken).where(
            ApiToken.id == token_id, ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
        )
    )


def revoke(row: ApiToken, actor) -> None:
    row.revoked_at = utcnow()
    audit.record("api_token.revoked", row, before={"name": row.name}, actor=actor)


def revoke_all(user, actor=None) -> None:
    """Revoke every working token of ``user`` (their password changed, or they were deactivated)."""
    for row in active_of(user):
        revoke(row, actor or user)


def authenticate(token: str):
    """The user a working token belongs to, or ``None``; notes when it was last used.

    An account that has not confirmed its email address gets no API access.
    """
    if not token.startswith(MARKER):
        return None
    row = db.session.scalar(
        select(ApiToken)
        .where(ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None))
        .options(joinedload(ApiToken.user))
    )
    if row is None or not row.user.email_verified or not row.user.is_active:
        return None
    now = utcnow()
    if row.last_used_at is None or now - to_local(row.last_used_at) > TOUCH_INTERVAL:
        record_use(row.id, now)
    return row.user


def record_use(token_id: int, now) -> None:
    """Note that the token was used, after the request's commit (``write_after_commit``).

    The condition keeps a concurrent request from writing it twice.
    """
    unit_of_work.write_after_commit(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - TOUCH_INTERVAL),
        )
        .values(last_used_at=now)
    )
