"""Applications: a founder applies; a carrier's reviewers score and its managers decide.

The steps and their rules are ``core.applications.operations``'s, as on the
pages: the intake form and rules of the stage, the rubric, the decision form.
"""

from __future__ import annotations

from flask import g
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core import hooks
from core.api import forms
from core.api.common import STAFF, api_blueprint, body, carrier, paged
from core.api.errors import error_response, fail, invalid
from core.api.schemas import (
    AbstentionInput,
    ApplicationInput,
    ApplicationListArgs,
    ApplicationSchema,
    ScoreInput,
    page_of,
)
from core.applications import operations, queries
from core.applications.forms import AbstainForm, DecisionForm, WithdrawForm, score_form_class
from core.applications.models import Application, ApplicationStatus, Review
from core.enrollments.models import Enrollment
from core.extensions import db
from core.refusals import Refused
from core.registry.access import founded_by
from core.registry.models import Startup, startup_founders
from core.settings.services import tenant_ref
from core.tenancy.access import roles_at
from core.tenancy.models import Role
from core.timeutil import local_today
from core.web.paging import MAX_ID

bp = api_blueprint("api_applications", "/applications", "Applying to a stage, review, decision.")
ApplicationPage = page_of(ApplicationSchema, "ApplicationPageSchema")

NOT_SUBMITTED = _l("The application cannot be submitted yet: the stage's conditions are not met.")
ANSWERS_OBJECT = _l("Send the answers as an object of field names and values.")
NOT_ASSIGNED = _l("You are not a reviewer of this application.")


def blueprints():
    return (bp,)


def shown(application: Application, roles, enrollment_id: int | None = None) -> dict:
    """The application as the caller may see it: reviews only for the carrier's staff.

    ``roles`` are the caller's staff roles at its carrier; a reviewer reads the
    other reviews only as blind review allows (``queries.reviews_visible_to``).
    """
    names = ApplicationSchema().fields.keys() - {"enrollment_id", "reviews", "tenant"}
    return {
        **{name: getattr(application, name) for name in names},
        "tenant": application.tenant.slug,
        "enrollment_id": enrollment_id,
        "reviews": (queries.reviews_visible_to(application, current_user, roles) if roles else []),
    }


def enrollment_ids(application_ids: list[int]) -> dict[int, int]:
    """The enrollment each admitted application created; one query."""
    if not application_ids:
        return {}
    rows = db.session.execute(
        select(Enrollment.application_id, Enrollment.id).where(
            Enrollment.application_id.in_(application_ids)
        )
    )
    return dict(rows.all())


def shown_one(application: Application, roles) -> dict:
    return shown(application, roles, enrollment_ids([application.id]).get(application.id))


def load(application_id: int) -> tuple[Application, frozenset[Role]]:
    """The application and the caller's staff roles at its carrier; 404 unless visible.

    Its startup's founders see it (drafts too); the carrier's managers see it
    once submitted, its reviewers when assigned to it.
    """
    item = db.session.get(Application, application_id)
    if item is None:
        fail(404)
    roles = roles_at(item.tenant, current_user) & set(STAFF)
    if roles:
        visible = queries.visible_to(item.tenant, current_user, roles)
        if db.session.scalar(visible.where(Application.id == item.id)) is not None:
            return item, roles
    if current_user in item.startup.founders:
        return item, frozenset()
    fail(404)


def register_inputs(spec) -> None:
    spec.components.schema("DecisionInput", forms.input_schema(DecisionForm))
    spec.components.schema("WithdrawalInput", forms.input_schema(WithdrawForm))


@bp.route("")
@bp.arguments(ApplicationListArgs, location="query")
@bp.response(200, ApplicationPage)
def list_applications(args):
    """The applications of the caller's startups; with ``tenant``, those to review there."""
    if args.get("tenant"):
        tenant = carrier(args["tenant"], current_user, *STAFF)
        query = queries.visible_to(tenant, current_user, g.roles)
        roles = frozenset(g.roles) & set(STAFF)
    else:
        query = (
            select(Application)
            .join(startup_founders, startup_founders.c.startup_id == Application.startup_id)
            .where(startup_founders.c.user_id == current_user.id)
        )
        roles = frozenset()
    if args.get("status"):
        query = query.where(Application.status == args["status"])
    query = query.options(
        selectinload(Application.tenant),
        selectinload(Application.reviews).selectinload(Review.reviewer),
    ).order_by(Application.created_at.desc(), Application.id.desc())
    page = paged(query, args)
    created = enrollment_ids([a.id for a in page["items"]])
    page["items"] = [shown(a, roles, created.get(a.id)) for a in page["items"]]
    return page


