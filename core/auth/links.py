"""Signed links that name an account: email verification and password reset.

Each kind of link signs with a salt of its own (itsdangerous), so one kind is
never taken for another. A link carries the account's id and a fingerprint of
its email and password hash: setting a new password, or a new sign-up
replacing an unverified one, voids every link sent before. A link expires
after its kind's lifetime.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from core.auth.models import User
from core.extensions import db


def fingerprint(user: User) -> str:
    return hashlib.sha256(f"{user.email}\n{user.password_hash}".encode()).hexdigest()[:32]


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make(salt: str, user: User, **extra: Any) -> str:
    """A link's token for ``user``, with ``extra`` values signed in it."""
    return _serializer(salt).dumps({"u": user.id, "f": fingerprint(user), **extra})


def read(salt: str, token: str, max_age_seconds: int) -> tuple[User, dict] | None:
    """The account and the signed values; ``None`` if forged, expired or voided."""
    try:
        data = _serializer(salt).loads(token, max_age=max_age_seconds)
    except BadSignature:  # SignatureExpired included
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or not hmac.compare_digest(str(data.get("f", "")), fingerprint(user)):
        return None
    return user, data
