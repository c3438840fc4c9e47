"""Personal information (个人信息保护法, PIPL): the notice, consent, one's own data, closing.

The privacy notice (``/privacy``) says what is collected, why, who sees it,
how long it is kept and the person's rights; sign-up asks for consent to it
(``core.auth`` records the version), and a changed version is consented to
again before anything else (``ask_for_consent``). The account page lets each
person download what the platform holds about them (JSON or XLSX) and close
their account (``operations.close_account``).
"""

from __future__ import annotations

from flask import Flask

from core.audit import labels as audit_labels
from core.privacy.texts import AUDIT_ACTIONS, AUDIT_FIELDS, AUDIT_OBJECTS


def init_app(app: Flask) -> None:
    from core.privacy.views import ask_for_consent, bp

    app.register_blueprint(bp)
    app.before_request(ask_for_consent)
    audit_labels.register(app, actions=AUDIT_ACTIONS, objects=AUDIT_OBJECTS, fields=AUDIT_FIELDS)
