"""Pages that belong to no carrier: home, public stage pages, language, health."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.home.views import bp

    app.register_blueprint(bp)
