"""The mark a log-in holds between the password and the code: signed, short-lived, one account.

Until the code is right nobody is logged in: the session holds only this
mark, a signed token (``core.auth.links``, with a salt of its own) naming the
account, the page to go on to and how the password was proved. It expires
after ``MFA_PENDING_MINUTES`` and stops working when the password changes.
"""

from __future__ import annotations

from flask import current_app, session

from core.auth import links
from core.auth.models import User

SALT = "incuchain.two-step-pending"
KEY = "two_step_pending"


def lifetime_minutes() -> int:
    return int(current_app.config["MFA_PENDING_MINUTES"])


def hold(user: User, next_path: str, via: str) -> None:
    session[KEY] = links.make(SALT, user, n=next_path, v=via)


def held() -> tuple[User, str, str] | None:
    """The account waiting for its code, the page to go on to and the way the password came."""
    token = session.get(KEY)
    found = links.read(SALT, token, lifetime_minutes() * 60) if isinstance(token, str) else None
    if found is None or not found[0].is_active:
        return None
    user, data = found
    next_path, via = data.get("n"), data.get("v")
    return user, next_path if isinstance(next_path, str) else "", str(via)


def drop() -> None:
    session.pop(KEY, None)
