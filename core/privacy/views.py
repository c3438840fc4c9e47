"""The privacy notice, consenting again, and the account page: one's data and closing."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from core.auth import passwords
from core.privacy import export, notice, operations
from core.privacy.forms import CloseAccountForm, ConsentForm
from core.refusals import Refused
from core.security.limits import failed_login, limiter, login_limit
from core.timeutil import local_today
from core.web.urls import safe_next

bp = Blueprint("privacy", __name__)

MEDIA_TYPES = {"json": "application/json", "xlsx": export.tabular.FORMATS["xlsx"]}


@bp.route("/privacy")
def notice_page():
    """The privacy notice (PIPL 第十七条): public, linked from every page's footer and sign-up."""
    return render_template(
        "privacy/notice.html",
        operator=notice.operator(),
        contact=notice.contact(),
        version=notice.version(),
    )


@bp.route("/account/privacy/consent", methods=["GET", "POST"])
@login_required
def consent():
    """Asked before anything else when the notice changed since the person consented."""
    target = safe_next(request.args.get("next"), url_for("home.home"))
    if not notice.needs_consent(current_user):
        return redirect(target)
    form = ConsentForm()
    if form.validate_on_submit():
        operations.consent(current_user._get_current_object())
        flash(_("Thank you. Your consent to the privacy notice is recorded."), "success")
        return redirect(target)
    return render_template("privacy/consent.html", form=form, version=notice.version())


@bp.route("/account")
@login_required
def account():
    return render_template(
        "privacy/account.html",
        form=CloseAccountForm(formdata=None),
        consented_version=notice.consented_version(current_user),
    )


@bp.route("/account/data.<fmt>")
@login_required
def download(fmt: str):
    """Everything the platform holds about the person (PIPL 第四十五条), as JSON or XLSX."""
    if fmt not in export.FORMATS:
        abort(404)
    user = current_user._get_current_object()
    sections = export.personal_data(user)
    data = export.as_json(user, sections) if fmt == "json" else export.as_xlsx(sections)
    response = Response(data, mimetype=MEDIA_TYPES[fmt])
    name = f"incuchain-my-data-{user.id}-{local_today().isoformat()}.{fmt}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/close", methods=["POST"])
@login_required
@limiter.limit(login_limit, deduct_when=failed_login)
def close():
    """Close the account (PIPL 第四十七条) with the password and a ticked confirmation."""
    form = CloseAccountForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        if not passwords.verify_password(user.password_hash, form.password.data):
            form.password.errors.append(_("The password is not correct."))
        else:
            try:
                closed = operations.close_account(user)
            except Refused as refusal:
                flash(refusal.message, "danger")
            else:
                logout_user()
                flash(
                    _(
                        "Your account is closed. Your name and email address have been removed; "
                        "the records that remain call you %(pseudonym)s.",
                        pseudonym=closed.pseudonym,
                    ),
                    "info",
                )
                return redirect(url_for("home.home"))
    return render_template(
        "privacy/account.html", form=form, consented_version=notice.consented_version(user)
    )


#: What someone who has not consented to the notice in force may still open: the notice,
#: consenting, leaving, and their own data and account (PIPL 第十六条: refusing consent
#: takes none of their rights away).
ALLOWED_WITHOUT_CONSENT = {
    "privacy.notice_page",
    "privacy.consent",
    "privacy.account",
    "privacy.download",
    "privacy.close",
    "auth.logout",
    "auth.change_password",
    "auth.verify_email",
    "auth.verify_pending",
    "auth.resend_verification",
    "home.set_language",
    "home.healthz",
    "static",
    "bootstrap.static",
}


def ask_for_consent():
    """Send a logged-in person who has not consented to the notice in force to consent first.

    Runs after ``core.auth``'s own check (a password to choose, an address to
    confirm come first). The API is left alone: its clients are programs.
    """
    if not current_user.is_authenticated or request.endpoint in ALLOWED_WITHOUT_CONSENT:
        return None
    if request.path.startswith("/api/") or not notice.needs_consent(current_user):
        return None
    back = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("privacy.consent", next=back))
