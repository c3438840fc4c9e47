"""Tenancy: carrier organisations, memberships and the per-carrier pages."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.tenancy.views import bp

    app.register_blueprint(bp)
