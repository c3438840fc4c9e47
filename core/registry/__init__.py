"""The startup registry: profiles, annual figures, funding, IP, certifications."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.registry.views import bp

    app.register_blueprint(bp)
