"""Imports: startups and their annual figures from XLSX or CSV, checked before any write."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.imports.views import bp

    app.register_blueprint(bp)
