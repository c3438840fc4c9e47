"""Typed calls into the plugins' stage hooks.

Views and services call these functions, never ``pm.hook.*`` directly, so
each hook is called in one place with keyword arguments, and what plugins
return is checked (duplicate keys, missing answers) where it is collected.
``core.contract`` checks the same once at start-up; the checks here catch a
plugin registered later, and name the plugins behind a duplicate key.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from datetime import date

from flask_wtf import FlaskForm

from core import contract
from core.hardening import harden
from core.plugin_api import (
    Assessment,
    CertificateTemplate,
    MilestoneTemplate,
    PluginContractError,
    ReferralOffer,
    RubricCriterion,
    Rule,
    SettingSpec,
    StartupFacts,
    TenantRef,
)
from core.plugins import incuchain


def _collected(hook_name: str, kind: type, what: str, **kwargs) -> list:
    """A collecting stage hook's items; a key used twice raises, naming the plugins."""
    chain = incuchain()
    items = [item for group in getattr(chain.pm.hook, hook_name)(**kwargs) for item in group]
    keys = [contract.key_of(item) for item in items]
    if len(set(keys)) < len(keys) or not all(isinstance(item, kind) for item in items):
        contract.duplicate_error(chain.pm, chain.stages, hook_name, kind, what, **kwargs)
        raise PluginContractError(f"{hook_name}: {what}s must be unique {kind.__name__}s: {keys}")
    return items


def stage_settings(stage: str) -> list[SettingSpec]:
    return _collected("incuchain_stage_settings", SettingSpec, "setting", stage=stage)


def intake_form(stage: str, tenant: TenantRef) -> type[FlaskForm]:
    """The stage's intake form, hardened (``core.hardening``): no input makes it fail."""
    form = incuchain().pm.hook.incuchain_intake_form(stage=stage, tenant=tenant)
    if form is None:
        raise PluginContractError(f"no plugin provides an intake form for stage {stage!r}")
    if not (inspect.isclass(form) and issubclass(form, FlaskForm)):
        raise PluginContractError(f"stage {stage!r}: the intake form must be a FlaskForm subclass")
    return harden(form)


def intake_rules(stage: str, tenant: TenantRef) -> list[Rule]:
    return _collected("incuchain_intake_rules", Rule, "rule code", stage=stage, tenant=tenant)


def graduation_rules(stage: str, tenant: TenantRef) -> list[Rule]:
    """The stage's graduation rules; a code declared twice raises ``PluginContractError``."""
    return _collected("incuchain_graduation_rules", Rule, "rule code", stage=stage, tenant=tenant)


def review_rubric(stage: str, tenant: TenantRef) -> list[RubricCriterion]:
    return _collected(
        "incuchain_review_rubric", RubricCriterion, "rubric key", stage=stage, tenant=tenant
    )


def milestone_templates(stage: str, tenant: TenantRef) -> list[MilestoneTemplate]:
    return _collected(
        "incuchain_milestone_templates",
        MilestoneTemplate,
        "milestone key",
        stage=stage,
        tenant=tenant,
    )


def time_limit_months(stage: str, tenant: TenantRef, startup: StartupFacts) -> int | None:
    """Months ``startup`` may stay; core's ``StageDefaults`` answers the carrier's setting."""
    return incuchain().pm.hook.incuchain_time_limit_months(
        stage=stage, tenant=tenant, startup=startup
    )


def certificate_template(stage: str, tenant: TenantRef) -> CertificateTemplate | None:
    """The stage's certificate template, or ``None`` when no plugin provides one."""
    template = incuchain().pm.hook.incuchain_certificate_template(stage=stage, tenant=tenant)
    if template is not None and not isinstance(template, CertificateTemplate):
        raise PluginContractError(
            f"stage {stage!r}: the certificate template must be a CertificateTemplate"
        )
    return template


def assessments_enabled() -> bool:
    """Whether any plugin assesses startups; pages leave the ladder out when none does."""
    return bool(incuchain().pm.hook.incuchain_startup_assessments.get_hookimpls())


def startup_assessments(
    startup: StartupFacts, as_of: date, inputs: Mapping[str, Mapping[str, int]]
) -> list[Assessment]:
    """Every plugin's assessments of ``startup``, in ladder order; a key used twice is an error."""
    hook = incuchain().pm.hook.incuchain_startup_assessments
    found = [a for group in hook(startup=startup, as_of=as_of, inputs=inputs) for a in group]
    keys = [a.key if isinstance(a, Assessment) else type(a).__name__ for a in found]
    if len(set(keys)) < len(keys) or not all(isinstance(a, Assessment) for a in found):
        raise PluginContractError(f"assessments must be Assessments with unique keys: {keys}")
    return sorted(found, key=lambda a: (a.order, a.key))


def application_decided(application, actor) -> None:
    incuchain().pm.hook.incuchain_application_decided(application=application, actor=actor)


def milestone_changed(milestone, change, actor) -> None:
    incuchain().pm.hook.incuchain_milestone_changed(milestone=milestone, change=change, actor=actor)


def referral_offers(graduation) -> list[ReferralOffer]:
    """The referrals the stages offer after ``graduation``: one per stage, chain order.

    Where two plugins offer the same stage, the offer collected first wins.
    """
    spec = incuchain().stages.get(graduation.stage)
    hook = incuchain().pm.hook.incuchain_referral_offers
    offers = [
        offer
        for group in hook(graduation=graduation, next_stage=spec.next if spec else None)
        for offer in group
    ]
    if not all(isinstance(offer, ReferralOffer) for offer in offers):
        raise PluginContractError("incuchain_referral_offers must return ReferralOffer objects")
    unique = {offer.stage: offer for offer in reversed(offers)}
    return [unique[spec.key] for spec in incuchain().stages if spec.key in unique]


def graduated(graduation, actor) -> None:
    incuchain().pm.hook.incuchain_graduated(graduation=graduation, actor=actor)


def intake_prefill(
    stage: str, tenant: TenantRef, startup: StartupFacts, graduations: tuple
) -> dict[str, list[str]]:
    """The stage's prefilled answers, as form data: ``{field: [value, ...]}``."""
    merged: dict[str, list[str]] = {}
    for answers in incuchain().pm.hook.incuchain_intake_prefill(
        stage=stage, tenant=tenant, startup=startup, graduations=graduations
    ):
        for key, value in answers.items():
            values = value if isinstance(value, list) else [value]
            merged.setdefault(key, [str(v) for v in values if v not in (None, "")])
    return merged
