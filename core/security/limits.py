"""Rate limits on log-in and sign-up (OWASP ASVS 5.0 6.1.1, 6.3.1).

Counts live in ``RATELIMIT_STORAGE_URI``: Redis (``redis://host:6379/0``) in
production, shared by every app server. The default, ``memory://``, counts
inside one process: with several gunicorn workers each worker counts on its
own, so the effective limit is the configured one times the number of
workers. Use it for a single process only (development, tests).
"""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def signup_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


def failed_login(response) -> bool:
    """A log-in that did not redirect (wrong password, invalid form) counts."""
    return response.status_code != 302


def too_many_requests(error):
    return render_template("errors/error.html", code=429), 429


def init_app(app: Flask) -> None:
    limiter.init_app(app)
    app.register_error_handler(429, too_many_requests)
