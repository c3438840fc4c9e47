"""Platform administration: carriers and their managers."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.admin.views import bp

    app.register_blueprint(bp)
