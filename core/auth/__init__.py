"""Authentication: accounts, log-in sessions and passwords."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from core.extensions import login_manager


def init_app(app: Flask) -> None:
    from core.auth import sessions
    from core.auth.views import bp, require_own_password_and_address
    from core.web.paging import MAX_ID

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(cookie_id: str):
        user_id, _sep, key = cookie_id.partition(":")
        if not user_id.isdigit() or int(user_id) > MAX_ID or not key:
            return None
        return sessions.load(int(user_id), key)

    app.register_blueprint(bp)
    app.before_request(require_own_password_and_address)
