"""Applications' state changes: applying (a draft or a submission), review, the decision.

Each operation checks who may act (``NotPermitted``) and whether the
application's state allows it (``Refused``, with the reason), changes the
rows, writes the audit event and notifications, and queues
``incuchain_application_decided`` for after the commit. Nothing here commits:
pages and the API run the same operations, and their request commits once
(``core.unit_of_work``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core import hooks, unit_of_work
from core.applications.answers import raw_answers, typed_answers
from core.applications.models import Application, ApplicationStatus, Review
from core.applications.queries import enrolled, managers_of, open_application
from core.audit import service as audit
from core.auth.models import User
from core.enrollments.operations import enroll
from core.extensions import db
from core.notifications.operations import notify
from core.plugin_api import RubricCriterion, RuleContext
from core.refusals import NotPermitted, Refused
from core.registry import operations as registry
from core.rules.context import one_startup
from core.rules.engine import Verdict, evaluate
from core.settings.services import tenant_ref
from core.tenancy.access import roles_at
from core.tenancy.models import Membership, Role, Tenant
from core.timeutil import utcnow

ALREADY_APPLIED = _l("This startup already has an application to this stage here.")
DECIDED = _l("This application has already been decided.")
ALREADY_ENROLLED = _l("This startup is already enrolled in this stage here.")
ABSTAINED = _l("You have abstained from reviewing this application.")
DECLARE_FIRST = _l("Declare that you have no conflict of interest, or abstain.")
ALREADY_SCORED = _l("You have already scored this application: you can no longer abstain.")
NOT_UNDER_REVIEW = _l("Only an application under review can be withdrawn.")


# -- applying --------------------------------------------------------------------------


def may_apply(startup, tenant: Tenant, stage: str, actor) -> Application | None:
    """The startup's draft to continue here, if any.

    Only its founders apply; ``Refused`` once an application is pending or
    decided, or the startup is enrolled in the stage here.
    """
    if actor not in startup.founders:
        raise NotPermitted()
    application = open_application(startup, tenant, stage)
    if application is not None and application.status != ApplicationStatus.DRAFT:
        raise Refused(ALREADY_APPLIED)
    if enrolled(startup, tenant, stage):
        raise Refused(
            _l("%(startup)s is already enrolled in this stage here.", startup=startup.name_zh)
        )
    return application


def save_draft(startup, tenant: Tenant, stage: str, form, actor) -> Application:
    """Keep what the founder typed, valid or not, as the draft."""
    return _draft(may_apply(startup, tenant, stage, actor), startup, tenant, stage, form, actor)


def _draft(application, startup, tenant, stage, form, actor) -> Application:
    if application is None:
        application = Application(
            startup=startup, tenant=tenant, stage=stage, created_by_id=actor.id
        )
        db.session.add(application)
    application.answers = raw_answers(form)
    return application


@dataclass(frozen=True)
class Submission:
    application: Application
    verdict: Verdict


def submit(startup, tenant: Tenant, stage: str, form, actor, today: date) -> Submission:
    """Run the intake rules on a validated form; submit when none blocks, else keep a draft.

    The rule results are stored with the application either way, so the
    founder sees exactly why it was blocked.
    """
    application = _draft(
        may_apply(startup, tenant, stage, actor), startup, tenant, stage, form, actor
    )
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


def withdraw(application: Application, reason: str, actor) -> None:
    """A founder takes back an application under review, and the carrier's managers are told.

    As after a rejection, the carrier keeps the application, its reviews and
    this withdrawal, and nothing more of the record: the link closes unless
    another application is pending there or the startup is enrolled there.
    """
    if actor not in application.startup.founders:
        raise NotPermitted()
    if application.status != ApplicationStatus.SUBMITTED:
        raise Refused(NOT_UNDER_REVIEW)
    application.status = ApplicationStatus.WITHDRAWN
    application.decision_reason = reason
    application.decided_at = utcnow()
    application.decided_by_id = actor.id
    _close_link_unless_pending(application)
    audit.record(
        "application.withdrawn",
        application,
        tenant=application.tenant,
        after={"status": application.status, "reason": reason},
        actor=actor,
    )
    params = {
        "startup": application.startup.name_zh,
        "startup_en": application.startup.name_en,
        "stage": application.stage,
        "reason": reason,
    }
    for manager in managers_of(application.tenant):
        notify(
            manager,
            "application.withdrawn",
            params,
            link=f"/t/{application.tenant.slug}/applications/{application.id}",
            tenant=application.tenant,
        )


def record_withdrawal(application: Application, form, actor) -> None:
    """Withdraw from a validated ``WithdrawForm``; ``NotPermitted``/``Refused`` as ``withdraw``."""
    withdraw(application, (form.reason.data or "").strip(), actor)


def _close_link_unless_pending(application: Application) -> None:
    """The carrier keeps this application and its decision, nothing of the record."""
    if not pending_elsewhere(application):
        registry.close(application.startup_id, application.tenant_id)


# -- review and decision -----------------------------------------------------------------


def _undecided(application: Application) -> None:
    if application.status != ApplicationStatus.SUBMITTED:
        raise Refused(DECIDED)


def _manager(application: Application, actor) -> None:
    if Role.MANAGER not in roles_at(application.tenant, actor):
        raise NotPermitted()


def assign_reviewers(application: Application, reviewer_ids: set[int], actor) -> None:
    """Make exactly ``reviewer_ids`` the reviewers; scores already given are kept."""
    _manager(application, actor)
    _undecided(application)
    current = {r.reviewer_id: r for r in application.reviews}
    added = sorted(reviewer_ids - set(current))
    removed = sorted(
        rid
        for rid in set(current) - reviewer_ids
        if current[rid].submitted_at is None and current[rid].abstained_at is None
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


def _own(review: Review, actor) -> None:
    if review.reviewer_id != actor.id:
        raise NotPermitted()
    _undecided(review.application)
    if review.abstained_at is not None:
        raise Refused(ABSTAINED)


def declare_no_conflict(review: Review, actor) -> None:
    """The reviewer declares no conflict of interest; recorded once, before the first scores."""
    _own(review, actor)
    if review.no_conflict_declared_at is not None:
        return
    review.no_conflict_declared_at = utcnow()
    audit.record(
        "application.no_conflict_declared",
        review,
        tenant=review.application.tenant,
        after={"application": review.application_id},
        actor=actor,
    )


def abstain(review: Review, reason: str, actor) -> None:
    """The reviewer abstains (e.g. a conflict of interest) instead of scoring.

    ``Refused`` once they have scored. The review row stays, so the manager
    sees the abstention, and it no longer awaits them.
    """
    _own(review, actor)
    if review.submitted_at is not None:
        raise Refused(ALREADY_SCORED)
    review.abstained_at = utcnow()
    review.abstention_reason = reason
    audit.record(
        "application.abstained",
        review,
        tenant=review.application.tenant,
        after={"application": review.application_id, "reason": reason},
        actor=actor,
    )


def record_abstention(review: Review, form, actor) -> None:
    """Abstain from a validated ``AbstainForm``."""
    abstain(review, (form.reason.data or "").strip(), actor)


def score(
    review: Review, criteria, scores: dict[str, int], comment: str, actor, no_conflict=False
) -> None:
    """The reviewer's own scores; only the assigned reviewer gives them.

    ``Refused`` unless they declare no conflict of interest (now or before),
    or once they have abstained.
    """
    _own(review, actor)
    if not no_conflict and review.no_conflict_declared_at is None:
        raise Refused(DECLARE_FIRST)
    declare_no_conflict(review, actor)
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
    comment = (form.comment.data or "").strip()
    score(review, criteria, scores, comment, actor, no_conflict=bool(form.no_conflict.data))


def decide(application: Application, admit: bool, reason: str, admitted_on: date, actor):
    """Admit (creating the enrollment and milestones) or reject, and tell the founders.

    ``Refused`` (and nothing kept) when the startup was enrolled in this stage
    here meanwhile; plugins hear of the decision once it is committed.
    """
    _manager(application, actor)
    _undecided(application)
    enrollment = None
    if admit:
        try:
            with unit_of_work.savepoint():
                enrollment = enroll(
                    application.startup,
                    application.tenant,
                    application.stage,
                    admitted_on,
                    application_id=application.id,
                    actor=actor,
                )
                db.session.flush()
        except IntegrityError:
            raise Refused(ALREADY_ENROLLED) from None
    application.status = ApplicationStatus.ADMITTED if admit else ApplicationStatus.REJECTED
    if not admit:
        _close_link_unless_pending(application)
    application.decision_reason = reason
    application.decided_at = utcnow()
    application.decided_by_id = actor.id
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
    unit_of_work.after_commit(lambda: hooks.application_decided(application, actor))
    return enrollment


def pending_elsewhere(application: Application) -> bool:
    """Whether another application of the startup is still under review at this carrier."""
    return (
        db.session.scalar(
            select(Application.id).where(
                Application.startup_id == application.startup_id,
                Application.tenant_id == application.tenant_id,
                Application.id != application.id,
                Application.status == ApplicationStatus.SUBMITTED,
            )
        )
        is not None
    )


def record_decision(application: Application, form, actor) -> None:
    """Decide from a validated ``DecisionForm``; ``Refused`` as ``decide``."""
    admit = form.decision.data == "admit"
    decide(application, admit, form.reason.data.strip(), form.admitted_on.data, actor)
