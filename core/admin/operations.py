"""The platform admin's changes to people's accounts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.audit import service as audit
from core.auth import operations as accounts
from core.auth import sessions
from core.auth.models import User
from core.refusals import NotPermitted, Refused

AUDIT_ACTIONS = {
    "user.deactivated": _l("Account deactivated"),
    "user.reactivated": _l("Account reactivated"),
    "user.sessions_ended": _l("Logged out everywhere"),
}


def deactivate(user: User, actor: User) -> None:
    """Stop ``user`` from logging in; their sessions end and their API tokens are revoked."""
    if not actor.is_platform_admin:
        raise NotPermitted()
    if user.id == actor.id:
        raise Refused(_l("You cannot deactivate your own account."))
    accounts.deactivate(user, actor)
    audit.record("user.deactivated", user, after={"email": user.email}, actor=actor)


def reactivate(user: User, actor: User) -> None:
    """Let ``user`` log in again with their password."""
    if not actor.is_platform_admin:
        raise NotPermitted()
    accounts.reactivate(user)
    audit.record("user.reactivated", user, after={"email": user.email}, actor=actor)


def end_sessions(user: User, actor: User) -> None:
    """Log ``user`` out of every browser (ASVS 5.0 7.4.5); the account stays usable."""
    if not actor.is_platform_admin:
        raise NotPermitted()
    sessions.end_all(user)
    audit.record("user.sessions_ended", user, after={"email": user.email}, actor=actor)
