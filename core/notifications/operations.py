"""In-app notifications: stored as a kind and parameters, shown in the reader's language."""

from __future__ import annotations

from sqlalchemy import update

from core.extensions import db
from core.notifications.models import Notification
from core.timeutil import utcnow


def notify(user, kind: str, params: dict, *, link: str = "", tenant=None) -> Notification:
    """Add a notification for ``user`` to the session (committed with the change)."""
    notification = Notification(
        user_id=user.id,
        tenant_id=tenant.id if tenant is not None else None,
        kind=kind,
        params=params,
        link=link,
    )
    db.session.add(notification)
    return notification


def mark_read(user, ids=None) -> None:
    """Mark ``user``'s unread notifications read: those with ``ids``, or all of them.

    One UPDATE, leaving the loaded rows as they are (a page showing them still
    highlights what was new).
    """
    query = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if ids is not None:
        query = query.where(Notification.id.in_(ids))
    db.session.execute(query.values(read_at=utcnow()).execution_options(synchronize_session=False))
