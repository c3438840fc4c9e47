"""The carrier's annual statistics record (火炬统计 items), checked and downloaded."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.statistics.views import bp

    app.register_blueprint(bp)
