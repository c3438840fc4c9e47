"""The three stage plugins together, through core's hook calls and a carrier's stored settings."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel.speaklater import LazyString

import plugins.accelerator
import plugins.incubator
import plugins.makerspace
from core import hooks
from core.extensions import db
from core.plugin_api import RuleContext, Stage
from core.rules.context import one_startup
from core.rules.engine import Verdict, evaluate
from core.settings import operations as settings_operations
from core.settings import services
from core.stages import StageDefaults
from core.tenancy.models import Tenant
from tests.stages.support import PM, company, tenant

STAGES = ("makerspace", "incubator", "accelerator")
PLUGINS = {
    "makerspace": plugins.makerspace,
    "incubator": plugins.incubator,
    "accelerator": plugins.accelerator,
}
COLLECTING = (
    "incuchain_stage_settings",
    "incuchain_intake_rules",
    "incuchain_graduation_rules",
    "incuchain_review_rubric",
    "incuchain_milestone_templates",
    "incuchain_intake_prefill",
)
FIRSTRESULT = (
    "incuchain_intake_form",
    "incuchain_time_limit_months",
    "incuchain_certificate_template",
)
ARGUMENTS = {"tenant": tenant(), "startup": company(), "graduations": ()}


@pytest.mark.parametrize("stage", STAGES)
def test_each_builtin_stage_is_a_declaration(stage):
    """A built-in stage implements one hook, returning its ``Stage``; core answers the rest."""
    plugin = PLUGINS[stage]
    hookimpls = [name for name, value in vars(plugin).items() if hasattr(value, "incuchain_impl")]
    assert hookimpls == ["incuchain_stages"]
    (declared,) = plugin.incuchain_stages()
    assert isinstance(declared, Stage) and declared.key == stage


def core_answer(name: str, stage: str):
    """What core's ``StageDefaults`` answers to hook ``name`` for ``stage``, called directly."""
    (impl,) = [
        i for i in PM.hook.__dict__[name].get_hookimpls() if isinstance(i.plugin, StageDefaults)
    ]
    kwargs = {**ARGUMENTS, "stage": stage, "next_stage": stage}
    return impl.function(*(kwargs[a] for a in impl.argnames))


@pytest.mark.parametrize("stage", ["techtransfer", None])
def test_core_answers_only_for_the_stages_declared(stage):
    for name in COLLECTING + ("incuchain_referral_offers",):
        assert not core_answer(name, stage), name
    for name in FIRSTRESULT:
        assert core_answer(name, stage) is None, name


def test_firstresult_hookimpls_answer_only_for_their_own_stages():
    """Any plugin's firstresult hookimpl, called for a stage it does not define, answers None."""
    registry = PM.get_plugin(StageDefaults.NAME).registry
    for name in FIRSTRESULT:
        for impl in PM.hook.__dict__[name].get_hookimpls():
            if isinstance(impl.plugin, StageDefaults):
                continue
            for stage in [*(s for s in STAGES if registry.owner(s) != impl.plugin_name), "nowhere"]:
                kwargs = {**ARGUMENTS, "stage": stage}
                assert impl.function(*(kwargs[a] for a in impl.argnames)) is None


def test_core_collects_every_stage_without_duplicates(app, factory):
    carrier = factory.tenant("chain", stages=STAGES)
    with app.app_context():
        ref = services.tenant_ref(db.session.get(Tenant, carrier.id))
        for stage in STAGES:
            specs = hooks.stage_settings(stage)
            assert {s.key: s.default for s in specs} == dict(ref.settings[stage])
            rules = hooks.intake_rules(stage, ref)
            assert rules and [r.code for r in rules] == [
                r.code for r in PLUGINS[stage].rules.INTAKE_RULES
            ]
            assert sum(c.weight for c in hooks.review_rubric(stage, ref)) == 100
            assert len(hooks.milestone_templates(stage, ref)) >= 5
            assert hooks.intake_form(stage, ref) is not hooks.intake_form(stage, ref)
            assert (
                hooks.time_limit_months(stage, ref, company())
                == ref.settings[stage]["time_limit_months"]
            )


@pytest.mark.parametrize("stage", STAGES)
def test_every_rule_cites_its_clause_in_both_languages(stage):
    for rule in PLUGINS[stage].rules.INTAKE_RULES:
        assert rule.label_zh and rule.label_en and rule.citation
        assert rule.severity in {"hard", "soft"}
    for spec in PLUGINS[stage].settings.SETTINGS:
        assert spec.citation and spec.label_zh and spec.label_en


@pytest.mark.parametrize("stage", STAGES)
def test_every_form_label_is_translatable(stage):
    form_class = PLUGINS[stage].STAGE.intake_form(tenant())
    unbound = [v for v in vars(form_class).values() if hasattr(v, "field_class")]
    assert unbound
    for field in unbound:
        assert isinstance(field.args[0], LazyString), field


def test_a_carriers_stored_setting_changes_the_intake_outcome(app, factory):
    carrier = factory.tenant("tuned", stages=("incubator",))
    startup = factory.startup(
        credit_code="91350100M000100Y43", founded_on=date(2022, 3, 1), tech_field="new_materials"
    )
    answers = {"employees": 10, "tech_staff": 5, "revenue": 1, "total_assets": 1, "on_site": True}

    def blocking() -> set[str]:
        with app.app_context():
            ref = services.tenant_ref(db.session.get(Tenant, carrier.id))
            facts = one_startup(db.session.merge(startup))
            context = RuleContext(
                stage="incubator",
                tenant=ref,
                startup=facts,
                as_of=date(2025, 3, 1),
                answers=answers,
            )
            verdict = Verdict(evaluate(hooks.intake_rules("incubator", ref), context))
            return {o.rule.code for o in verdict.blocking}

    assert blocking() == {"company_age"}
    with app.app_context():
        settings_operations.save(
            db.session.get(Tenant, carrier.id), "incubator", {"max_company_age_months": 36}
        )
        db.session.commit()
    assert blocking() == set()
