"""A carrier's own pages (overview, profile, members) and the operations that change carriers."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.carriers.views import bp

    app.register_blueprint(bp)
