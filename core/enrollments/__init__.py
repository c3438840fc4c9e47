"""Enrollments: a startup admitted to a carrier's stage, its milestones and their evidence."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core import labelled
    from core.enrollments.models import EnrollmentStatus, MilestoneStatus

    labelled.register(app, EnrollmentStatus, MilestoneStatus)
    from flask_babel import get_locale

    from core.audit import labels
    from core.audit.texts import stage_name
    from core.enrollments.models import Enrollment, Milestone
    from core.plugin_api import bilingual

    labels.register(
        app,
        values={
            "Enrollment.status": EnrollmentStatus.label_of,
            "Milestone.status": MilestoneStatus.label_of,
        },
        namers={
            "Enrollment": labels.by_id(Enrollment, lambda e: stage_name(e.stage)),
            "Milestone": labels.by_id(
                Milestone, lambda m: bilingual(get_locale(), m.title_zh, m.title_en)
            ),
        },
    )
    from core.enrollments import panels

    panels.init_app(app)
    from core.enrollments import views

    app.register_blueprint(views.bp)
