"""Per-carrier tuning of each stage's thresholds."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.settings.views import bp

    app.register_blueprint(bp)
