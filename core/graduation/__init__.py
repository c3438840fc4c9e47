"""Graduation decisions, their rule snapshots, and the referral to the next stage."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.graduation import panels
    from core.graduation.views import bp

    app.register_blueprint(bp)
    panels.init_app(app)
    from core.audit import labels
    from core.audit.texts import stage_name
    from core.graduation.models import Graduation

    labels.register(
        app, namers={"Graduation": labels.by_id(Graduation, lambda g: stage_name(g.stage))}
    )
