"""Writing to the audit log.

Callers record an event in the same transaction as the change it describes,
so the log never claims a change that was rolled back.
"""

from __future__ import annotations

from flask_login import current_user

from core.audit.models import AuditEvent
from core.extensions import db


def record(
    action: str,
    obj,
    *,
    tenant=None,
    before: dict | None = None,
    after: dict | None = None,
    actor=None,
    startup_id: int | None = None,
) -> AuditEvent:
    """Add an audit event for ``action`` on ``obj`` to the current session.

    The actor defaults to the logged-in user (none on the command line).
    ``startup_id`` names the startup the event concerns; by default the
    object's own ``startup_id``, if it has one.
    A new object is flushed first so that it has its id; one that has an id
    is not, so that recording many events after one flush stays cheap.
    """
    if actor is None and current_user and current_user.is_authenticated:
        actor = current_user._get_current_object()
    if obj.id is None:
        db.session.flush()
    event = AuditEvent(
        tenant_id=tenant.id if tenant is not None else None,
        actor_id=actor.id if actor is not None else None,
        startup_id=startup_id if startup_id is not None else getattr(obj, "startup_id", None),
        action=action,
        object_type=type(obj).__name__,
        object_id=str(obj.id),
        before=before,
        after=after,
    )
    db.session.add(event)
    return event


def changes(before: dict, after: dict) -> tuple[dict, dict]:
    """The keys whose values differ, as a (before, after) pair."""
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
