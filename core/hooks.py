"""Typed calls into the plugins' stage hooks.

Views and services call these functions, never ``pm.hook.*`` directly, so
each hook is called in one place with keyword arguments, and what plugins
return is checked (duplicate keys, missing answers) where it is collected.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask_wtf import FlaskForm

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


def _unique(items: list, stage: str, what: str) -> list:
    keys = [getattr(item, "key", None) or getattr(item, "code", None) for item in items]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise PluginContractError(f"stage {stage!r}: {what} declared twice: {duplicates}")
    return items


def stage_settings(stage: str) -> list[SettingSpec]:
    hook = incuchain().pm.hook.incuchain_stage_settings
    return _unique([s for group in hook(stage=stage) for s in group], stage, "settings")


def intake_form(stage: str, tenant: TenantRef) -> type[FlaskForm]:
    form = incuchain().pm.hook.incuchain_intake_form(stage=stage, tenant=tenant)
    if form is None:
        raise PluginContractError(f"no plugin provides an intake form for stage {stage!r}")
    return form


def _rules(hook, stage: str, tenant: TenantRef) -> list[Rule]:
    return _unique([r for group in hook(stage=stage, tenant=tenant) for r in group], stage, "rules")


def intake_rules(stage: str, tenant: TenantRef) -> list[Rule]:
    return _rules(incuchain().pm.hook.incuchain_intake_rules, stage, tenant)


def graduation_rules(stage: str, tenant: TenantRef) -> list[Rule]:
    """The stage's graduation rules; a code declared twice raises ``PluginContractError``."""
    return _rules(incuchain().pm.hook.incuchain_graduation_rules, stage, tenant)


def review_rubric(stage: str, tenant: TenantRef) -> list[RubricCriterion]:
    hook = incuchain().pm.hook.incuchain_review_rubric
    criteria = [c for group in hook(stage=stage, tenant=tenant) for c in group]
    return _unique(criteria, stage, "rubric criteria")


def milestone_templates(stage: str, tenant: TenantRef) -> list[MilestoneTemplate]:
    hook = incuchain().pm.hook.incuchain_milestone_templates
    templates = [t for group in hook(stage=stage, tenant=tenant) for t in group]
    return _unique(templates, stage, "milestone templates")


def time_limit_months(stage: str, tenant: TenantRef, startup: StartupFacts) -> int | None:
    months = incuchain().pm.hook.incuchain_time_limit_months(
        stage=stage, tenant=tenant, startup=startup
    )
    if months is not None:
        return months
    spec = incuchain().stages.get(stage)
    return spec.default_time_limit_months if spec else None


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
