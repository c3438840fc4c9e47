"""2-step verification: a time-based one-time password app (RFC 6238) as a second factor.

A user turns it on from the account pages (``views.settings``) by scanning a
QR code and confirming a current code with their password, and receives ten
single-use recovery codes, shown once. From then on every way in (log-in,
password reset, email verification) stops after the password at
``/login/verify`` (``core.auth.steps``), and the session starts only once a
code is right. ``MFA_REQUIRED_FOR`` names the roles that must have it on;
they are sent to set it up before any other page. See docs/security.md.
"""

from __future__ import annotations

from flask import Flask

from core.audit import labels as audit_labels
from core.auth import steps
from core.mfa.texts import AUDIT_ACTIONS, AUDIT_FIELDS


def init_app(app: Flask) -> None:
    from core.mfa import operations
    from core.mfa.views import bp, require_two_step, second_step

    operations.check_settings(app)
    app.register_blueprint(bp)
    app.before_request(require_two_step)
    steps.add(app, second_step)
    audit_labels.register(app, actions=AUDIT_ACTIONS, fields=AUDIT_FIELDS)
