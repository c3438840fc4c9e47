"""Exports: a carrier's lists as CSV or XLSX, and the annual statistics record."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.exports.views import bp

    app.register_blueprint(bp)
