"""Platform administration: carriers and their managers."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.admin.operations import AUDIT_ACTIONS
    from core.admin.views import bp
    from core.audit import labels

    app.register_blueprint(bp)
    labels.register(app, actions=AUDIT_ACTIONS)
