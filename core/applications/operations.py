"""Applications: drafts, submission with the stage's intake rules, review and decision."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from core import hooks
from core.applications.models import Application, ApplicationStatus, Review
from core.audit import service as audit
from core.auth.models import User
from core.enrollments.admission import enroll
from core.enrollments.models import Enrollment
from core.extensions import db
from core.notifications.operations import notify
from core.plugin_api import RubricCriterion, RuleContext
from core.plugins import incuchain
from core.registry import operations as registry
from core.rules.context import one_startup
from core.rules.engine import Verdict, evaluate
from core.settings.services import tenant_ref
from core.tenancy.models import Membership, Role, Tenant
from core.timeutil import utcnow

OPEN_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)


class WorkflowError(Exception):
    """A step that is not allowed in the application's current state."""


def stage_open(tenant_slug: str, stage: str) -> Tenant | None:
    """The carrier, if it exists and runs ``stage``, which an installed plugin defines."""
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == tenant_slug))
    if tenant is None or stage not in tenant.enabled_stages or stage not in incuchain().stages:
        return None
    return tenant


def visible_to(tenant: Tenant, user, roles):
    """Submitted or decided applications here; a reviewer sees only those assigned to them."""
    query = select(Application).where(
        Application.tenant_id == tenant.id, Application.status != ApplicationStatus.DRAFT
    )
    if Role.MANAGER not in roles:
        query = query.where(
            Application.id.in_(select(Review.application_id).where(Review.reviewer_id == user.id))
        )
    return query


def open_application(startup, tenant: Tenant, stage: str) -> Application | None:
    """The startup's draft or pending application to this stage here, if any."""
    return db.session.scalar(
        select(Application).where(
            Application.startup_id == startup.id,
            Application.tenant_id == tenant.id,
            Application.stage == stage,
            Application.status.in_([*OPEN_STATUSES, ApplicationStatus.ADMITTED]),
        )
    )


def enrolled(startup, tenant: Tenant, stage: str) -> bool:
    """Whether the startup already has an enrollment (of any status) in this stage here."""
    return (
        db.session.scalar(
            select(Enrollment.id).where(
                Enrollment.startup_id == startup.id,
                Enrollment.tenant_id == tenant.id,
                Enrollment.stage == stage,
            )
        )
        is not None
    )


def raw_answers(form) -> dict[str, list[str]]:
    """What the applicant typed, field by field, exactly as sent (JSON-ready)."""
    return {f.name: [str(v) for v in (f.raw_data or [])] for f in answer_fields(form)}


def answer_fields(form) -> list:
    return [f for f in form if f.type not in {"CSRFTokenField", "SubmitField"}]


def answers_formdata(answers: dict) -> MultiDict:
    return MultiDict([(k, v) for k, values in (answers or {}).items() for v in values])


def typed_answers(form) -> dict:
    """The validated answers as plain values for the rules."""
    return {f.name: f.data for f in answer_fields(form)}


def save_draft(application: Application | None, startup, tenant, stage, answers, actor):
    if application is None:
        application = Application(
            startup=startup, tenant=tenant, stage=stage, created_by_id=actor.id
        )
        db.session.add(application)
    application.answers = answers
    return application


@dataclass(frozen=True)
class Submission:
    application: Application
    verdict: Verdict


def submit(
    application: Application | None, startup, tenant: Tenant, stage: str, form, actor, today: date
) -> Submission:
    """Run the intake rules; submit when none blocks, otherwise keep a draft.

    The rule results are stored with the application either way, so the
    founder sees exactly why it was blocked.
    """
    application = save_draft(application, startup, tenant, stage, raw_answers(form), actor)
    ref = tenant_ref(tenant)
    context = RuleContext(
        stage=stage,
        tenant=ref,
        startup=one_startup(startup),
        as_of=today,
        answers=typed_answers(form),
    )
    verdict = Verdict(evaluate(hooks.intake_rules(stage, ref), context))
    application.intake_results = [o.as_record() for o in verdict.outcomes]
    if not verdict.passed:
        return Submission(application, verdict)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = utcnow()
    db.session.flush()
    registry.link([startup.id], tenant.id)
    if not db.session.scalar(
        select(Membership.id).where(
            Membership.tenant_id == tenant.id,
            Membership.user_id == actor.id,
            Membership.role == Role.FOUNDER,
        )
    ):
        db.session.add(Membership(tenant=tenant, user=actor, role=Role.FOUNDER))
    audit.record(
        "application.submitted",
        application,
        tenant=tenant,
        after={"startup": startup.name_zh, "stage": stage},
        actor=actor,
    )
    params = {
        "startup": startup.name_zh,
        "startup_en": startup.name_en,
        "stage": stage,
        "application": application.id,
    }
    for manager in managers_of(tenant):
        notify(
            manager,
            "application.submitted",
            params,
            link=f"/t/{tenant.slug}/applications/{application.id}",
            tenant=tenant,
        )
    return Submission(application, verdict)


