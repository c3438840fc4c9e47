"""Signed password reset links, single use, expiring after ``PASSWORD_RESET_MINUTES``.

A link carries the account's id and a fingerprint of its email and password
hash (itsdangerous, with a salt of its own, so a verification link is never a
reset link). Setting the new password changes the hash, which voids the
link: it works once, and every earlier reset link stops working with it.
"""

from __future__ import annotations

import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from core.auth.models import User
from core.auth.verification import fingerprint
from core.extensions import db

SALT = "incuchain.password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def lifetime_minutes() -> int:
    return int(current_app.config["PASSWORD_RESET_MINUTES"])


def make_token(user: User) -> str:
    return _serializer().dumps({"u": user.id, "f": fingerprint(user)})


def read_token(token: str) -> User | None:
    """The account the link is for; ``None`` if forged, expired or already used."""
    try:
        data = _serializer().loads(token, max_age=lifetime_minutes() * 60)
    except BadSignature:  # SignatureExpired included
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or not hmac.compare_digest(str(data.get("f", "")), fingerprint(user)):
        return None
    return user
