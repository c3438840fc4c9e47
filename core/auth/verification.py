"""Signed, expiring email verification links (itsdangerous, Flask's own signer).

A link carries the account's id, the page to go on to, and a fingerprint of
the account's email and password hash: a new sign-up for a still unverified
address replaces the password and so voids the links sent before it. The
link expires after ``EMAIL_VERIFICATION_HOURS``; confirming asks for the
account's password, so a link alone neither verifies someone else's sign-up
nor logs anyone in.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from core.auth.models import User
from core.extensions import db

SALT = "incuchain.email-verification"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def lifetime_hours() -> int:
    return int(current_app.config["EMAIL_VERIFICATION_HOURS"])


def fingerprint(user: User) -> str:
    return hashlib.sha256(f"{user.email}\n{user.password_hash}".encode()).hexdigest()[:32]


def make_token(user: User, next_path: str | None = None) -> str:
    return _serializer().dumps({"u": user.id, "f": fingerprint(user), "n": next_path or ""})


def read_token(token: str) -> tuple[User, str] | None:
    """The account the link is for and the page to go on to; ``None`` if invalid or expired."""
    try:
        data = _serializer().loads(token, max_age=lifetime_hours() * 3600)
    except BadSignature:  # SignatureExpired included
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or not hmac.compare_digest(str(data.get("f", "")), fingerprint(user)):
        return None
    next_path = data.get("n")
    return user, next_path if isinstance(next_path, str) else ""
