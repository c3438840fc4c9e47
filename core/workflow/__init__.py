"""The stage workflow: applications, review, admission, milestones, notifications."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.workflow import apply_views, milestone_views, notification_views, review_views

    for module in (apply_views, review_views, milestone_views, notification_views):
        app.register_blueprint(module.bp)
    app.context_processor(lambda: {"unread_notifications": notification_views.unread_count})
