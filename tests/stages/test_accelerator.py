"""The accelerator plugin: entry by an incubator graduation condition or by growth."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

import pytest
from flask_babel import force_locale
from sqlalchemy import select

import plugins.accelerator as accelerator
from core.enrollments.models import Milestone
from core.extensions import db
from core.plugin_api import EventFact, Figures, add_months
from core.plugin_api.testing import certification_fact, funding_fact
from plugins.accelerator.rules import GROUP, INTAKE_RULES, figures_with_answers
from tests.stages.support import (
    answer,
    check,
    codes,
    collect,
    company,
    context,
    figures,
    team,
    tenant,
    verdict,
)

STAGE = "accelerator"
ENTRY = date(2025, 3, 15)
ALTERNATIVES = {
    "high_tech_enterprise",
    "angel_vc_funding",
    "two_year_revenue",
    "acquired_or_listed",
    "growth",
}


def ctx(startup=None, answers=None, as_of=ENTRY, **tuned):
    return context(STAGE, startup or company(founded_on=date(2019, 5, 1)), as_of, answers, **tuned)


def fund(amount, kind="vc"):
    return funding_fact(date=date(2024, 6, 1), amount=Decimal(str(amount)), kind=kind)


def test_hook_incuchain_stage_settings():
    specs = collect("incuchain_stage_settings", stage=STAGE)
    assert {s.key: s.default for s in specs} == {
        "graduation_funding": Decimal(500),
        "graduation_revenue": Decimal(1000),
        "growth_min_revenue": Decimal(300),
        "growth_min_percent": Decimal(20),
        "exit_min_revenue": Decimal(1000),
        "exit_min_growth_percent": Decimal(5),
        "time_limit_months": 36,
    }
    for spec in specs:
        assert spec.label_zh and spec.label_en and spec.unit_zh and spec.unit_en and spec.citation
    by_key = {s.key: s for s in specs}
    assert "超过500万元" in by_key["graduation_funding"].citation
    assert "余姚" in by_key["growth_min_revenue"].citation
    assert "131号" in by_key["growth_min_percent"].citation
    assert "载体自定" in by_key["time_limit_months"].citation


def test_hook_incuchain_intake_rules():
    rules = collect("incuchain_intake_rules", stage=STAGE, tenant=tenant())
    assert [r.code for r in rules] == [
        "registered_company",
        "credit_code",
        "high_tech_enterprise",
        "angel_vc_funding",
        "two_year_revenue",
        "acquired_or_listed",
        "growth",
    ]
    assert {r.code for r in rules if r.group == GROUP} == ALTERNATIVES
    assert all(r.severity == "hard" and r.label_zh and r.label_en and r.citation for r in rules)


def test_meeting_no_condition_blocks_with_every_alternative_explained():
    outcome = verdict(INTAKE_RULES, ctx())
    assert not outcome.passed
    assert codes(outcome.blocking) == ALTERNATIVES
    for blocked in outcome.blocking:
        assert blocked.result.detail_zh and blocked.result.detail_en and blocked.rule.citation


@pytest.mark.parametrize(
    "startup",
    [
        company(
            certifications=(
                certification_fact(
                    kind="high_tech", issued_on=date(2024, 12, 1), valid_until=date(2027, 11, 30)
                ),
            )
        ),
        company(funding=(fund(300, "angel"), fund("200.0001"))),
        company(figures=figures(y2023=400, y2024="600.01")),
        company(events=(EventFact(kind="acquired", date=date(2025, 1, 10)),)),
        company(figures=figures(y2023=250, y2024=301)),
    ],
    ids=["high-tech", "funding", "two-year-revenue", "acquired", "growth"],
)
def test_any_one_condition_is_enough(startup):
    assert verdict(INTAKE_RULES, ctx(startup)).passed


def test_funding_of_exactly_500_is_not_enough_and_500_0001_is():
    exactly = check(INTAKE_RULES, "angel_vc_funding", ctx(company(funding=(fund(500),))))
    assert not exactly.passed and "未超过 500 万元" in exactly.detail_zh
    above = check(INTAKE_RULES, "angel_vc_funding", ctx(company(funding=(fund("500.0001"),))))
    assert above.passed and "500.0001 万元(1 笔)> 500 万元" in above.detail_zh


def test_grants_are_not_investment():
    startup = company(funding=(fund(2000, "grant"), fund(2000, "tech_loan")))
    assert not check(INTAKE_RULES, "angel_vc_funding", ctx(startup)).passed


def test_two_year_revenue_of_exactly_1000_is_not_enough_and_1000_01_is():
    exactly = ctx(company(figures=figures(y2023=500, y2024=500)))
    assert not check(INTAKE_RULES, "two_year_revenue", exactly).passed
    above = ctx(company(figures=figures(y2023=500, y2024="500.01")))
    result = check(INTAKE_RULES, "two_year_revenue", above)
    assert (
        result.passed and result.detail_zh == "2023—2024 年营业收入累计 1,000.01 万元 > 1,000 万元"
    )


def test_revenue_from_non_consecutive_years_does_not_count():
    startup = company(figures=figures(y2022=700, y2024=700))
    assert not check(INTAKE_RULES, "two_year_revenue", ctx(startup)).passed


def test_answered_revenue_counts_for_last_year_and_the_year_before():
    answers = {"revenue_last_year": Decimal("600.01"), "revenue_year_before": Decimal(400)}
    result = check(INTAKE_RULES, "two_year_revenue", ctx(answers=answers))
    assert result.passed and "2023—2024 年" in result.detail_zh


def test_answers_take_precedence_over_the_registry_for_those_years():
    startup = company(figures={2024: Figures(year=2024, revenue=Decimal(10), employees=30)})
    merged = figures_with_answers(ctx(startup, {"revenue_last_year": "700"}))
    assert merged[2024].revenue == Decimal(700) and merged[2024].employees == 30
    assert 2023 not in merged


@pytest.mark.parametrize(
    ("before", "last", "passed", "detail_zh"),
    [
        (
            250,
            301,
            True,
            "2024 年营业收入 301 万元 ≥ 300 万元;同比增长 20.4% > 20%(2023 年 250 万元)",
        ),
        (
            250,
            300,
            False,
            "2024 年营业收入 300 万元 ≥ 300 万元;同比增长 20% ≤ 20%(2023 年 250 万元)",
        ),
        (
            200,
            299,
            False,
            "2024 年营业收入 299 万元 < 300 万元;同比增长 49.5% > 20%(2023 年 200 万元)",
        ),
        (
            "249.999",
            300,
            True,
            "2024 年营业收入 300 万元 ≥ 300 万元;同比增长 20.00048% > 20%(2023 年 249.999 万元)",
        ),
    ],
)
def test_growth_thresholds_at_their_edges(before, last, passed, detail_zh):
    result = check(INTAKE_RULES, "growth", ctx(company(figures=figures(y2023=before, y2024=last))))
    assert result.passed is passed
    assert result.detail_zh == detail_zh


def test_growth_needs_both_years():
    only_last = check(INTAKE_RULES, "growth", ctx(company(figures=figures(y2024=900))))
    assert not only_last.passed and "无法计算同比增长" in only_last.detail_zh
    nothing = check(INTAKE_RULES, "growth", ctx())
    assert not nothing.passed and nothing.detail_en == "No revenue reported for 2024"


def test_a_carrier_can_tune_every_threshold():
    growing = company(figures=figures(y2023=250, y2024=301))
    assert not verdict(INTAKE_RULES, ctx(growing, growth_min_percent=Decimal(25))).passed
    assert not verdict(INTAKE_RULES, ctx(growing, growth_min_revenue=Decimal(400))).passed
    funded = company(funding=(fund(400),))
    assert verdict(INTAKE_RULES, ctx(funded, graduation_funding=Decimal(300))).passed
    earning = company(figures=figures(y2023=100, y2024=100))
    assert not verdict(INTAKE_RULES, ctx(earning)).passed
    assert verdict(INTAKE_RULES, ctx(earning, graduation_revenue=Decimal(150))).passed


def test_a_team_or_a_bad_credit_code_blocks_even_when_growing():
    growing = {"figures": figures(y2023=250, y2024=301)}
    assert codes(verdict(INTAKE_RULES, ctx(team(**growing))).blocking) == {
        "registered_company",
        "credit_code",
    }
    bad = company(credit_code="91X", credit_code_valid=False, **growing)
    assert codes(verdict(INTAKE_RULES, ctx(bad)).blocking) == {"credit_code"}


def test_hook_incuchain_time_limit_months():
    limit = partial(answer, "incuchain_time_limit_months")
    assert limit(stage=STAGE, tenant=tenant(), startup=company()) == 36
    assert limit(stage=STAGE, tenant=tenant(STAGE, time_limit_months=24), startup=company()) == 24


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
        assert 0 < t.due_after_months <= 36
    assert "高新技术企业认定(或重新认定)" in {t.title_zh for t in templates}


def test_hook_incuchain_intake_form(app):
    first = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    second = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    assert first is not second
    request = app.test_request_context(method="POST", data={"revenue_last_year": "abc"})
    with request, force_locale("en"):
        form = first()
        assert not form.validate()
        assert form.errors["growth_plan"] == ["This field is required."]
        assert list(form.errors) == ["growth_plan", "revenue_last_year"]
        assert "submit" not in form._fields


def test_answers_from_the_form_open_the_growth_route(app):
    form_class = answer("incuchain_intake_form", stage=STAGE, tenant=tenant())
    data = {
        "growth_plan": "三年内营业收入翻两番",
        "revenue_last_year": "360",
        "revenue_year_before": "280",
        "needs": ["production_space", "financing"],
    }
    with app.test_request_context(method="POST", data=data):
        form = form_class()
        assert form.validate(), form.errors
        answers = {f.name: f.data for f in form if f.type != "CSRFTokenField"}
    assert verdict(INTAKE_RULES, ctx(answers=answers)).passed
    assert check(INTAKE_RULES, "growth", ctx(answers=answers)).detail_en == (
        "Revenue 2024 360 万元 ≥ 300 万元; growth on 2023 (280 万元) 28.57% > 20%"
    )


def test_admission_sets_the_carriers_time_limit(app, factory):
    carrier = factory.tenant("fast", stages=("accelerator",))
    startup = factory.startup(tech_field="biomedicine")
    admitted = date(2025, 1, 31)
    enrollment = factory.enrollment(carrier, startup, STAGE, admitted_on=admitted)
    assert enrollment.time_limit_months == 36
    assert enrollment.due_on == add_months(admitted, 36)
    with app.app_context():
        milestones = db.session.scalars(
            select(Milestone).where(Milestone.enrollment_id == enrollment.id)
        ).all()
    assert len(milestones) == len(accelerator.milestones.TEMPLATES)
    assert all(m.due_on <= enrollment.due_on for m in milestones)
