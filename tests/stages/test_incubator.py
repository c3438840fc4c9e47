"""The incubator plugin: settings, intake form and rules, rubric, milestones, time limit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.plugin_api import Figures, add_months
from core.settings import operations as settings_operations
from core.tenancy.models import Tenant
from plugins.incubator.rules import INTAKE_RULES
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

STAGE = "incubator"
ENTRY = date(2025, 3, 15)
GOOD_ANSWERS = {
    "main_business": "尼龙复合材料的研发与生产",
    "employees": 20,
    "tech_staff": 8,
    "revenue": Decimal("300"),
    "total_assets": Decimal("800"),
    "on_site": True,
}


def ctx(startup=None, answers=None, as_of=ENTRY, **tuned):
    startup = startup or company(founded_on=date(2024, 1, 1))
    return context(STAGE, startup, as_of, GOOD_ANSWERS if answers is None else answers, **tuned)


# -- settings -----------------------------------------------


def test_hook_incuchain_stage_settings():
    specs = collect("incuchain_stage_settings", stage=STAGE)
    defaults = {s.key: s.default for s in specs}
    assert defaults == {
        "max_company_age_months": 24,
        "time_limit_months": 48,
        "extended_time_limit_months": 60,
        "max_employees": 500,
        "max_revenue": Decimal(20000),
        "max_assets": Decimal(20000),
        "min_tech_staff_percent": Decimal(10),
        "graduation_funding": Decimal(500),
        "graduation_revenue": Decimal(1000),
    }
    for spec in specs:
        assert spec.label_zh and spec.label_en and spec.unit_zh and spec.unit_en
        assert spec.citation
        assert isinstance(spec.default, Decimal if spec.type == "decimal" else int)
    by_key = {s.key: s for s in specs}
    assert "入驻时成立时间不超过24个月" in by_key["max_company_age_months"].citation
    assert (
        "尚待与官方原文核对" in by_key["extended_time_limit_months"].citation
    )  # PARTIAL in the sources
    assert by_key["max_revenue"].unit_zh == "万元"


# -- intake rules -------------------------------------------


def test_hook_incuchain_intake_rules():
    rules = collect("incuchain_intake_rules", stage=STAGE, tenant=tenant())
    assert [r.code for r in rules] == [
        "registered_company",
        "credit_code",
        "company_age",
        "tech_field",
        "on_site",
        "tech_sme_size",
        "tech_sme_size_reported",
        "tech_staff_share",
    ]
    for r in rules:
        assert r.label_zh and r.label_en and r.citation
        assert r.severity in {"hard", "soft"} and r.group is None
    result = verdict(rules, ctx())
    assert result.passed and not result.warnings


def test_founded_exactly_24_months_before_entry_passes():
    result = check(INTAKE_RULES, "company_age", ctx(company(founded_on=date(2023, 3, 15))))
    assert result.passed and "成立 24 个月(" in result.detail_zh


def test_founded_24_months_and_one_day_before_entry_fails_with_the_clause():
    outcome = verdict(INTAKE_RULES, ctx(company(founded_on=date(2023, 3, 14))))
    assert codes(outcome.blocking) == {"company_age"}
    (blocked,) = outcome.blocking
    assert "24 个月零 1 天" in blocked.result.detail_zh and "> 24 个月" in blocked.result.detail_zh
    assert "入驻时成立时间不超过24个月" in blocked.rule.citation


def test_founded_on_29_february():
    founded = company(founded_on=date(2024, 2, 29))
    assert check(INTAKE_RULES, "company_age", ctx(founded, as_of=date(2026, 2, 28))).passed
    assert not check(INTAKE_RULES, "company_age", ctx(founded, as_of=date(2026, 3, 1))).passed


def test_a_carrier_can_tune_the_company_age():
    older = company(founded_on=date(2022, 3, 15))
    assert not check(INTAKE_RULES, "company_age", ctx(older)).passed
    tuned = ctx(older, max_company_age_months=36)
    result = check(INTAKE_RULES, "company_age", tuned)
    assert result.passed and "36 个月" in result.detail_zh


def test_a_team_cannot_enter():
    outcome = verdict(INTAKE_RULES, ctx(team()))
    assert {"registered_company", "credit_code", "company_age"} <= codes(outcome.blocking)


def test_an_invalid_credit_code_blocks():
    startup = company(credit_code="91350100M000100Y4Z", credit_code_valid=False)
    outcome = verdict(INTAKE_RULES, ctx(startup))
    assert codes(outcome.blocking) == {"credit_code"}
    assert "GB 32100-2015" in outcome.blocking[0].rule.citation


def test_the_technology_field_is_required():
    assert codes(verdict(INTAKE_RULES, ctx(company(tech_field=""))).blocking) == {"tech_field"}


def test_the_company_must_commit_to_the_site():
    answers = GOOD_ANSWERS | {"on_site": False}
    outcome = verdict(INTAKE_RULES, ctx(answers=answers))
    assert codes(outcome.blocking) == {"on_site"}
    assert "注册地和主要研发、办公场所" in outcome.blocking[0].rule.citation


@pytest.mark.parametrize(("employees", "passed"), [(500, True), (501, False)])
def test_tech_sme_profile_at_500_and_501_employees(employees, passed):
    answers = GOOD_ANSWERS | {"employees": employees, "tech_staff": 100}
    outcome = verdict(INTAKE_RULES, ctx(answers=answers))
    assert outcome.passed is passed
    if not passed:
        (blocked,) = outcome.blocking
        assert blocked.rule.code == "tech_sme_size"
        assert "职工总数 501 人 > 500 人" in blocked.result.detail_zh
        assert "国科发政〔2017〕115号" in blocked.rule.citation


@pytest.mark.parametrize(
    ("revenue", "assets", "passed"),
    [
        ("20000", "20000", True),
        ("20000.01", "100", False),
        ("100", "20000.0001", False),
    ],
)
def test_tech_sme_profile_money_limits(revenue, assets, passed):
    answers = GOOD_ANSWERS | {"revenue": Decimal(revenue), "total_assets": Decimal(assets)}
    assert check(INTAKE_RULES, "tech_sme_size", ctx(answers=answers)).passed is passed


def test_missing_figures_only_warn():
    answers = {"main_business": "x", "on_site": True, "employees": None, "revenue": None}
    outcome = verdict(INTAKE_RULES, ctx(answers=answers))
    assert outcome.passed
    assert codes(outcome.warnings) == {"tech_sme_size_reported", "tech_staff_share"}
    warning = next(o for o in outcome.warnings if o.rule.code == "tech_sme_size_reported")
    assert warning.rule.severity == "soft"
    assert "未填报职工总数、年销售收入、资产总额" in warning.result.detail_zh


def test_missing_answers_fall_back_to_the_latest_figures():
    latest = Figures(year=2024, employees=501, tech_staff=60, revenue=Decimal(900))
    startup = company(figures={2023: Figures(year=2023, employees=10), 2024: latest})
    answers = {"on_site": True, "total_assets": Decimal(100)}
    result = check(INTAKE_RULES, "tech_sme_size", ctx(startup, answers))
    assert not result.passed
    assert "职工总数 501 人 > 500 人(2024 年度数据)" in result.detail_zh
    assert "900 万元 ≤ 20,000 万元(2024 年度数据)" in result.detail_zh
    assert "资产总额 100 万元 ≤ 20,000 万元" in result.detail_zh


def test_a_carrier_can_tune_the_profile_thresholds():
    answers = GOOD_ANSWERS | {"employees": 300}
    assert not check(INTAKE_RULES, "tech_sme_size", ctx(answers=answers, max_employees=200)).passed


def test_the_share_of_technical_staff_warns_below_ten_percent():
    at = check(INTAKE_RULES, "tech_staff_share", ctx(answers=GOOD_ANSWERS | {"tech_staff": 2}))
    assert at.passed and "10% ≥ 10%" in at.detail_zh
    below = GOOD_ANSWERS | {"employees": 21, "tech_staff": 2}
    outcome = verdict(INTAKE_RULES, ctx(answers=below))
    assert outcome.passed and codes(outcome.warnings) == {"tech_staff_share"}


# -- time limit ---------------------------------------------


@pytest.mark.parametrize(
    ("field", "months"),
    [
        ("new_materials", 48),
        ("electronic_information", 48),
        ("biomedicine", 60),
        ("modern_agriculture", 60),
        ("integrated_circuits", 60),
    ],
)
def test_hook_incuchain_time_limit_months(field, months):
    startup = company(tech_field=field)
    limit = answer("incuchain_time_limit_months", stage=STAGE, tenant=tenant(), startup=startup)
    assert limit == months


def test_carriers_tune_both_time_limits():
    tuned = tenant(STAGE, time_limit_months=36, extended_time_limit_months=54)
    limit = partial(answer, "incuchain_time_limit_months")
    assert limit(stage=STAGE, tenant=tuned, startup=company(tech_field="new_materials")) == 36
    assert limit(stage=STAGE, tenant=tuned, startup=company(tech_field="biomedicine")) == 54


# -- rubric and milestones ----------------------------------


def test_hook_incuchain_review_rubric():
    rubric = collect("incuchain_review_rubric", stage=STAGE, tenant=tenant())
    assert sum(c.weight for c in rubric) == 100
    assert [c.key for c in rubric] == [
        "technology",
        "team",
        "market",
        "business_model",
        "carrier_fit",
    ]
    assert all(c.label_zh and c.label_en and c.description_zh and c.description_en for c in rubric)


def test_hook_incuchain_milestone_templates():
    templates = collect("incuchain_milestone_templates", stage=STAGE, tenant=tenant())
    assert len(templates) >= 5
    assert len({t.key for t in templates}) == len(templates)
    for t in templates:
        assert t.title_zh and t.title_en and t.description_zh and t.description_en
        assert 0 < t.due_after_months <= 48
    titles = {t.title_zh for t in templates}
    assert {
        "入驻协议签署与工商注册地迁入",
        "科技型中小企业评价入库",
        "高新技术企业认定准备",
    } <= titles


def test_no_milestone_falls_due_after_a_shortened_time_limit():
    templates = collect(
        "incuchain_milestone_templates", stage=STAGE, tenant=tenant(STAGE, time_limit_months=24)
    )
    assert max(t.due_after_months for t in templates) == 24


# -- intake form --------------------------------------------


def test_hook_incuchain_intake_form(app):
    first = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    second = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    assert first is not second
    with app.test_request_context(method="POST", data={}), force_locale("en"):
        form = first()
        assert not form.validate()
        assert form.errors == {"main_business": ["This field is required."]}
        assert "submit" not in form._fields
    with app.test_request_context(method="POST", data={}), force_locale("zh_CN"):
        form = first()
        assert not form.validate()
        assert form.main_business.errors == ["此项为必填项。"]


def test_the_form_reads_typed_answers_the_rules_use(app):
    form_class = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    data = {
        "main_business": "尼龙复合材料",
        "employees": "501",
        "tech_staff": "80",
        "revenue": "1230.5",
        "total_assets": "900",
        "on_site": "y",
    }
    with app.test_request_context(method="POST", data=data):
        form = form_class()
        assert form.validate(), form.errors
        answers = {f.name: f.data for f in form if f.type != "CSRFTokenField"}
    assert answers["employees"] == 501 and answers["revenue"] == Decimal("1230.5")
    outcome = verdict(INTAKE_RULES, ctx(answers=answers))
    assert codes(outcome.blocking) == {"tech_sme_size"}


def test_the_form_rejects_negative_figures(app):
    form_class = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    data = {"main_business": "x", "employees": "-1"}
    with app.test_request_context(method="POST", data=data), force_locale("en"):
        form = form_class()
        assert not form.validate()
        assert form.errors == {"employees": ["Enter 0 or more."]}


# -- through the application --------------------------------


@pytest.mark.parametrize(("field", "months"), [("new_materials", 48), ("biomedicine", 60)])
def test_admission_creates_the_enrollment_and_its_milestones(app, factory, field, months):
    carrier = factory.tenant("nylon", stages=("incubator",))
    startup = factory.startup(tech_field=field, founded_on=date(2024, 5, 1))
    admitted = date(2025, 1, 31)
    enrollment = factory.enrollment(carrier, startup, STAGE, admitted_on=admitted)
    with app.app_context():
        row = db.session.get(Enrollment, enrollment.id)
        assert row.time_limit_months == months
        assert row.due_on == add_months(admitted, months)
        milestones = milestones_of(enrollment.id)
    templates = collect("incuchain_milestone_templates", stage=STAGE, tenant=tenant())
    assert [m.key for m in milestones] == [t.key for t in templates]
    for milestone, template in zip(milestones, templates, strict=True):
        assert milestone.title_en == template.title_en
        assert milestone.due_on == add_months(admitted, template.due_after_months)
    assert milestones[0].due_on == date(2025, 4, 30)


def test_a_tuned_time_limit_applies_at_admission(app, factory):
    carrier = factory.tenant("short", stages=("incubator",))
    with app.app_context():
        settings_operations.save(
            db.session.get(Tenant, carrier.id), STAGE, {"time_limit_months": 36}
        )
        db.session.commit()
    startup = factory.startup(tech_field="new_materials")
    enrollment = factory.enrollment(carrier, startup, STAGE, admitted_on=date(2025, 3, 1))
    assert enrollment.time_limit_months == 36
    assert enrollment.due_on == date(2028, 3, 1)
    with app.app_context():
        assert max(m.due_on for m in milestones_of(enrollment.id)) <= date(2028, 3, 1)


def milestones_of(enrollment_id):
    return db.session.scalars(
        select(Milestone)
        .where(Milestone.enrollment_id == enrollment_id)
        .order_by(Milestone.position)
    ).all()


def test_the_form_refuses_more_technical_staff_than_employees(app):
    form_class = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    data = {"main_business": "检测服务", "employees": "3", "tech_staff": "30"}
    with app.test_request_context(method="POST", data=data), force_locale("en"):
        form = form_class()
        assert not form.validate()
        assert form.tech_staff.errors == ["Technical staff cannot exceed employees."]
