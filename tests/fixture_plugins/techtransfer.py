"""A fourth stage that exists only in the tests, declared as a third party would write it.

Installed through the ``incuchain`` entry-point group, it proves that core gains a stage
without an edit (tests/test_fourth_stage.py). Its own catalogue translates its form's labels.
"""

from pathlib import Path

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange

from core.plugin_api import (
    CertificateTemplate,
    MilestoneTemplate,
    MultiCheckboxField,
    RubricCriterion,
    Rule,
    RuleResult,
    SettingSpec,
    Stage,
    StageSpec,
    hookimpl,
    select_choices,
)


def intake_form(tenant):
    needs = (("lab", _l("Laboratory access")), ("mentor", _l("A licensing mentor")))
    fields = {
        "summary": TextAreaField(_l("Technology to transfer"), validators=[DataRequired()]),
        "members": IntegerField(
            _l("Researchers on the team"), validators=[InputRequired(), NumberRange(1, 100)]
        ),
        "needs": MultiCheckboxField(_l("Support needed"), choices=select_choices(needs)),
    }
    return type("TechTransferIntakeForm", (FlaskForm,), fields)


def enough_members(ctx):
    members, minimum = ctx.answers.get("members") or 0, ctx.setting("min_members")
    zh = f"团队 {members} 人,至少 {minimum} 人"
    return RuleResult(members >= minimum, zh, f"{members} team members, at least {minimum} needed")


def has_credit_code(ctx):
    if ctx.startup.credit_code_valid:
        return RuleResult(True, "信用代码有效", "Valid credit code")
    return RuleResult(False, "尚无有效信用代码", "No valid credit code yet")


def licence_verified(ctx):
    if any(m.key == "licence" and m.status == "verified" for m in ctx.enrollment.milestones):
        return RuleResult(True, "许可协议已核验", "Licence agreement verified")
    return RuleResult(False, "许可协议尚未核验", "Licence agreement not verified yet")


def rule(code, zh, en, check, clause, **options):
    citation = f"测试规则 第{clause}条"
    return Rule(code=code, label_zh=zh, label_en=en, citation=citation, check=check, **options)


STAGE = Stage(
    spec=StageSpec(
        key="techtransfer",
        order=5,
        name_zh="技术转移",
        name_en="Tech transfer",
        next="makerspace",
        default_time_limit_months=12,
    ),
    settings=(
        SettingSpec(
            key="min_members",
            label_zh="最少成员",
            label_en="Minimum team size",
            type="int",
            default=2,
            unit_zh="人",
            unit_en="people",
            minimum=1,
            maximum=50,
        ),
    ),
    intake_form=intake_form,
    intake_rules=(
        rule("tt.members", "团队规模", "Team size", enough_members, 1, field="members"),
        rule("tt.credit_code", "信用代码", "Credit code", has_credit_code, 2, severity="soft"),
    ),
    milestones=(
        MilestoneTemplate(
            key="licence", title_zh="签订许可协议", title_en="Sign the licence", due_after_months=3
        ),
        MilestoneTemplate(
            key="prototype",
            title_zh="样机",
            title_en="Prototype",
            due_after_months=9,
            required=False,
        ),
    ),
    rubric=(
        RubricCriterion(key="tech", label_zh="技术", label_en="Technology", weight=60),
        RubricCriterion(key="team", label_zh="团队", label_en="Team", weight=40),
    ),
    graduation_rules=(rule("tt.licence", "许可协议", "Licence", licence_verified, 3),),
    certificate=CertificateTemplate(folder=Path(__file__).parent / "techtransfer_templates"),
)


@hookimpl
def incuchain_stages():
    return [STAGE]


@hookimpl
def incuchain_translation_dirs():
    return [Path(__file__).parent / "techtransfer_translations"]
