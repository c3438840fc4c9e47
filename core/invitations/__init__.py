"""Invitations by email: to a role at a carrier, to a startup's founders; never a password."""

from __future__ import annotations

from flask import Flask

from core.audit import labels as audit_labels
from core.invitations.texts import AUDIT_ACTIONS, AUDIT_FIELDS, AUDIT_OBJECTS


def init_app(app: Flask) -> None:
    from core.invitations.views import bp

    app.register_blueprint(bp)
    audit_labels.register(app, actions=AUDIT_ACTIONS, objects=AUDIT_OBJECTS, fields=AUDIT_FIELDS)
