"""The makerspace plugin: a team, possibly unregistered, with its idea, members and needs."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from flask_babel import force_locale
from sqlalchemy import select

import plugins.makerspace as makerspace
from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.plugin_api import add_months
from plugins.makerspace.rules import INTAKE_RULES
from tests.stages.support import (
    answer,
    check,
    codes,
    collect,
    company,
    context,
    team,
    tenant,
    verdict,
)

STAGE = "makerspace"
ENTRY = date(2025, 3, 15)
ANSWERS = {
    "idea": "用尼龙废料 3D 打印家具",
    "members": "张三 产品\n李四 技术\n",
    "needs": ["workspace"],
}


def ctx(startup=None, answers=None, as_of=ENTRY, **tuned):
    return context(
        STAGE, startup or team(), as_of, ANSWERS if answers is None else answers, **tuned
    )


def test_hook_incuchain_stage_settings():
    specs = collect("incuchain_stage_settings", stage=STAGE)
    assert {s.key: s.default for s in specs} == {
        "max_company_age_months": 12,
        "min_team_size": 2,
        "time_limit_months": 24,
    }
    for spec in specs:
        assert spec.type == "int" and spec.label_zh and spec.label_en
        assert spec.unit_zh and spec.unit_en and spec.citation
    by_key = {s.key: s for s in specs}
    assert "郑东新区" in by_key["max_company_age_months"].citation
    assert "深圳" in by_key["time_limit_months"].citation
    assert "载体自定" in by_key["min_team_size"].citation


def test_hook_incuchain_intake_rules():
    rules = collect("incuchain_intake_rules", stage=STAGE, tenant=tenant())
    assert [(r.code, r.severity) for r in rules] == [
        ("company_age", "hard"),
        ("credit_code", "soft"),
        ("team_size", "soft"),
    ]
    assert all(r.label_zh and r.label_en and r.citation for r in rules)
    outcome = verdict(rules, ctx())
    assert outcome.passed and not outcome.warnings


def test_an_unregistered_team_is_welcome():
    result = check(INTAKE_RULES, "company_age", ctx(team()))
    assert result.passed and result.detail_zh == "尚未注册企业,不适用"
    assert check(INTAKE_RULES, "credit_code", ctx(team())).passed


def test_a_registered_company_founded_12_months_before_entry_passes():
    startup = company(founded_on=date(2024, 3, 15))
    result = check(INTAKE_RULES, "company_age", ctx(startup))
    assert result.passed and "成立 12 个月(" in result.detail_zh and "≤ 12 个月" in result.detail_zh


def test_one_day_more_blocks_with_the_local_clause():
    outcome = verdict(INTAKE_RULES, ctx(company(founded_on=date(2024, 3, 14))))
    assert codes(outcome.blocking) == {"company_age"}
    (blocked,) = outcome.blocking
    assert "12 months and 1 day" in blocked.result.detail_en
    assert "入驻时注册时间一般不超过12个月" in blocked.rule.citation


def test_month_end_registration():
    startup = company(founded_on=date(2024, 2, 29))
    assert check(INTAKE_RULES, "company_age", ctx(startup, as_of=date(2025, 2, 28))).passed
    assert not check(INTAKE_RULES, "company_age", ctx(startup, as_of=date(2025, 3, 1))).passed


def test_a_carrier_can_admit_older_companies():
    startup = company(founded_on=date(2023, 9, 1))
    assert not verdict(INTAKE_RULES, ctx(startup)).passed
    assert verdict(INTAKE_RULES, ctx(startup, max_company_age_months=24)).passed


def test_a_registered_company_with_a_bad_credit_code_only_warns():
    startup = company(founded_on=date(2024, 6, 1), credit_code="91X", credit_code_valid=False)
    outcome = verdict(INTAKE_RULES, ctx(startup))
    assert outcome.passed and codes(outcome.warnings) == {"credit_code"}


@pytest.mark.parametrize(
    ("members", "passed", "detail_zh"),
    [
        ("张三\n李四", True, "团队成员 2 人 ≥ 2 人"),
        ("张三\n\n   \n", False, "团队成员 1 人 < 2 人"),
        ("", False, "团队成员 0 人 < 2 人"),
    ],
)
def test_team_size_warns_below_the_minimum(members, passed, detail_zh):
    outcome = verdict(INTAKE_RULES, ctx(answers=ANSWERS | {"members": members}))
    assert outcome.passed
    assert ("team_size" not in codes(outcome.warnings)) is passed
    assert (
        check(INTAKE_RULES, "team_size", ctx(answers={"members": members})).detail_zh == detail_zh
    )


def test_a_carrier_can_raise_the_team_size():
    result = check(INTAKE_RULES, "team_size", ctx(min_team_size=3))
    assert not result.passed and result.detail_en == "2 team members listed < 3"


def test_hook_incuchain_time_limit_months():
    limit = partial(answer, "incuchain_time_limit_months")
    assert limit(stage=STAGE, tenant=tenant(), startup=team()) == 24
    assert limit(stage=STAGE, tenant=tenant(STAGE, time_limit_months=12), startup=team()) == 12


def test_hook_incuchain_review_rubric():
    rubric = collect("incuchain_review_rubric", stage=STAGE, tenant=tenant())
    assert sum(c.weight for c in rubric) == 100
    assert len({c.key for c in rubric}) == len(rubric) == 5
    assert all(c.label_zh and c.label_en and c.description_zh and c.description_en for c in rubric)


def test_hook_incuchain_milestone_templates():
    templates = collect("incuchain_milestone_templates", stage=STAGE, tenant=tenant())
    assert len(templates) >= 5
    assert len({t.key for t in templates}) == len(templates)
    for t in templates:
        assert t.title_zh and t.title_en and t.description_zh and t.description_en
        assert 0 < t.due_after_months <= 24
    by_key = {t.key: t for t in templates}
    # Registering a company or getting financing: either is success (policy-rules.md §2.2).
    assert not by_key["company_registration"].required and not by_key["first_financing"].required
    shortened = collect(
        "incuchain_milestone_templates", stage=STAGE, tenant=tenant(STAGE, time_limit_months=6)
    )
    assert max(t.due_after_months for t in shortened) == 6


def test_hook_incuchain_intake_form(app):
    first = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    second = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    assert first is not second
    with app.test_request_context(method="POST", data={}), force_locale("en"):
        form = first()
        assert not form.validate()
        assert form.errors == {
            "idea": ["This field is required."],
            "members": ["This field is required."],
            "needs": ["Choose at least one."],
        }
        assert "submit" not in form._fields


def test_a_filled_in_form_gives_the_answers_the_rules_read(app):
    form_class = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    data = {
        "idea": "尼龙废料再生",
        "members": "张三\n李四\n王五",
        "needs": ["workspace", "mentoring"],
        "founder_type": "student",
        "desks_needed": "3",
    }
    with app.test_request_context(method="POST", data=data):
        form = form_class()
        assert form.validate(), form.errors
        answers = {f.name: f.data for f in form if f.type != "CSRFTokenField"}
    assert answers["needs"] == ["workspace", "mentoring"] and answers["desks_needed"] == 3
    assert check(INTAKE_RULES, "team_size", ctx(answers=answers)).detail_en == (
        "3 team members listed ≥ 2"
    )


def test_the_form_rejects_unknown_needs(app):
    form_class = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    data = {"idea": "x", "members": "x", "needs": ["free_lunch"]}
    with app.test_request_context(method="POST", data=data):
        form = form_class()
        assert not form.validate() and list(form.errors) == ["needs"]


def test_admission_uses_the_carriers_residency_limit(app, factory):
    carrier = factory.tenant("space", stages=("makerspace",))
    startup = factory.startup(kind="team", tech_field="new_materials")
    admitted = date(2025, 8, 31)
    enrollment = factory.enrollment(carrier, startup, STAGE, admitted_on=admitted)
    assert enrollment.time_limit_months == 24
    assert enrollment.due_on == date(2027, 8, 31)
    with app.app_context():
        assert db.session.get(Enrollment, enrollment.id).stage == STAGE
        milestones = db.session.scalars(
            select(Milestone).where(Milestone.enrollment_id == enrollment.id)
        ).all()
    assert len(milestones) == len(makerspace.milestones.TEMPLATES)
    by_key = {m.key: m for m in milestones}
    assert by_key["residency_agreement"].due_on == date(2025, 9, 30)
    assert by_key["company_registration"].due_on == add_months(admitted, 12)
    assert by_key["company_registration"].required is False
