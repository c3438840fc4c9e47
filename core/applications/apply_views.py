"""Applying to a carrier's stage: the intake form, drafts and submission."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from core import hooks
from core.applications import operations, queries
from core.applications.answers import answer_rows, answers_formdata
from core.applications.forms import WithdrawForm
from core.applications.models import Application, ApplicationStatus
from core.extensions import db
from core.graduation import records
from core.refusals import Refused
from core.registry.models import Startup, startup_founders
from core.rules.context import one_startup
from core.settings.services import tenant_ref
from core.tenancy.models import Tenant
from core.timeutil import local_today

bp = Blueprint("apply", __name__)


def my_startups() -> list[Startup]:
    return list(
        db.session.scalars(
            select(Startup)
            .join(startup_founders, startup_founders.c.startup_id == Startup.id)
            .where(startup_founders.c.user_id == current_user.id)
            .order_by(Startup.name_zh)
        )
    )


def open_stage(tenant_slug: str, stage: str) -> Tenant:
    """The carrier, if it exists and runs ``stage``; 404 otherwise."""
    tenant = queries.stage_open(tenant_slug, stage)
    if tenant is None:
        abort(404)
    return tenant


@bp.route("/t/<tenant_slug>/apply/<stage:stage>", methods=["GET", "POST"])
@login_required
def apply(tenant_slug: str, stage: str):
    tenant = open_stage(tenant_slug, stage)
    startups = my_startups()
    if not startups:
        flash(_("First describe your startup; then you can apply."), "info")
        here = request.full_path.rstrip("?")
        return redirect(url_for("registry.new") + "?" + urlencode({"next": here}))
    chosen = request.args.get("startup", type=int)
    if chosen is None and len(startups) == 1:
        chosen = startups[0].id
    startup = next((s for s in startups if s.id == chosen), None)
    if startup is None:
        if chosen is not None:
            abort(404)
        return render_template(
            "applications/apply_choose.html", tenant=tenant, stage=stage, startups=startups
        )
    application = queries.open_application(startup, tenant, stage)
    if application is not None and application.status != ApplicationStatus.DRAFT:
        return redirect(url_for("apply.application", application_id=application.id))
    if queries.enrolled(startup, tenant, stage):
        flash(
            _("%(startup)s is already enrolled in this stage here.", startup=startup.name_zh),
            "info",
        )
        return redirect(url_for("registry.startup", startup_id=startup.id))

    ref = tenant_ref(tenant)
    form_class = hooks.intake_form(stage, ref)
    history = records.for_startup(startup.id)
    if request.method == "POST":
        form = form_class()
    elif application is not None:
        form = form_class(formdata=answers_formdata(application.answers) or None)
    else:
        prefill = hooks.intake_prefill(stage, ref, one_startup(startup), records.facts(history))
        form = form_class(formdata=answers_formdata(prefill) or None)
    outcomes = application.intake_results if application else []
    here = url_for("apply.apply", tenant_slug=tenant.slug, stage=stage, startup=startup.id)

    if request.method == "POST":
        me = current_user._get_current_object()
        if request.form.get("action") == "draft":
            operations.save_draft(startup, tenant, stage, form, me)
            flash(_("Your draft has been saved."), "success")
            return redirect(here)
        if form.validate():
            submission = operations.submit(startup, tenant, stage, form, me, local_today())
            if submission.verdict.passed:
                flash(_("Your application has been submitted."), "success")
                return redirect(
                    url_for("apply.application", application_id=submission.application.id)
                )
            flash(_("The application cannot be submitted yet: see the conditions below."), "danger")
            outcomes = submission.application.intake_results
            locale = str(get_locale())
            for outcome in submission.verdict.blocking + submission.verdict.warnings:
                if outcome.rule.field in form:
                    form[outcome.rule.field].errors.append(outcome.result.detail(locale))
    return render_template(
        "applications/apply.html",
        tenant=tenant,
        stage=stage,
        startup=startup,
        form=form,
        outcomes=outcomes,
        history=history,
    )


@bp.route("/applications")
@login_required
def my_applications():
    rows = db.session.scalars(
        select(Application)
        .join(startup_founders, startup_founders.c.startup_id == Application.startup_id)
        .where(startup_founders.c.user_id == current_user.id)
        .order_by(Application.created_at.desc())
    ).all()
    return render_template("applications/my_applications.html", applications=rows)


def founders_application(application_id: int) -> Application:
    """The application, if the current user founded its startup; 404 otherwise."""
    item = db.session.get(Application, application_id)
    if item is None or current_user not in item.startup.founders:
        abort(404)
    return item


def render_application(item: Application, withdraw_form: WithdrawForm | None = None):
    form_class = hooks.intake_form(item.stage, tenant_ref(item.tenant))
    if withdraw_form is None and item.status == ApplicationStatus.SUBMITTED:
        withdraw_form = WithdrawForm()
    return render_template(
        "applications/application.html",
        application=item,
        answers=answer_rows(form_class, item.answers),
        withdraw_form=withdraw_form,
    )


@bp.route("/applications/<int:application_id>")
@login_required
def application(application_id: int):
    """The founder's view of an application and its decision; one under review may be withdrawn."""
    return render_application(founders_application(application_id))


@bp.route("/applications/<int:application_id>/withdraw", methods=["POST"])
@login_required
def withdraw(application_id: int):
    item = founders_application(application_id)
    form = WithdrawForm()
    if not form.validate():
        return render_application(item, form), 422
    try:
        operations.record_withdrawal(item, form, current_user._get_current_object())
    except Refused as refused:
        flash(refused.message, "warning")
        return redirect(url_for(".application", application_id=item.id))
    flash(_("Your application has been withdrawn."), "success")
    return redirect(url_for(".application", application_id=item.id))
