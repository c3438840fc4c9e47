"""A fourth stage that exists only in the tests.

It proves that core gains a stage without any edit: the test suite installs
it through the ``incuchain`` entry-point group, as a third-party package would,
and drives the whole workflow through it.
"""

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange

from core.plugin_api import (
    MilestoneTemplate,
    RubricCriterion,
    Rule,
    RuleResult,
    SettingSpec,
    StageSpec,
    hookimpl,
)

STAGE_KEY = "techtransfer"

TECHTRANSFER = StageSpec(
    key=STAGE_KEY,
    order=5,
    name_zh="技术转移",
    name_en="Tech transfer",
    next="makerspace",
    default_time_limit_months=12,
)


def enough_members(ctx):
    members, minimum = ctx.answers.get("members") or 0, ctx.setting("min_members")
    return RuleResult(
        members >= minimum,
        f"团队 {members} 人,至少 {minimum} 人",
        f"{members} team members, at least {minimum} needed",
    )


def has_credit_code(ctx):
    ok = ctx.startup.credit_code_valid
    return RuleResult(
        ok,
        "信用代码有效" if ok else "尚无有效信用代码",
        "Valid credit code" if ok else "No valid credit code yet",
    )


@hookimpl
def incuchain_stages():
    return [TECHTRANSFER]


@hookimpl
def incuchain_stage_settings(stage):
    if stage != STAGE_KEY:
        return []
    return [
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
        )
    ]


@hookimpl
def incuchain_intake_form(stage, tenant):
    if stage != STAGE_KEY:
        return None
    fields = {
        "summary": TextAreaField("Summary", validators=[DataRequired()]),
        "members": IntegerField("Members", validators=[InputRequired(), NumberRange(1, 100)]),
        "needs": SelectMultipleField("Needs", choices={"lab": "Laboratory", "mentor": "Mentoring"}),
    }
    return type("TechTransferIntakeForm", (FlaskForm,), fields)


@hookimpl
def incuchain_intake_rules(stage, tenant):
    if stage != STAGE_KEY:
        return []
    return [
        Rule(
            code="tt.members",
            label_zh="团队规模",
            label_en="Team size",
            citation="测试规则 第1条",
            check=enough_members,
            field="members",
        ),
        Rule(
            code="tt.credit_code",
            label_zh="信用代码",
            label_en="Credit code",
            citation="测试规则 第2条",
            check=has_credit_code,
            severity="soft",
        ),
    ]


@hookimpl
def incuchain_review_rubric(stage, tenant):
    if stage != STAGE_KEY:
        return []
    return [
        RubricCriterion(key="tech", label_zh="技术", label_en="Technology", weight=60),
        RubricCriterion(key="team", label_zh="团队", label_en="Team", weight=40),
    ]


@hookimpl
def incuchain_milestone_templates(stage, tenant):
    if stage != STAGE_KEY:
        return []
    return [
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
    ]
