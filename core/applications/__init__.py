"""Applications: the intake form, drafts and submission, review and the decision."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core import labelled
    from core.applications.models import ApplicationStatus

    labelled.register(app, ApplicationStatus)
    from core.applications.queries import assigned_tenant_ids
    from core.registry.access import register_assignments

    register_assignments(app, assigned_tenant_ids)
    from core.applications import panels

    panels.init_app(app)
    from core.applications import apply_views, review_views

    app.register_blueprint(apply_views.bp)
    app.register_blueprint(review_views.bp)
