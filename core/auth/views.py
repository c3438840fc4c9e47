"""Sign-up, log-in, log-out and password change."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from core.auth import operations as services
from core.auth import passwords
from core.auth.forms import LoginForm, PasswordChangeForm, SignupForm
from core.security.limits import failed_login, limiter, login_limit, signup_limit
from core.web.urls import safe_next

bp = Blueprint("auth", __name__)


def start_session(user) -> None:
    """Log ``user`` in on a fresh session (OWASP ASVS 7.2.4), keeping the language."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    login_user(user)


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(signup_limit, methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("home.home"))
    form = SignupForm()
    if form.validate_on_submit():
        user = services.sign_up(form.email.data, form.name.data, form.password.data)
        if user is None:
            form.email.errors.append(_("An account with this email already exists."))
        else:
            start_session(user)
            flash(_("Welcome to IncuChain, %(name)s.", name=user.name), "success")
            return redirect(safe_next(request.args.get("next"), url_for("home.home")))
    return render_template("auth/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"], deduct_when=failed_login)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.log_in(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("The email or password is not correct."))
        else:
            start_session(user)
            return redirect(safe_next(request.args.get("next"), url_for("home.home")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.log_out(current_user._get_current_object())
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not passwords.verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("The current password is not correct."))
        else:
            user = current_user._get_current_object()
            services.set_password(user, form.password.data)
            start_session(user)
            flash(_("Your password has been changed. Other sessions were logged out."), "success")
            return redirect(url_for("home.home"))
    return render_template("auth/password.html", form=form)


ALLOWED_BEFORE_PASSWORD_CHANGE = {
    "auth.change_password",
    "auth.logout",
    "home.set_language",
    "home.healthz",
    "static",
    "bootstrap.static",
}


def require_password_change():
    """Send users with a temporary password to the password page first."""
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in ALLOWED_BEFORE_PASSWORD_CHANGE
    ):
        flash(_("Please choose your own password before you continue."), "warning")
        return redirect(url_for("auth.change_password"))
    return None


def flash_account(user, password: str | None) -> None:
    """Confirm that someone was added; show a new account's temporary password once."""
    if password:
        flash(
            _(
                "Account created for %(email)s. Temporary password: %(password)s — "
                "pass it on privately; it must be changed at first log-in.",
                email=user.email,
                password=password,
            ),
            "warning",
        )
    else:
        flash(_("%(name)s has been added.", name=user.name), "success")
