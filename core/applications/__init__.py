"""Applications: the intake form, drafts and submission, review and the decision."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core import labelled
    from core.applications.models import ApplicationStatus

    labelled.register(app, ApplicationStatus)
    from sqlalchemy.orm import joinedload

    from core.applications.models import Application, Review
    from core.audit import labels
    from core.audit.texts import stage_name

    labels.register(
        app,
        values={"Application.status": ApplicationStatus.label_of},
        namers={
            "Application": labels.by_id(Application, lambda a: stage_name(a.stage)),
            "Review": labels.by_id(
                Review, lambda r: stage_name(r.application.stage), joinedload(Review.application)
            ),
        },
    )
    from core.applications.queries import assigned_tenant_ids
    from core.registry.access import register_assignments

    register_assignments(app, assigned_tenant_ids)
    from core.applications import panels

    panels.init_app(app)
    from core.applications import apply_views, review_views

    app.register_blueprint(apply_views.bp)
    app.register_blueprint(review_views.bp)
