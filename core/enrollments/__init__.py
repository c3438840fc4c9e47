"""Enrollments: a startup admitted to a carrier's stage, its milestones and their evidence."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core import labelled
    from core.enrollments.models import EnrollmentStatus, MilestoneStatus

    labelled.register(app, EnrollmentStatus, MilestoneStatus)
    from core.enrollments import panels

    panels.init_app(app)
    from core.enrollments import views

    app.register_blueprint(views.bp)
