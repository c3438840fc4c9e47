"""The append-only audit log: recording events, and each carrier's log page and export."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.audit.views import bp

    app.register_blueprint(bp)
