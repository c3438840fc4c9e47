"""Sign-up, log-in, log-out and password change."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from core.auth import operations as services
from core.auth import passwords, reset, sessions, steps, verification
from core.auth.forms import (
    ConfirmEmailForm,
    EndOtherSessionsForm,
    EndSessionForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    ResendForm,
    SignupForm,
)
from core.security.limits import (
    failed_change,
    failed_log_ins_limited,
    failed_login,
    limiter,
    logged_in_account,
    login_limit,
    password_change_limit,
    posted_account,
    signup_limit,
)
from core.web.i18n import select_locale
from core.web.urls import safe_next

bp = Blueprint("auth", __name__)


def start_session(user) -> None:
    """Log ``user`` in on a fresh session (OWASP ASVS 7.2.4), keeping the language."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    sessions.start(user)
    login_user(user)


def finish_log_in(user, next_path: str | None, *, via: str, message: str | None = None):
    """``user`` proved the password (``via`` says how): the next step, or the session starts.

    Every way in goes through here, so a step handed down (2-step
    verification) cannot be bypassed by a reset or verification link.
    ``message`` is flashed on the page that follows.
    """
    next_path = safe_next(next_path, "")
    pending = steps.answer(user, next_path, via)
    if pending is None:
        start_session(user)
    if message:
        flash(message, "success")
    return pending or redirect(next_path or url_for("home.home"))


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(signup_limit, methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("home.home"))
    form = SignupForm()
    if form.validate_on_submit():
        services.sign_up(
            form.email.data,
            form.name.data,
            form.password.data,
            locale=select_locale(),
            next_path=safe_next(request.args.get("next"), ""),
        )
        # The same page whether the address is new, unverified or taken (ASVS 6.3.7 spirit).
        return render_template("auth/check_inbox.html", email=form.email.data)
    return render_template("auth/signup.html", form=form)


@bp.route("/signup/confirm/<token>", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"], deduct_when=failed_login)
def verify_email(token: str):
    """The link mailed at sign-up: the account's password confirms the address and logs in."""
    found = verification.read_token(token)
    if found is None:
        return render_template("auth/verify_invalid.html"), 404
    user, next_path = found
    form = ConfirmEmailForm()
    if form.validate_on_submit():
        if not passwords.verify_password(user.password_hash, form.password.data):
            form.password.errors.append(_("The password is not correct."))
        else:
            services.verify_email(user)
            welcome = _(
                "Your email address is confirmed. Welcome to IncuChain, %(name)s.", name=user.name
            )
            return finish_log_in(user, next_path, via="email", message=welcome)
    return render_template("auth/verify.html", form=form, user=user)


@bp.route("/account/verify")
@login_required
def verify_pending():
    """What an account that has not confirmed its address sees instead of every other page."""
    if current_user.email_verified:
        return redirect(safe_next(request.args.get("next"), url_for("home.home")))
    return render_template("auth/verify_pending.html", form=ResendForm())


@bp.route("/account/verify/resend", methods=["POST"])
@login_required
@limiter.limit(signup_limit, exempt_when=lambda: current_user.email_verified)
def resend_verification():
    user = current_user._get_current_object()
    if ResendForm().validate_on_submit() and not user.email_verified:
        services.send_verification(user, safe_next(request.args.get("next"), ""))
        flash(_("We sent a new link to %(email)s.", email=user.email), "info")
    return redirect(url_for(".verify_pending", next=request.args.get("next")))


@bp.route("/login", methods=["GET", "POST"])
@failed_log_ins_limited(posted_account)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.log_in(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("The email or password is not correct."))
        elif not user.is_active:
            form.email.errors.append(
                _("This account has been deactivated. Ask the platform admin if it should not be.")
            )
        else:
            return finish_log_in(user, request.args.get("next"), via="password")
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
@limiter.limit(
    password_change_limit, key_func=logged_in_account, methods=["POST"], deduct_when=failed_change
)
def change_password():
    form = PasswordChangeForm()
    form.user = current_user._get_current_object()
    if form.validate_on_submit():
        if not passwords.verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("The current password is not correct."))
        else:
            user = current_user._get_current_object()
            services.set_password(user, form.password.data)
            start_session(user)
            flash(
                _(
                    "Your password has been changed. Other sessions were logged out "
                    "and your API tokens revoked."
                ),
                "success",
            )
            return redirect(url_for("home.home"))
    return render_template("auth/password.html", form=form)


