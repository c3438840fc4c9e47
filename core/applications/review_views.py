"""Reviewing applications: assignment, scores and the manager's decision."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from core import hooks
from core.applications import operations, queries
from core.applications.answers import answer_rows
from core.applications.forms import AbstainForm, AssignForm, DecisionForm, score_form_class
from core.applications.models import Application, ApplicationStatus, Review
from core.extensions import db
from core.graduation import records
from core.refusals import Refused
from core.registry.access import is_linked
from core.settings.services import tenant_ref
from core.tenancy import queries as tenancy_queries
from core.tenancy.access import has_role, role_required, tenant_blueprint
from core.tenancy.models import Role
from core.web.paging import page_number

bp = tenant_blueprint("review", __name__)

PAGE_SIZE = 50


def visible_applications():
    return queries.visible_to(g.tenant, current_user, g.roles)


@bp.route("/applications")
@role_required(Role.MANAGER, Role.REVIEWER)
def applications_list():
    status = request.args.get("status", "submitted")
    query = visible_applications().options(
        selectinload(Application.startup), selectinload(Application.reviews)
    )
    if status in set(ApplicationStatus) - {ApplicationStatus.DRAFT}:
        query = query.where(Application.status == status)
    page = db.paginate(
        query.order_by(Application.submitted_at.desc()),
        page=page_number(),
        per_page=PAGE_SIZE,
        error_out=False,
    )
    return render_template("applications/review_list.html", page=page, status=status)


def load(application_id: int) -> Application:
    item = db.session.scalar(visible_applications().where(Application.id == application_id))
    if item is None:
        abort(404)
    return item


def my_review(item: Application) -> Review | None:
    return next((r for r in item.reviews if r.reviewer_id == current_user.id), None)


def own_review(application_id: int) -> tuple[Application, Review]:
    """The application and the current user's review of it; 403 when they review it not."""
    item = load(application_id)
    review = my_review(item)
    if review is None:
        abort(403)
    return item, review


def render_detail(
    item, *, assign_form=None, score_form=None, decision_form=None, abstain_form=None
):
    ref = tenant_ref(g.tenant)
    criteria = hooks.review_rubric(item.stage, ref)
    review = my_review(item)
    reviews = queries.reviews_visible_to(item, current_user, g.roles)
    # After a rejection the carrier keeps the application and its decision, not the record.
    record_open = is_linked(item.startup_id, g.tenant.id)
    if review is not None and review.abstained_at is not None:
        score_form = None
    elif score_form is None and review is not None:
        data = {f"score_{k}": v for k, v in (review.scores or {}).items()}
        score_form = score_form_class(criteria)(
            formdata=None,
            data={
                **data,
                "comment": review.comment,
                "no_conflict": review.no_conflict_declared_at is not None,
            },
        )
    if (
        abstain_form is None
        and review is not None
        and review.submitted_at is None
        and review.abstained_at is None
    ):
        abstain_form = AbstainForm(formdata=None)
    if assign_form is None and has_role(Role.MANAGER):
        assign_form = reviewer_form(item, formdata=None)
    if decision_form is None and has_role(Role.MANAGER):
        decision_form = DecisionForm(formdata=None)
    return render_template(
        "applications/review_detail.html",
        application=item,
        answers=answer_rows(hooks.intake_form(item.stage, ref), item.answers),
        criteria=criteria,
        reviews=reviews,
        hidden_reviews=len(item.reviews) - len(reviews),
        review_done=review is not None and review.submitted_at is not None,
        summary=queries.summary(reviews),
        assign_form=assign_form,
        score_form=score_form,
        abstain_form=abstain_form,
        my_review=review,
        is_manager=has_role(Role.MANAGER),
        decision_form=decision_form,
        can_decide=has_role(Role.MANAGER) and item.status == ApplicationStatus.SUBMITTED,
        reviews_missing=sum(
            r.submitted_at is None and r.abstained_at is None for r in item.reviews
        ),
        record_open=record_open,
        history=records.for_startup(item.startup_id) if record_open else [],
    )


def reviewer_form(item, formdata=None) -> AssignForm:
    kwargs = {} if formdata is None else {"formdata": formdata}
    if formdata is None:
        kwargs["formdata"] = None
        kwargs["data"] = {"reviewers": [r.reviewer_id for r in item.reviews]}
    form = AssignForm(**kwargs)
    form.reviewers.choices = {
        m.user.id: f"{m.user.name} · {m.user.email}"
        for m in tenancy_queries.members(g.tenant, Role.REVIEWER)
    }
    return form


@bp.route("/applications/<int:application_id>")
@role_required(Role.MANAGER, Role.REVIEWER)
def application_detail(application_id: int):
    return render_detail(load(application_id))


def refuse_if_decided(item: Application):
    if item.status != ApplicationStatus.SUBMITTED:
        flash(_("This application has already been decided."), "warning")
        return redirect(url_for(".application_detail", application_id=item.id))
    return None


@bp.route("/applications/<int:application_id>/reviewers", methods=["POST"])
@role_required(Role.MANAGER)
def assign(application_id: int):
    item = load(application_id)
    if (refused := refuse_if_decided(item)) is not None:
        return refused
    form = reviewer_form(item, formdata=request.form)
    if not form.validate():
        return render_detail(item, assign_form=form)
    operations.assign_reviewers(item, set(form.reviewers.data or []), current_user)
    flash(_("The reviewers have been saved."), "success")
    return redirect(url_for(".application_detail", application_id=item.id))


@bp.route("/applications/<int:application_id>/score", methods=["POST"])
@role_required(Role.MANAGER, Role.REVIEWER)
def score(application_id: int):
    item, review = own_review(application_id)
    if (refused := refuse_if_decided(item)) is not None:
        return refused
    criteria = hooks.review_rubric(item.stage, tenant_ref(g.tenant))
    form = score_form_class(criteria)()
    if not form.validate():
        return render_detail(item, score_form=form)
    try:
        operations.record_scores(review, criteria, form, current_user._get_current_object())
    except Refused as refused:
        flash(refused.message, "warning")
        return redirect(url_for(".application_detail", application_id=item.id))
    flash(_("Your scores have been saved."), "success")
    return redirect(url_for(".application_detail", application_id=item.id))


@bp.route("/applications/<int:application_id>/abstain", methods=["POST"])
@role_required(Role.MANAGER, Role.REVIEWER)
def abstain(application_id: int):
    item, review = own_review(application_id)
    if (refused := refuse_if_decided(item)) is not None:
        return refused
    form = AbstainForm()
    if not form.validate():
        return render_detail(item, abstain_form=form)
    try:
        operations.record_abstention(review, form, current_user._get_current_object())
    except Refused as refused:
        flash(refused.message, "warning")
        return redirect(url_for(".application_detail", application_id=item.id))
    flash(_("You have abstained from reviewing this application."), "success")
    return redirect(url_for(".application_detail", application_id=item.id))


@bp.route("/applications/<int:application_id>/decision", methods=["POST"])
@role_required(Role.MANAGER)
def decide(application_id: int):
    item = load(application_id)
    if (refused := refuse_if_decided(item)) is not None:
        return refused
    form = DecisionForm()
    if not form.validate():
        return render_detail(item, decision_form=form)
    admit = form.decision.data == "admit"
    try:
        operations.record_decision(item, form, current_user._get_current_object())
    except Refused as refused:
        form.decision.errors.append(refused.message)
        return render_detail(load(application_id), decision_form=form)
    flash(
        _("The startup has been admitted.") if admit else _("The application has been rejected."),
        "success",
    )
    return redirect(url_for(".application_detail", application_id=item.id))
