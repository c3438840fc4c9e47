"""Blind review: a reviewer sees the others' scores only after giving their own."""

from __future__ import annotations

import pytest

from core.extensions import db
from core.tenancy.models import Tenant
from tests.workflow.test_review import SCORES_R1, SCORES_R2, assign


@pytest.fixture
def assigned(carrier, manager, submitted):
    assert assign(manager, carrier, submitted, "r1@tt.cn", "r2@tt.cn").status_code == 302
    return submitted


def give(carrier, email, application_id, scores):
    response = carrier.client_for(email).post(
        f"/t/tt/applications/{application_id}/score", data=scores
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def page_of(carrier, email, application_id):
    return (
        carrier.client_for(email).get(f"/t/tt/applications/{application_id}").get_data(as_text=True)
    )


def hide_until_decision(carrier):
    with carrier.app.app_context():
        db.session.get(Tenant, carrier.tenant.id).reviews_hidden_until_decision = True
        db.session.commit()


def test_a_reviewer_sees_the_others_scores_only_after_giving_their_own(carrier, assigned):
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    before = page_of(carrier, "r2@tt.cn", assigned)
    assert "Strong patents" not in before and "72.00" not in before
    assert "Reviewer One" not in before
    assert "shown once you have given your own" in before
    give(carrier, "r2@tt.cn", assigned, SCORES_R2)
    after = page_of(carrier, "r2@tt.cn", assigned)
    assert "Strong patents" in after and "72.00" in after and "Great team" in after
    assert "71.00" in after  # the mean of both


def test_the_manager_always_sees_every_review(carrier, manager, assigned):
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    page = manager.get(f"/t/tt/applications/{assigned}").get_data(as_text=True)
    assert "Strong patents" in page and "72.00" in page


def test_a_carrier_keeps_the_scores_hidden_until_the_decision(carrier, manager, assigned):
    hide_until_decision(carrier)
    give(carrier, "r1@tt.cn", assigned, SCORES_R1)
    give(carrier, "r2@tt.cn", assigned, SCORES_R2)
    page = page_of(carrier, "r2@tt.cn", assigned)
    assert "Strong patents" not in page and "72.00" not in page
    assert "Great team" in page  # their own
    assert "shown once the application is decided" in page
    assert "Strong patents" in manager.get(f"/t/tt/applications/{assigned}").get_data(as_text=True)
    response = manager.post(
        f"/t/tt/applications/{assigned}/decision",
        data={"decision": "reject", "admitted_on": "2026-01-31", "reason": "技术不成熟"},
    )
    assert response.status_code == 302
    decided = page_of(carrier, "r2@tt.cn", assigned)
    assert "Strong patents" in decided and "72.00" in decided


def test_the_manager_sets_it_on_the_carrier_profile(carrier, manager):
    form = manager.get("/t/tt/profile").get_data(as_text=True)
    assert "Keep reviewers&#39; scores hidden from each other until the decision" in form or (
        "Keep reviewers' scores hidden from each other until the decision" in form
    )
    response = manager.post(
        "/t/tt/profile",
        data={
            "name_zh": carrier.tenant.name_zh,
            "name_en": carrier.tenant.name_en or "TT",
            "reviews_hidden_until_decision": "y",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    with carrier.app.app_context():
        assert db.session.get(Tenant, carrier.tenant.id).reviews_hidden_until_decision
    assert "checked" in manager.get("/t/tt/profile").get_data(as_text=True)
