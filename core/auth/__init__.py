"""Authentication: accounts, log-in sessions and passwords."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from core.extensions import db, login_manager


def init_app(app: Flask) -> None:
    from core.auth.models import User
    from core.auth.views import bp, require_own_password_and_address

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(cookie_id: str):
        user_id, _sep, token = cookie_id.partition(":")
        if not user_id.isdigit() or not token:
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.is_active or user.session_token != token:
            return None
        return user

    app.register_blueprint(bp)
    app.before_request(require_own_password_and_address)
