"""In-app notifications: stored as a kind and parameters, shown in the reader's language."""

from __future__ import annotations

from core.extensions import db
from core.notifications.models import Notification


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