def managers_of(tenant: Tenant):
    return [
        m.user
        for m in db.session.scalars(
            select(Membership).where(
                Membership.tenant_id == tenant.id, Membership.role == Role.MANAGER
            )
        )
    ]


def assign_reviewers(application: Application, reviewer_ids: set[int], actor) -> None:
    """Make exactly ``reviewer_ids`` the reviewers; scores already given are kept."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise WorkflowError("decided")
    current = {r.reviewer_id: r for r in application.reviews}
    added = sorted(reviewer_ids - set(current))
    removed = sorted(
        rid for rid in set(current) - reviewer_ids if current[rid].submitted_at is None
    )
    for rid in removed:
        application.reviews.remove(current[rid])
    for rid in added:
        application.reviews.append(Review(reviewer_id=rid))
    if added or removed:
        audit.record(
            "application.reviewers_assigned",
            application,
            tenant=application.tenant,
            before={"reviewers": sorted(current)},
            after={"reviewers": sorted((set(current) - set(removed)) | set(added))},
            actor=actor,
        )
        for rid in added:
            notify(
                db.session.get(User, rid),
                "review.assigned",
                {
                    "startup": application.startup.name_zh,
                    "startup_en": application.startup.name_en,
                    "stage": application.stage,
                },
                link=f"/t/{application.tenant.slug}/applications/{application.id}",
                tenant=application.tenant,
            )


def weighted_total(criteria: list[RubricCriterion], scores: dict[str, int]) -> Decimal:
    """The weighted mean of 0..10 scores, scaled to 0..100, two decimals."""
    weight = sum(c.weight for c in criteria)
    points = sum(Decimal(scores[c.key]) * c.weight for c in criteria)
    return (points * 10 / weight).quantize(Decimal("0.01"))


def score(review: Review, criteria, scores: dict[str, int], comment: str, actor) -> None:
    if review.application.status != ApplicationStatus.SUBMITTED:
        raise WorkflowError("decided")
    before = {"scores": review.scores, "total": str(review.total) if review.total else None}
    review.scores = scores
    review.total = weighted_total(criteria, scores)
    review.comment = comment
    review.submitted_at = utcnow()
    audit.record(
        "application.scored",
        review,
        tenant=review.application.tenant,
        before=before,
        after={"scores": scores, "total": str(review.total), "comment": comment},
        actor=actor,
    )


def record_scores(review: Review, criteria, form, actor) -> None:
    """Score from a validated ``score_form_class(criteria)`` form."""
    scores = {c.key: form[f"score_{c.key}"].data for c in criteria}
    score(review, criteria, scores, (form.comment.data or "").strip(), actor)


@dataclass(frozen=True)
class ScoreSummary:
    count: int
    mean: Decimal | None
    spread: Decimal | None
    stdev: Decimal | None


def summary(reviews: list[Review]) -> ScoreSummary:
    """Mean, range (max − min) and population standard deviation of the given totals."""
    totals = [r.total for r in reviews if r.total is not None]
    if not totals:
        return ScoreSummary(0, None, None, None)
    two = Decimal("0.01")
    floats = [float(t) for t in totals]
    return ScoreSummary(
        len(totals),
        (sum(totals) / len(totals)).quantize(two),
        (max(totals) - min(totals)).quantize(two),
        Decimal(str(statistics.pstdev(floats))).quantize(two),
    )


def decide(application: Application, admit: bool, reason: str, admitted_on: date, actor):
    """Admit (creating the enrollment and milestones) or reject, and tell the founders."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise WorkflowError("decided")
    application.status = ApplicationStatus.ADMITTED if admit else ApplicationStatus.REJECTED
    application.decision_reason = reason
    application.decided_at = utcnow()
    application.decided_by_id = actor.id
    enrollment = None
    if admit:
        enrollment = enroll(
            application.startup,
            application.tenant,
            application.stage,
            admitted_on,
            application_id=application.id,
            actor=actor,
        )
    audit.record(
        "application.decided",
        application,
        tenant=application.tenant,
        after={"status": application.status, "reason": reason},
        actor=actor,
    )
    kind = "application.admitted" if admit else "application.rejected"
    params = {
        "startup": application.startup.name_zh,
        "startup_en": application.startup.name_en,
        "stage": application.stage,
        "carrier": application.tenant.name_zh,
        "carrier_en": application.tenant.name_en,
        "reason": reason,
    }
    for founder in application.startup.founders:
        notify(
            founder,
            kind,
            params,
            link=f"/applications/{application.id}",
            tenant=application.tenant,
        )
    return enrollment


ALREADY_ENROLLED = _l("This startup is already enrolled in this stage here.")


def record_decision(application: Application, form, actor) -> bool:
    """Decide from a validated ``DecisionForm``, commit, then tell the plugins.

    ``False``, with the error on the decision field and nothing stored, when
    the startup was enrolled in this stage here meanwhile.
    """
    admit = form.decision.data == "admit"
    try:
        decide(application, admit, form.reason.data.strip(), form.admitted_on.data, actor)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        form.decision.errors.append(ALREADY_ENROLLED)
        return False
    hooks.application_decided(application, actor)
    return True
