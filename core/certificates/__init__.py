"""Graduation certificates: rendering, issuing, verifying and revoking them."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.certificates import verify_views, views

    app.register_blueprint(views.bp)
    app.register_blueprint(verify_views.bp)
