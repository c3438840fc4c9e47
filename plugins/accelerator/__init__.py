"""The accelerator (加速器) stage, declared: core answers its hooks from ``STAGE``.

The modules hold what this stage means: ``stage`` (its place in the chain,
time limit and referral), ``settings``, ``forms`` (the intake form and its
prefill), ``rules`` (intake rules), ``graduation``, ``rubric``,
``milestones``, ``citations`` and ``templates/certificate.html``.
"""

from pathlib import Path

from core.plugin_api import CertificateTemplate, Stage, hookimpl

from .forms import intake_form, prefill
from .graduation import GRADUATION_RULES
from .milestones import TEMPLATES
from .rubric import RUBRIC
from .rules import INTAKE_RULES
from .settings import SETTINGS
from .stage import REFERRAL, SPEC

STAGE = Stage(
    spec=SPEC,
    settings=SETTINGS,
    intake_form=intake_form,
    intake_rules=INTAKE_RULES,
    milestones=TEMPLATES,
    rubric=RUBRIC,
    graduation_rules=GRADUATION_RULES,
    certificate=CertificateTemplate(folder=Path(__file__).parent / "templates"),
    referral=REFERRAL,
    prefill=prefill,
)


@hookimpl
def incuchain_stages():
    return [STAGE]
