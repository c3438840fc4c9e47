"""Signed password reset links, single use, expiring after ``PASSWORD_RESET_MINUTES``.

A link (``core.auth.links``, with a salt of its own, so a verification link
is never a reset link) carries a fingerprint of the account's password hash.
Setting the new password changes the hash, which voids the link: it works
once, and every earlier reset link stops working with it.
"""

from __future__ import annotations

from flask import current_app

from core.auth import links
from core.auth.models import User

SALT = "incuchain.password-reset"


def lifetime_minutes() -> int:
    return int(current_app.config["PASSWORD_RESET_MINUTES"])


def make_token(user: User) -> str:
    return links.make(SALT, user)


def read_token(token: str) -> User | None:
    """The account the link is for; ``None`` if forged, expired or already used."""
    found = links.read(SALT, token, lifetime_minutes() * 60)
    return found[0] if found else None
