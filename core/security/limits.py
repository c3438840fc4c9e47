"""Rate limits on log-in, sign-up and password changes (OWASP ASVS 5.0 6.1.1, 6.3.1).

Failed log-ins count twice: per client address (``LOGIN_RATE_LIMIT``) and per
account, whatever the address (``LOGIN_ACCOUNT_RATE_LIMIT``), so that many
addresses cannot share the guesses at one password. An owner locked out by
someone else's failures gets in through an emailed link (password reset),
which these limits do not block.

Counts live in ``RATELIMIT_STORAGE_URI``: Redis (``redis://host:6379/0``) in
production, shared by every app server. The default, ``memory://``, counts
inside one process: with several gunicorn workers each worker counts on its
own, so the effective limit is the configured one times the number of
workers. Use it for a single process only (development, tests).
"""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user

limiter = Limiter(key_func=get_remote_address)

#: The ``error_message`` of the per-account limit, so the 429 page can say which one it was.
ACCOUNT = "account"


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def signup_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


def account_login_limit() -> str:
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def password_change_limit() -> str:
    return current_app.config["PASSWORD_CHANGE_RATE_LIMIT"]


def posted_account() -> str:
    """The account a log-in names (the posted email, as log-in finds it)."""
    email = request.form.get("email", "")
    return "account:" + (email.strip().lower() if isinstance(email, str) else "")[:254]


def logged_in_account() -> str:
    """The logged-in user, or the address for anyone else (who is sent to log in)."""
    user_id = current_user.get_id() if current_user.is_authenticated else None
    return "user:" + user_id.partition(":")[0] if user_id else get_remote_address()


def failed_login(response) -> bool:
    """A log-in that did not redirect (wrong password, invalid form) counts."""
    return response.status_code != 302


def failed_change(response) -> bool:
    """A password change that did not redirect (wrong current password, bad new one) counts."""
    return response.status_code != 302


def failed_log_ins_limited(account_key):
    """Limit a log-in view's failed posts per client address and per account.

    ``account_key`` names the account a post is for (``posted_account`` for
    the password, the account waiting for its code for the second step).
    """

    def decorate(view):
        per_account = limiter.limit(
            account_login_limit,
            key_func=account_key,
            methods=["POST"],
            deduct_when=failed_login,
            error_message=ACCOUNT,
        )
        return limiter.limit(login_limit, methods=["POST"], deduct_when=failed_login)(
            per_account(view)
        )

    return decorate


def too_many_requests(error):
    limit = getattr(error, "limit", None)
    account = getattr(limit, "error_message", None) == ACCOUNT
    login = request.endpoint in {"auth.login", "auth.verify_email", "mfa.verify"}
    return render_template("errors/too_many.html", account=account, login=login), 429


def init_app(app: Flask) -> None:
    limiter.init_app(app)
    app.register_error_handler(429, too_many_requests)
