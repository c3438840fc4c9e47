"""Graduating one startup: the decision, its snapshot, the override, the guard against twice."""

from __future__ import annotations

from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.certificates.models import Certificate
from core.enrollments.models import Enrollment
from core.extensions import db
from core.graduation.models import Graduation
from core.tenancy.models import Role


def graduate(client, enrollment_id: int, reason: str = ""):
    return client.post(f"/enrollments/{enrollment_id}/graduate", data={"override_reason": reason})


def test_a_manager_graduates_an_eligible_startup(app, client, auth, world):
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    response = graduate(client, world["funded"])
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "has graduated. Certificate ALPHA-" in page
    assert 'id="graduation-record"' in page
    with app.app_context():
        enrollment = db.session.get(Enrollment, world["funded"])
        assert enrollment.status == "graduated" and enrollment.ended_on is not None
        graduation = db.session.scalar(select(Graduation))
        assert graduation.eligible and graduation.override_reason == ""
        assert any(r["passed"] and "650" in r["detail_en"] for r in graduation.results)
        certificate = db.session.scalar(select(Certificate))
        assert certificate.serial == f"ALPHA-{graduation.graduated_on.year}-0001"
        assert certificate.pdf.startswith(b"%PDF")
        assert certificate.holder_zh == "融资科技有限公司"
        actions = set(db.session.scalars(select(AuditEvent.action)))
        assert "enrollment.graduated" in actions


def test_an_ineligible_startup_needs_a_reason_and_nothing_is_written_without_one(
    app, client, auth, world
):
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    page = client.get(f"/enrollments/{world['plain']}").get_data(as_text=True)
    assert "Reason to graduate despite unmet conditions" in page
    response = graduate(client, world["plain"])
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "give the reason to graduate it all the same" in text
    assert 'id="graduate-form"' in text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Graduation)) == 0
        assert db.session.scalar(select(func.count()).select_from(Certificate)) == 0
        assert db.session.get(Enrollment, world["plain"]).status == "active"


def test_an_override_reason_is_kept_with_the_decision(app, client, auth, world):
    auth.login("manager@alpha.cn")
    response = graduate(client, world["plain"], "  Acquired by a listed company in 2026.  ")
    assert response.status_code == 302
    with app.app_context():
        graduation = db.session.scalar(select(Graduation))
        assert not graduation.eligible
        assert graduation.override_reason == "Acquired by a listed company in 2026."
        assert graduation.results and not all(r["passed"] for r in graduation.results)
    page = client.get(f"/enrollments/{world['plain']}").get_data(as_text=True)
    assert "Acquired by a listed company in 2026." in page


def test_graduating_twice_is_refused(app, client, auth, world):
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    assert graduate(client, world["funded"]).status_code == 302
    again = graduate(client, world["funded"], "again")
    assert again.status_code == 302
    page = client.get(again.location).get_data(as_text=True)
    assert "has already graduated or its enrollment has ended" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Graduation)) == 1
        assert db.session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_only_the_carriers_managers_graduate(app, client, auth, factory, world):
    beta = factory.tenant("beta", stages=("incubator",))
    factory.member(beta, "manager@beta.cn", Role.MANAGER, "Beta Manager")
    for email, status in (
        ("reviewer@alpha.cn", 404),  # not assigned to the startup: it is not theirs to see
        ("founder@alpha.cn", 403),
        ("manager@beta.cn", 404),
    ):
        auth.login(email)
        assert graduate(client, world["funded"]).status_code == status, email
        auth.logout()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Graduation)) == 0


def test_founders_see_the_record_but_no_graduate_button(client, auth, world):
    auth.login("manager@alpha.cn")
    graduate(client, world["funded"])
    auth.logout()
    auth.login("founder@alpha.cn")
    page = client.get(f"/enrollments/{world['funded']}").get_data(as_text=True)
    assert 'id="graduation-record"' in page and 'id="certificate-download"' in page
    assert 'id="graduate-form"' not in page
