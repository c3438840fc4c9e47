"""The makerspace's graduation rules: a company or financing (120号 条件六), and milestones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from core.plugin_api import EnrollmentFacts, MilestoneFact
from core.plugin_api.testing import funding_fact
from plugins.makerspace.graduation import GRADUATION_RULES, GROUP
from tests.stages.support import check, codes, collect, company, context, team, tenant, verdict

STAGE = "makerspace"
AS_OF = date(2026, 3, 15)
TITLES = {
    "agreement": "入驻协议签署",
    "plan": "商业计划书",
    "prototype": "产品原型",
    "roadshow": "参加路演",
    "mentor": "导师辅导计划",
}


def milestones(verified: int, total: int = 5, optional_open: int = 1) -> tuple[MilestoneFact, ...]:
    keys = list(TITLES)[:total]
    required = tuple(
        MilestoneFact(
            key=key,
            required=True,
            status="verified" if i < verified else "submitted",
            title_zh=TITLES[key],
            title_en=key.capitalize(),
        )
        for i, key in enumerate(keys)
    )
    optional = tuple(
        MilestoneFact(key=f"extra{i}", required=False, status="open") for i in range(optional_open)
    )
    return required + optional


def ctx(startup, verified=5, total=5):
    plain = context(STAGE, startup, AS_OF)
    enrollment = EnrollmentFacts(
        admitted_on=date(2025, 1, 1),
        due_on=date(2027, 1, 1),
        milestones=milestones(verified, total),
    )
    return replace(plain, enrollment=enrollment)


def financed(startup, on=date(2025, 9, 1), amount="50"):
    round_ = funding_fact(date=on, amount=Decimal(amount), kind="angel", investor="天使")
    return replace(startup, funding=(round_,))


def test_the_rules_cite_120_and_form_one_group_plus_the_milestones():
    by_code = {r.code: r for r in GRADUATION_RULES}
    assert by_code["registered_company"].group == by_code["financing"].group == GROUP
    assert by_code["milestones_verified"].group is None
    assert "国科火字〔2017〕120号" in by_code["registered_company"].citation
    assert "注册成为新企业" in by_code["registered_company"].citation
    assert "获得融资" in by_code["financing"].citation
    assert collect("incuchain_graduation_rules", stage=STAGE, tenant=tenant())


def test_a_team_without_financing_does_not_graduate():
    result = verdict(GRADUATION_RULES, ctx(team()))
    assert not result.passed
    assert codes(result.blocking) == {"registered_company", "financing"}


def test_a_registered_company_with_a_valid_code_graduates():
    result = verdict(GRADUATION_RULES, ctx(company()))
    assert result.passed
    detail = check(GRADUATION_RULES, "registered_company", ctx(company())).detail_zh
    assert "已注册为企业" in detail and "校验通过" in detail


def test_a_company_whose_code_fails_the_check_needs_financing():
    bad = company(credit_code="91350100M000100Y44", credit_code_valid=False)
    result = check(GRADUATION_RULES, "registered_company", ctx(bad))
    assert not result.passed and "未通过校验" in result.detail_zh
    assert not verdict(GRADUATION_RULES, ctx(bad)).passed
    assert verdict(GRADUATION_RULES, ctx(financed(bad))).passed


def test_a_team_with_financing_graduates_but_only_from_the_round_date():
    result = check(GRADUATION_RULES, "financing", ctx(financed(team())))
    assert result.passed
    assert result.detail_zh == "已获得融资 1 笔,累计 50 万元(首笔:2025-09-01 天使投资)"
    assert verdict(GRADUATION_RULES, ctx(financed(team()))).passed
    later = ctx(financed(team(), on=date(2026, 3, 16)))
    assert not check(GRADUATION_RULES, "financing", later).passed


def test_every_required_milestone_must_be_verified_and_the_missing_are_named():
    result = check(GRADUATION_RULES, "milestones_verified", ctx(company(), verified=3))
    assert not result.passed
    assert result.detail_zh == "3/5 项必需里程碑已核验;未核验:参加路演、导师辅导计划"
    assert result.detail_en == "3 of 5 required milestones verified; not verified: Roadshow, Mentor"
    assert not verdict(GRADUATION_RULES, ctx(company(), verified=3)).passed
    # The open optional milestone does not count.
    done = check(GRADUATION_RULES, "milestones_verified", ctx(company(), verified=5))
    assert done.passed and done.detail_zh == "5/5 项必需里程碑已核验"


def test_without_an_enrollment_there_are_no_milestones_to_miss():
    result = check(GRADUATION_RULES, "milestones_verified", context(STAGE, company(), AS_OF))
    assert result.passed and result.facts["required"] == 0
