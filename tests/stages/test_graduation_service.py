"""Evaluating graduation for enrollments: the hook, failing closed, constant queries, the pages."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from core import hooks
from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.graduation.checks import eligible, evaluate_enrollments
from core.plugin_api import PluginContractError, Rule, hookimpl
from core.registry.models import Certification, FundingRound
from core.settings import operations as settings_operations
from core.settings import services as settings_services
from core.tenancy.models import Role, Tenant
from tests.stages.support import VALID_CODE

AS_OF = date(2026, 3, 15)
STAGES = ("makerspace", "incubator", "accelerator")


def fund(app, startup_id: int, amount: str, kind: str = "angel") -> None:
    with app.app_context():
        db.session.add(
            FundingRound(
                startup_id=startup_id, date=date(2025, 6, 1), amount=Decimal(amount), kind=kind
            )
        )
        db.session.commit()


def loaded(ids: list[int]) -> list[Enrollment]:
    return list(db.session.scalars(select(Enrollment).where(Enrollment.id.in_(ids))))


class Extra:
    """A plugin adding one graduation rule to the incubator."""

    def __init__(self, rule: Rule):
        self.rule = rule

    @hookimpl
    def incuchain_graduation_rules(self, stage, tenant):
        return [self.rule] if stage == "incubator" else []


def test_hook_incuchain_graduation_rules(app):
    with app.app_context():
        carrier = settings_services.tenant_ref(Tenant(id=1, slug="x", name_zh="x", name_en="x"))
        for stage in STAGES:
            rules = hooks.graduation_rules(stage, carrier)
            assert rules and all(r.citation and r.label_zh and r.label_en for r in rules)
        codes = {r.code for r in hooks.graduation_rules("incubator", carrier)}
        assert "two_year_revenue" in codes
        clash = Rule(
            code="two_year_revenue",
            label_zh="重复",
            label_en="Twice",
            citation="test",
            check=lambda ctx: None,
        )
        app.extensions["incuchain"].pm.register(Extra(clash))
        with pytest.raises(PluginContractError, match="two_year_revenue"):
            hooks.graduation_rules("incubator", carrier)


def test_a_rule_that_raises_is_a_logged_failure_never_a_pass(app, factory, caplog):
    carrier = factory.tenant("alpha", stages=STAGES)
    startup = factory.startup(credit_code=VALID_CODE)
    enrollment = factory.enrollment(carrier, startup, "incubator", date(2025, 1, 1))
    fund(app, startup.id, "900")  # meets the funding condition

    def broken(ctx):
        raise ZeroDivisionError("division by zero")

    app.extensions["incuchain"].pm.register(
        Extra(Rule(code="broken", label_zh="坏", label_en="Broken", citation="t", check=broken))
    )
    with app.app_context(), caplog.at_level(logging.ERROR):
        verdict = evaluate_enrollments(loaded([enrollment.id]), AS_OF)[enrollment.id]
    (outcome,) = [o for o in verdict.outcomes if o.rule.code == "broken"]
    assert not outcome.passed
    assert "ZeroDivisionError" in outcome.result.detail_en
    assert not verdict.passed and not eligible(verdict)
    assert "rule broken failed to evaluate" in caplog.text
    assert "ZeroDivisionError" in caplog.text


def test_a_raising_alternative_does_not_satisfy_its_group(app, factory, caplog):
    carrier = factory.tenant("alpha", stages=STAGES)
    enrollment = factory.enrollment(carrier, factory.startup(), "incubator", date(2025, 1, 1))

    def broken(ctx):
        raise RuntimeError("boom")

    rule = Rule(
        code="broken_alternative",
        label_zh="坏",
        label_en="Broken",
        citation="t",
        check=broken,
        group="torch_2018_graduation",
    )
    app.extensions["incuchain"].pm.register(Extra(rule))
    with app.app_context(), caplog.at_level(logging.ERROR):
        verdict = evaluate_enrollments(loaded([enrollment.id]), AS_OF)[enrollment.id]
    assert not verdict.passed
    assert "broken_alternative" in caplog.text


def test_evaluation_reads_each_enrollments_facts_and_carrier_settings(app, factory):
    alpha = factory.tenant("alpha", stages=STAGES)
    beta = factory.tenant("beta", stages=STAGES)
    rich, poor = factory.startup("富科技"), factory.startup("穷科技")
    fund(app, rich.id, "600")
    fund(app, poor.id, "450")
    ids = [
        factory.enrollment(alpha, rich, "incubator", date(2025, 1, 1)).id,
        factory.enrollment(alpha, poor, "incubator", date(2025, 1, 1)).id,
        factory.enrollment(beta, poor, "incubator", date(2025, 1, 1)).id,
    ]
    with app.app_context():
        settings_operations.save(
            db.session.get(Tenant, beta.id), "incubator", {"graduation_funding": Decimal(400)}
        )
        db.session.commit()
        verdicts = evaluate_enrollments(loaded(ids), AS_OF)
    assert [eligible(verdicts[i]) for i in ids] == [True, False, True]
    assert evaluate_enrollments([], AS_OF) == {}


def enroll_many(app, factory, carriers, count: int, offset: int) -> list[int]:
    ids = []
    for i in range(count):
        carrier = carriers[i % len(carriers)]
        stage = STAGES[i % len(STAGES)]
        startup = factory.startup(f"企业{offset + i}")
        fund(app, startup.id, str(100 * (i + 1)))
        with app.app_context():
            db.session.add(Certification(startup_id=startup.id, kind="high_tech", year=2025))
            db.session.commit()
        ids.append(factory.enrollment(carrier, startup, stage, date(2025, 1, 1)).id)
    return ids


def test_evaluating_3_or_30_enrollments_at_2_carriers_takes_the_same_queries(
    app, factory, count_queries
):
    carriers = [factory.tenant("alpha", stages=STAGES), factory.tenant("beta", stages=STAGES)]
    few_ids = enroll_many(app, factory, carriers, 3, 0)
    many_ids = enroll_many(app, factory, carriers, 30, 100)
    with app.app_context():
        few = loaded(few_ids)
        with count_queries() as few_queries:
            few_verdicts = evaluate_enrollments(few, AS_OF)
        db.session.expunge_all()
        many = loaded(many_ids)
        with count_queries() as many_queries:
            many_verdicts = evaluate_enrollments(many, AS_OF)
        assert len(few_verdicts) == 3 and len(many_verdicts) == 30
        assert all(v.outcomes for v in many_verdicts.values())
        assert few_queries() == many_queries()
        assert few_queries() <= 10


# -- pages ---------------------------------------------------------------------------


@pytest.fixture
def enrolled(app, factory):
    alpha = factory.tenant("alpha", stages=STAGES)
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER, "Alpha Manager")
    factory.member(alpha, "reviewer@alpha.cn", Role.REVIEWER, "Alpha Reviewer")
    funded = factory.startup("融资科技", founders=("founder@alpha.cn",), credit_code=VALID_CODE)
    fund(app, funded.id, "650")
    plain = factory.startup("平常科技")
    return {
        "funded": factory.enrollment(alpha, funded, "incubator", date(2025, 1, 1)).id,
        "plain": factory.enrollment(alpha, plain, "incubator", date(2025, 1, 1)).id,
    }


def test_the_enrollment_page_shows_the_checklist_to_managers_and_founders(client, auth, enrolled):
    for email in ("manager@alpha.cn", "founder@alpha.cn"):
        auth.login(email)
        client.post("/language", data={"locale": "en"})
        page = client.get(f"/enrollments/{enrolled['funded']}").get_data(as_text=True)
        assert 'id="graduation-check"' in page
        assert 'id="graduation-results"' in page
        assert "Eligible to graduate" in page
        assert "Angel and venture investment received: 650 万元 in 1 round &gt; 500 万元" in page
        assert "国科发区〔2018〕300号" in page and "累计获得天使投资或风险投资超过500万元" in page
        auth.logout()


def test_the_checklist_says_not_yet_and_why_in_chinese(client, auth, enrolled):
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "zh_Hans_CN"})
    page = client.get(f"/enrollments/{enrolled['plain']}").get_data(as_text=True)
    assert "尚不具备毕业条件" in page
    assert "没有连续两个完整年度的营业收入数据" in page


def test_reviewers_do_not_see_the_graduation_check(client, auth, enrolled):
    auth.login("reviewer@alpha.cn")
    page = client.get(f"/enrollments/{enrolled['funded']}").get_data(as_text=True)
    assert "graduation-check" not in page


def test_the_stage_page_has_a_graduation_column_for_managers(app, client, auth, enrolled):
    with app.app_context():
        db.session.get(Enrollment, enrolled["plain"]).status = "withdrawn"
        db.session.add(
            Milestone(enrollment_id=enrolled["plain"], key="x", title_zh="x", required=True)
        )
        db.session.commit()
    auth.login("reviewer@alpha.cn")  # reviewers see no roster, and no column
    reviewer_page = client.get("/t/alpha/stages/incubator").get_data(as_text=True)
    assert "graduation-check" not in reviewer_page
    auth.logout()
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    page = client.get("/t/alpha/stages/incubator").get_data(as_text=True)
    assert "<th>Graduation</th>" in page
    assert f'href="/enrollments/{enrolled["funded"]}#graduation-check">Eligible<' in page
    assert f"/enrollments/{enrolled['plain']}#graduation-check" not in page  # not active
    auth.logout()
    auth.login("founder@alpha.cn")
    page = client.get("/t/alpha/stages/incubator").get_data(as_text=True)
    assert "Graduation" not in page
