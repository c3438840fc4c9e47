"""Exports: a carrier's lists as CSV or XLSX, and the annual statistics record."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.exports.views import FormatConverter, bp

    app.url_map.converters["fmt"] = FormatConverter
    app.register_blueprint(bp)
