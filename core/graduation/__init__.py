"""Graduation decisions, their rule snapshots, and the referral to the next stage."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.graduation import panels
    from core.graduation.views import bp

    app.register_blueprint(bp)
    panels.init_app(app)