@bp.route("", methods=["POST"])
@bp.doc(**body(ApplicationInput))
@bp.response(201, ApplicationSchema)
def create_application():
    """Apply, or save a draft, with the answers to the stage's intake form.

    The intake rules run as on the page: when one blocks, the answers are
    kept as a draft and the answer is 422 with the rules' explanations.
    """
    body = forms.json_body()
    forms.refuse_unknown(body, ApplicationInput().fields)
    problems = {
        name: [_("This field is required.")]
        for name in ("startup_id", "tenant", "stage")
        if body.get(name) in (None, "")
    }
    if problems:
        invalid(problems)
    startup = db.session.scalar(
        founded_by(current_user.id).where(Startup.id == _integer(body["startup_id"]))
    )
    tenant = queries.stage_open(str(body["tenant"]), str(body["stage"]))
    if startup is None or tenant is None:
        fail(404)
    stage = str(body["stage"])
    me = current_user._get_current_object()
    operations.may_apply(startup, tenant, stage, me)
    answers = body.get("answers") or {}
    if not isinstance(answers, dict):
        invalid({"answers": [str(ANSWERS_OBJECT)]})
    form_class = hooks.intake_form(stage, tenant_ref(tenant))
    if body.get("draft"):
        form = form_class(formdata=forms.formdata(answers), meta=forms.API_META)
        draft = operations.save_draft(startup, tenant, stage, form, me)
        return shown_one(draft, roles=frozenset())
    form = forms.bind(form_class, answers, rename=lambda name: f"answers.{name}")
    submission = operations.submit(startup, tenant, stage, form, me, local_today())
    if not submission.verdict.passed:
        # The draft and the rules' results are kept: answered, not raised, so they commit.
        locale = str(get_locale())
        errors: dict[str, list[str]] = {}
        for outcome in submission.verdict.blocking + submission.verdict.warnings:
            key = f"answers.{outcome.rule.field}" if outcome.rule.field in form else "answers"
            errors.setdefault(key, []).append(outcome.result.detail(locale))
        return error_response(422, NOT_SUBMITTED, errors)
    return shown_one(submission.application, roles=frozenset())


def _integer(value) -> int:
    """An id from the body; 404 for anything no row can have."""
    if isinstance(value, bool):
        fail(404)
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        fail(404)
    if not 1 <= number <= MAX_ID:
        fail(404)
    return number


@bp.route("/<int:application_id>")
@bp.response(200, ApplicationSchema)
def get_application(application_id: int):
    item, roles = load(application_id)
    return shown_one(item, roles)


def decided_refused(item: Application):
    if item.status != ApplicationStatus.SUBMITTED:
        fail(409, operations.DECIDED)


def score_key(name: str) -> str:
    """``score_<criterion>`` on the page's form is ``scores.<criterion>`` in the API."""
    return f"scores.{name.removeprefix('score_')}" if name.startswith("score_") else name


@bp.route("/<int:application_id>/reviews", methods=["POST"])
@bp.doc(**body(ScoreInput))
@bp.response(200, ApplicationSchema)
def score(application_id: int):
    """The caller's scores on the stage's rubric, as an assigned reviewer (or manager).

    ``no_conflict: true`` declares that the reviewer has no conflict of interest.
    """
    item, review, roles = own_review(application_id)
    body = forms.json_body()
    forms.refuse_unknown(body, ScoreInput().fields)
    scores = body.get("scores")
    if not isinstance(scores, dict):
        invalid({"scores": [_("This field is required.")]})
    criteria = hooks.review_rubric(item.stage, tenant_ref(item.tenant))
    values = {f"score_{key}": value for key, value in scores.items()}
    for name in ("comment", "no_conflict"):
        if name in body:
            values[name] = body[name]
    form = forms.bind(score_form_class(criteria), values, rename=score_key)
    operations.record_scores(review, criteria, form, current_user._get_current_object())
    return shown_one(item, roles)


def own_review(application_id: int) -> tuple[Application, Review, frozenset]:
    item, roles = load(application_id)
    if not roles:
        fail(403)
    review = next((r for r in item.reviews if r.reviewer_id == current_user.id), None)
    if review is None:
        fail(403, NOT_ASSIGNED)
    decided_refused(item)
    return item, review, roles


@bp.route("/<int:application_id>/abstention", methods=["POST"])
@bp.doc(**body(AbstentionInput))
@bp.response(200, ApplicationSchema)
def abstain(application_id: int):
    """Abstain from reviewing (e.g. a conflict of interest) instead of scoring."""
    item, review, roles = own_review(application_id)
    form = forms.bind(AbstainForm, forms.json_body())
    operations.record_abstention(review, form, current_user._get_current_object())
    return shown_one(item, roles)


@bp.route("/<int:application_id>/decision", methods=["POST"])
@bp.doc(**body("DecisionInput"))
@bp.response(200, ApplicationSchema)
def decide(application_id: int):
    """Admit (creating the enrollment and its milestones) or reject, as a manager."""
    item, roles = load(application_id)
    if Role.MANAGER not in roles:
        fail(403)
    decided_refused(item)
    form = forms.bind(DecisionForm, forms.json_body())
    try:
        operations.record_decision(item, form, current_user._get_current_object())
    except Refused as refused:
        invalid({"decision": [refused.message]})
    return shown_one(item, roles)


@bp.route("/<int:application_id>/withdrawal", methods=["POST"])
@bp.doc(**body("WithdrawalInput"))
@bp.response(200, ApplicationSchema)
def withdraw(application_id: int):
    """Withdraw an application under review, as a founder of its startup.

    The carrier keeps the application and no longer sees the startup's record.
    """
    item, roles = load(application_id)
    form = forms.bind(WithdrawForm, forms.json_body())
    operations.record_withdrawal(item, form, current_user._get_current_object())
    return shown_one(item, roles)
