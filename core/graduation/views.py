"""Graduating startups, one from its enrollment page or several from the stage list,
and the founders' referral to the next stage.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from core.enrollments import access as rights
from core.enrollments import queries
from core.enrollments.models import Enrollment, EnrollmentStatus
from core.enrollments.views import render_enrollment
from core.extensions import db
from core.graduation import checks as rules
from core.graduation import operations as services
from core.graduation.forms import GraduateForm
from core.graduation.models import Referral
from core.registry.models import Startup
from core.tenancy import queries as tenancy_queries
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.timeutil import local_today

bp = Blueprint("graduation", __name__)
carrier = tenant_blueprint("carrier_graduation", __name__)
bp.register_blueprint(carrier)

#: Most startups graduated in one batch: each certificate is rendered in the request.
BATCH_LIMIT = 100


@bp.route("/enrollments/<int:enrollment_id>/graduate", methods=["POST"])
@login_required
def graduate(enrollment_id: int):
    access = rights.load_access(enrollment_id, current_user)
    if access is None or not access.can_view:
        abort(404)
    if not access.is_manager:
        abort(403)
    form = GraduateForm()
    enrollment = access.enrollment
    if not form.validate_on_submit():
        return render_enrollment(access, state={"graduate_form": form}), 422
    name = enrollment.startup.name_zh
    try:
        result = services.graduate(
            enrollment_id,
            current_user._get_current_object(),
            local_today(),
            form.override_reason.data or "",
        )
    except services.GraduationRefused as error:
        if error.reason != "ineligible":
            flash(
                _("%(startup)s has already graduated or its enrollment has ended.", startup=name),
                "warning",
            )
            return redirect(queries.page_link(enrollment_id))
        form.override_reason.errors.append(GraduateForm.INELIGIBLE)
        access = rights.load_access(enrollment_id, current_user)
        return render_enrollment(access, state={"graduate_form": form}), 422
    flash(
        _(
            "%(startup)s has graduated. Certificate %(serial)s has been issued.",
            startup=name,
            serial=result.certificate.serial,
        ),
        "success",
    )
    return redirect(queries.page_link(enrollment_id))


@carrier.route("/stages/<stage:stage>/graduate", methods=["POST"])
@role_required(Role.MANAGER)
def graduate_batch(stage: str):
    """Graduate the selected eligible startups; the certificates page then offers their ZIP."""
    back = url_for("portfolio.carrier.stage", stage=stage)
    # The CSRF token is checked by CSRFProtect before the view; the rows are the checkboxes.
    ids = sorted(set(request.form.getlist("enrollment", type=int)))[:BATCH_LIMIT]
    enrollments = db.session.scalars(
        select(Enrollment)
        .where(
            Enrollment.id.in_(ids),
            Enrollment.tenant_id == g.tenant.id,
            Enrollment.stage == stage,
            Enrollment.status == EnrollmentStatus.ACTIVE,
        )
        .join(Enrollment.startup)
        .order_by(Startup.name_zh)
    ).all()
    if not enrollments:
        flash(_("Select at least one eligible startup."), "warning")
        return redirect(back)
    verdicts = rules.evaluate_enrollments(enrollments, local_today())
    eligible = [e.id for e in enrollments if rules.eligible(verdicts[e.id])]
    skipped = len(enrollments) - len(eligible)
    actor = current_user._get_current_object()
    issued = []
    for enrollment_id in eligible:
        try:
            issued.append(services.graduate(enrollment_id, actor, local_today()).certificate.id)
        except services.GraduationRefused:
            skipped += 1
    if skipped:
        flash(
            ngettext(
                "%(num)d selected startup was not graduated: it is not eligible or has "
                "already graduated.",
                "%(num)d selected startups were not graduated: they are not eligible or "
                "have already graduated.",
                skipped,
            ),
            "warning",
        )
    if not issued:
        return redirect(back)
    flash(
        ngettext("%(num)d startup has graduated.", "%(num)d startups have graduated.", len(issued)),
        "success",
    )
    return redirect(
        url_for("certificates.carrier_certificates.listing")
        + "?"
        + urlencode([("id", i) for i in issued])
    )


@bp.route("/referrals/<int:referral_id>")
@login_required
def referral(referral_id: int):
    """Where the founders choose the carrier to apply to for the next stage."""
    item = db.session.get(Referral, referral_id)
    if item is None or current_user not in item.graduation.startup.founders:
        abort(404)
    tenants = tenancy_queries.carriers_running(item.stage)
    # The carrier the startup graduated from first, when it runs the next stage.
    tenants.sort(key=lambda t: t.id != item.graduation.tenant_id)
    return render_template("graduation/referral.html", referral=item, tenants=tenants)
