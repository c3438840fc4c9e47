"""Signed, expiring email verification links (itsdangerous, Flask's own signer).

A link carries the account's id, the page to go on to, and a fingerprint of
the account's email and password hash: a new sign-up for a still unverified
address replaces the password and so voids the links sent before it. The
link expires after ``EMAIL_VERIFICATION_HOURS``; confirming asks for the
account's password, so a link alone neither verifies someone else's sign-up
nor logs anyone in.
"""

from __future__ import annotations

from flask import current_app

from core.auth import links
from core.auth.models import User

SALT = "incuchain.email-verification"


def lifetime_hours() -> int:
    return int(current_app.config["EMAIL_VERIFICATION_HOURS"])


def make_token(user: User, next_path: str | None = None) -> str:
    return links.make(SALT, user, n=next_path or "")


def read_token(token: str) -> tuple[User, str] | None:
    """The account the link is for and the page to go on to; ``None`` if invalid or expired."""
    found = links.read(SALT, token, lifetime_hours() * 3600)
    if found is None:
        return None
    user, data = found
    next_path = data.get("n")
    return user, next_path if isinstance(next_path, str) else ""
