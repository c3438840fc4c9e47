"""The account's 2-step verification page, and the log-in's second step (``/login/verify``)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from core.auth.passwords import verify_password
from core.auth.views import start_session
from core.mfa import operations, pending, totp
from core.mfa.forms import StartForm, TurnOffForm, TurnOnForm, VerifyForm
from core.refusals import Refused
from core.security.limits import (
    failed_change,
    failed_log_ins_limited,
    limiter,
    logged_in_account,
    password_change_limit,
)

bp = Blueprint("mfa", __name__)

#: Turning it on or off checks the password: failures count like failed password changes.
password_checked = limiter.limit(
    password_change_limit, key_func=logged_in_account, methods=["POST"], deduct_when=failed_change
)


def second_step(user, next_path: str, via: str):
    """The log-in step ``core.auth`` is handed: a user with 2-step on enters a code first."""
    if not operations.is_on(user):
        return None
    pending.hold(user, next_path, via)
    return redirect(url_for("mfa.verify"))


def pending_account() -> str:
    """The account waiting for its code, counted apart for each way the password came.

    Someone who knows the password and guesses codes locks out the log-in
    with that password only; the owner still gets in through an emailed
    reset link, which is counted on its own.
    """
    held = pending.held()
    if held is None:
        return get_remote_address()
    user, _next, via = held
    return f"two-step:{user.id}:{'password' if via == 'password' else 'mailed'}"


@bp.route("/login/verify", methods=["GET", "POST"])
@failed_log_ins_limited(pending_account)
def verify():
    """The second step: a current code or a recovery code, then the session starts."""
    held = pending.held()
    if held is None:
        pending.drop()
        flash(_("Please log in again: the time to enter the code has run out."), "info")
        return redirect(url_for("auth.login"))
    user, next_path, _via = held
    form = VerifyForm()
    if form.validate_on_submit():
        if operations.check(user, form.code.data):
            start_session(user)
            return redirect(next_path or url_for("home.home"))
        form.code.errors.append(_("The code is not correct, or it was used already."))
    return render_template("mfa/verify.html", form=form, minutes=pending.lifetime_minutes())


def _settings_page(**forms):
    user = current_user._get_current_object()
    found = operations.credential(user)
    setup = None
    if found is not None and not found.is_on:
        secret = operations.secret_of(found)
        if secret is not None:
            link = totp.uri(secret, user.email)
            setup = {"qr": totp.qr_data_uri(link), "secret": totp.grouped(secret)}
    return render_template(
        "mfa/settings.html",
        credential=found if found is not None and found.is_on else None,
        codes_left=operations.recovery_codes_left(found) if found is not None else 0,
        setup=setup,
        required=operations.required_for(user),
        start_form=forms.get("start_form") or StartForm(formdata=None),
        on_form=forms.get("on_form") or TurnOnForm(formdata=None),
        off_form=forms.get("off_form") or TurnOffForm(formdata=None),
    )


@bp.route("/account/two-step")
@login_required
def settings():
    return _settings_page()


@bp.route("/account/two-step/start", methods=["POST"])
@login_required
def start():
    if StartForm().validate_on_submit():
        try:
            operations.start(current_user._get_current_object())
        except Refused as refusal:
            flash(refusal.message, "warning")
    return redirect(url_for(".settings"))


@bp.route("/account/two-step/on", methods=["POST"])
@login_required
@password_checked
def turn_on():
    """Turn it on with a current code and the password; the recovery codes are shown once."""
    user = current_user._get_current_object()
    form = TurnOnForm()
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.password.data):
            form.password.errors.append(_("The password is not correct."))
        else:
            try:
                codes = operations.turn_on(user, form.code.data)
            except Refused as refusal:
                flash(refusal.message, "warning")
                return redirect(url_for(".settings"))
            if codes is not None:
                flash(_("2-step verification is on."), "success")
                return render_template("mfa/recovery_codes.html", codes=codes)
            form.code.errors.append(_("The code is not correct. Enter the one your app shows now."))
    return _settings_page(on_form=form)


@bp.route("/account/two-step/off", methods=["POST"])
@login_required
@password_checked
def turn_off():
    """Turn it off with the password and a current code (or a recovery code)."""
    user = current_user._get_current_object()
    form = TurnOffForm()
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.password.data):
            form.password.errors.append(_("The password is not correct."))
        elif operations.turn_off(user, form.code.data):
            flash(_("2-step verification is off."), "info")
            return redirect(url_for(".settings"))
        else:
            form.code.errors.append(_("The code is not correct, or it was used already."))
    return _settings_page(off_form=form)


#: What a user whose role requires 2-step verification may open before setting it up.
ALLOWED_BEFORE_SETUP = {
    "mfa.settings",
    "mfa.start",
    "mfa.turn_on",
    "mfa.verify",
    "auth.logout",
    "auth.change_password",
    "auth.verify_pending",
    "auth.resend_verification",
    "privacy.notice_page",
    "privacy.consent",
    "home.set_language",
    "home.healthz",
    "static",
    "bootstrap.static",
}


def require_two_step():
    """Send a user whose role is in ``MFA_REQUIRED_FOR`` and who has it off to set it up.

    Runs after ``core.auth``'s check (a password to choose, an address to
    confirm come first). The API is left alone: its tokens are made on pages
    that already needed the second step.
    """
    if not current_user.is_authenticated or request.endpoint in ALLOWED_BEFORE_SETUP:
        return None
    if request.path.startswith("/api/"):
        return None
    user = current_user._get_current_object()
    if not operations.required_for(user) or operations.is_on(user):
        return None
    flash(_("Your role requires 2-step verification. Please set it up to continue."), "warning")
    return redirect(url_for("mfa.settings"))
