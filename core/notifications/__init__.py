"""In-app notifications: stored as a kind and parameters, shown in the reader's language."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.notifications import views

    app.register_blueprint(views.bp)
    app.context_processor(lambda: {"unread_notifications": views.unread_count})