def render_sessions(others_form: EndOtherSessionsForm | None = None):
    user = current_user._get_current_object()
    return render_template(
        "auth/sessions.html",
        rows=sessions.of(user),
        this=sessions.current(user),
        end_form=EndSessionForm(),
        others_form=others_form or EndOtherSessionsForm(),
    )


@bp.route("/account/sessions")
@login_required
def list_sessions():
    """The browsers logged in to this account, each of which its owner may log out."""
    return render_sessions()


@bp.route("/account/sessions/<int:session_id>/end", methods=["POST"])
@login_required
def end_session(session_id: int):
    user = current_user._get_current_object()
    row = next((r for r in sessions.of(user) if r.id == session_id), None)
    if row is None or not EndSessionForm().validate_on_submit():
        abort(404)
    services.end_session(user, row)
    flash(_("That browser has been logged out."), "success")
    return redirect(url_for(".list_sessions"))


@bp.route("/account/sessions/end-others", methods=["POST"])
@login_required
@limiter.limit(
    password_change_limit, key_func=logged_in_account, methods=["POST"], deduct_when=failed_change
)
def end_other_sessions():
    form = EndOtherSessionsForm()
    if form.validate_on_submit():
        if services.end_other_sessions(current_user._get_current_object(), form.password.data):
            flash(_("Every other browser has been logged out."), "success")
            return redirect(url_for(".list_sessions"))
        form.password.errors.append(_("The password is not correct."))
    return render_sessions(form), 422


@bp.route("/password/reset", methods=["GET", "POST"])
@limiter.limit(signup_limit, methods=["POST"])
def forgot_password():
    """Ask for a reset link; the same answer whether the address has an account or not."""
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template(
            "auth/reset_sent.html", email=form.email.data, minutes=reset.lifetime_minutes()
        )
    return render_template("auth/forgot.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """The emailed link: choose a new password, and be logged in with it.

    Not limited by the log-in limits, so an owner whose account is locked out
    by someone else's failed guesses still gets in.
    """
    user = reset.read_token(token)
    if user is None or not user.is_active:
        return render_template("auth/reset_invalid.html"), 404
    form = PasswordResetForm(user=user)
    if form.validate_on_submit():
        services.reset_password(user, form.password.data)
        done = _(
            "Your new password is set. Other sessions were logged out and your API tokens revoked."
        )
        return finish_log_in(user, None, via="reset", message=done)
    return render_template("auth/reset.html", form=form, user=user)


#: What an account may open before it has its own password and a confirmed address.
ALLOWED_FIRST = {
    "auth.change_password",
    "auth.logout",
    "auth.verify_email",
    "auth.verify_pending",
    "auth.resend_verification",
    "auth.forgot_password",
    "auth.reset_password",
    "home.set_language",
    "home.healthz",
    "static",
    "bootstrap.static",
}


def require_own_password_and_address():
    """Send accounts that must first choose a password or confirm their address there.

    An account that has not confirmed its email can log in, but every page
    that could give it a role or a startup sends it to the page asking it to
    confirm (and to resend the link).
    """
    if not current_user.is_authenticated or request.endpoint in ALLOWED_FIRST:
        return None
    if request.path.startswith("/api/"):
        return None  # the API refuses such accounts' tokens itself
    if current_user.must_change_password:
        flash(_("Please choose your own password before you continue."), "warning")
        return redirect(url_for("auth.change_password"))
    if not current_user.email_verified:
        back = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.verify_pending", next=back))
    return None
