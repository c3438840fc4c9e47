"""A carrier's portfolio: its startup list and stage lists, and their CSV/XLSX downloads."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.portfolio.views import bp

    app.register_blueprint(bp)
