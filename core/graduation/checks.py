"""Evaluating the stages' graduation rules for any number of enrollments.

``evaluate_enrollments`` gathers the facts of all the enrollments given in a
constant number of queries, whatever their number or carriers: their startups
and carriers (only those not loaded yet), the startups' facts
(``startup_facts``, five queries), every carrier's settings (one query) and
all their milestones (one query). Each enrollment is then judged by its
stage's graduation rules with ``core.rules.engine.evaluate``, so a rule that
raises is a failed result with the error logged, never a pass.

This only evaluates: nothing is stored and nobody graduates here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import inspect, select

from core import hooks
from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.plugin_api import EnrollmentFacts, MilestoneFact, Rule, RuleContext, TenantRef
from core.registry.models import Startup
from core.rules.context import startup_facts
from core.rules.engine import Verdict, evaluate
from core.settings.services import tenant_refs
from core.tenancy.models import Tenant


def _related(enrollments: list[Enrollment], name: str, model) -> dict[int, object]:
    """The ``name`` relationship of each enrollment by id, loading the missing ones in one query."""
    found, missing = {}, set()
    for enrollment in enrollments:
        key = getattr(enrollment, f"{name}_id")
        if name in inspect(enrollment).unloaded:
            missing.add(key)
        else:
            found[key] = getattr(enrollment, name)
    missing -= found.keys()
    if missing:
        rows = db.session.scalars(select(model).where(model.id.in_(missing)))
        found |= {row.id: row for row in rows}
    return found


def _milestones(enrollment_ids: list[int]) -> dict[int, tuple[MilestoneFact, ...]]:
    """Each enrollment's milestones, in page order: one query for all."""
    grouped: dict[int, list[MilestoneFact]] = defaultdict(list)
    for row in db.session.scalars(
        select(Milestone)
        .where(Milestone.enrollment_id.in_(enrollment_ids))
        .order_by(Milestone.position, Milestone.id)
    ):
        grouped[row.enrollment_id].append(
            MilestoneFact(
                key=row.key,
                required=row.required,
                status=row.status,
                due_on=row.due_on,
                title_zh=row.title_zh,
                title_en=row.title_en,
            )
        )
    return {key: tuple(facts) for key, facts in grouped.items()}


def evaluate_enrollments(enrollments: Iterable[Enrollment], as_of: date) -> dict[int, Verdict]:
    """Each enrollment's graduation checklist judged on ``as_of``, keyed by enrollment id.

    A constant number of queries for any number of enrollments at any number
    of carriers. A stage without graduation rules gives a ``Verdict`` with no
    outcomes: see ``eligible``.
    """
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    startups = _related(enrollments, "startup", Startup)
    tenants = _related(enrollments, "tenant", Tenant)
    facts = startup_facts(startups.values())
    refs = tenant_refs(tenants.values())
    milestones = _milestones([e.id for e in enrollments])
    rules: dict[tuple[str, int], list[Rule]] = {}
    verdicts = {}
    for enrollment in enrollments:
        ref: TenantRef = refs[enrollment.tenant_id]
        key = (enrollment.stage, ref.id)
        if key not in rules:
            rules[key] = hooks.graduation_rules(enrollment.stage, ref)
        context = RuleContext(
            stage=enrollment.stage,
            tenant=ref,
            startup=facts[enrollment.startup_id],
            as_of=as_of,
            enrollment=EnrollmentFacts(
                admitted_on=enrollment.admitted_on,
                due_on=enrollment.due_on,
                milestones=milestones.get(enrollment.id, ()),
            ),
        )
        verdicts[enrollment.id] = Verdict(evaluate(rules[key], context))
    return verdicts


def eligible(verdict: Verdict) -> bool:
    """Graduation-eligible: there are rules, and no hard rule or hard group fails.

    A stage that declares no graduation rules is never reported eligible.
    """
    return bool(verdict.outcomes) and verdict.passed


def checklist(verdict: Verdict) -> list[dict]:
    """The outcomes as the ``rule_results`` macro shows them."""
    return [outcome.as_record() for outcome in verdict.outcomes]
