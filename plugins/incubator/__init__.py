"""The incubator (孵化器) stage plugin: hook implementations only.

Each hook delegates to a module: ``stage`` (the StageSpec), ``settings``
(thresholds and the time limit), ``forms`` (the intake form), ``rules``
(intake rules), ``graduation`` (graduation rules), ``rubric``, ``milestones``
and ``certificate`` (the certificate template).
"""

from core.plugin_api import hookimpl

from . import forms, milestones, settings
from .certificate import CERTIFICATE
from .graduation import GRADUATION_RULES
from .rubric import RUBRIC
from .rules import INTAKE_RULES
from .stage import REFERRAL, STAGE, STAGE_KEY


@hookimpl
def incuchain_stages():
    return [STAGE]


@hookimpl
def incuchain_stage_settings(stage):
    if stage != STAGE_KEY:
        return []
    return list(settings.SETTINGS)


@hookimpl
def incuchain_intake_form(stage, tenant):
    if stage != STAGE_KEY:
        return None
    return forms.intake_form(tenant)


@hookimpl
def incuchain_intake_rules(stage, tenant):
    if stage != STAGE_KEY:
        return []
    return list(INTAKE_RULES)


@hookimpl
def incuchain_graduation_rules(stage, tenant):
    if stage != STAGE_KEY:
        return []
    return list(GRADUATION_RULES)


@hookimpl
def incuchain_review_rubric(stage, tenant):
    if stage != STAGE_KEY:
        return []
    return list(RUBRIC)


@hookimpl
def incuchain_milestone_templates(stage, tenant):
    if stage != STAGE_KEY:
        return []
    return milestones.milestone_templates(tenant)


@hookimpl
def incuchain_time_limit_months(stage, tenant, startup):
    if stage != STAGE_KEY:
        return None
    return settings.time_limit_months(tenant, startup)


@hookimpl
def incuchain_certificate_template(stage, tenant):
    if stage != STAGE_KEY:
        return None
    return CERTIFICATE


@hookimpl
def incuchain_referral_offers(next_stage):
    return [REFERRAL] if next_stage == STAGE_KEY else []


@hookimpl
def incuchain_intake_prefill(stage, startup, graduations):
    if stage != STAGE_KEY:
        return {}
    return forms.prefill(startup)
