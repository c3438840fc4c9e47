"""Who sees a startup's record: what it shared with a carrier, from the submission on.

A carrier sees the record while an application is under review there or the
startup is enrolled there (``CarrierLink.state``); after it rejected the
startup it keeps its own application and decision, and nothing else: not the
record, not its history, not the evidence uploaded at other carriers.
"""

from __future__ import annotations

import io

from sqlalchemy import select

from core.applications.models import Application
from core.enrollments.models import Enrollment, Evidence, Milestone
from core.extensions import db
from core.registry.models import CarrierLink
from tests.registry.conftest import english

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def graduated_with_evidence(app, client, auth, startup) -> tuple[int, int]:
    """The startup's enrollment at alpha, with an evidence file, then graduated."""
    with app.app_context():
        enrollment_id = db.session.scalar(
            select(Enrollment.id).where(Enrollment.startup_id == startup.id)
        )
        milestone_id = db.session.scalar(
            select(Milestone.id).where(Milestone.enrollment_id == enrollment_id).limit(1)
        )
    auth.login("founder@pds.cn")
    response = client.post(
        f"/milestones/{milestone_id}/update",
        data={"status": "open", "progress": "0", "files": [(io.BytesIO(PDF), "合同.pdf")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    auth.logout()
    with app.app_context():
        db.session.get(Enrollment, enrollment_id).status = "graduated"
        evidence_id = db.session.scalar(select(Evidence.id))
        db.session.commit()
    return enrollment_id, evidence_id


def apply_to_beta(app, client, auth, startup, beta) -> int:
    with app.app_context():
        application = Application(
            startup_id=startup.id, tenant_id=beta.id, stage="incubator", status="submitted"
        )
        db.session.add(application)
        db.session.flush()
        from core.registry import operations

        operations.link([startup.id], beta.id)
        db.session.commit()
        return application.id


def status(client, url: str) -> int:
    with client.get(url) as response:  # a file's response holds it open
        return response.status_code


def link_state(app, startup, tenant) -> str:
    with app.app_context():
        return db.session.scalar(
            select(CarrierLink.state).where(
                CarrierLink.startup_id == startup.id, CarrierLink.tenant_id == tenant.id
            )
        )


def test_a_carrier_that_rejected_a_startup_keeps_only_its_application(
    app, client, auth, startup, carriers
):
    _alpha, beta = carriers
    enrollment_id, evidence_id = graduated_with_evidence(app, client, auth, startup)
    application_id = apply_to_beta(app, client, auth, startup, beta)
    record = f"/t/beta/startups/{startup.id}"
    auth.login("manager@beta.cn")
    english(client)
    # Under review: beta sees what the startup shared, its history at alpha included.
    assert client.get(record).status_code == 200
    assert client.get(f"/enrollments/{enrollment_id}").status_code == 200
    assert status(client, f"/evidence/{evidence_id}") == 200
    response = client.post(
        f"/t/beta/applications/{application_id}/decision",
        data={"decision": "reject", "reason": "场地不足", "admitted_on": "2026-01-01"},
    )
    assert response.status_code == 302
    assert link_state(app, startup, beta) == "closed"
    # Rejected: its application and decision stay; the record, history and evidence do not.
    for url in (
        record,
        f"{record}/founders",
        f"/startups/{startup.id}",
        f"/enrollments/{enrollment_id}",
        f"/evidence/{evidence_id}",
        f"/api/v1/startups/{startup.id}?tenant=beta",
    ):
        assert status(client, url) in (404, 401), url
    page = client.get(f"/t/beta/applications/{application_id}").get_data(as_text=True)
    assert "场地不足" in page and "Rejected" in page
    assert "no longer shares its record" in page, page
    assert f'href="{record}"' not in page
    assert "平顶山新材料科技有限公司" not in client.get("/t/beta/startups").get_data(as_text=True)
    auth.logout()
    # The carrier where it is enrolled still sees everything.
    auth.login("manager@alpha.cn")
    assert client.get(f"/t/alpha/startups/{startup.id}").status_code == 200
    assert status(client, f"/evidence/{evidence_id}") == 200


def test_applying_again_shares_the_record_again(app, client, auth, startup, carriers):
    _alpha, beta = carriers
    first = apply_to_beta(app, client, auth, startup, beta)
    auth.login("manager@beta.cn")
    client.post(
        f"/t/beta/applications/{first}/decision",
        data={"decision": "reject", "reason": "不符合", "admitted_on": "2026-01-01"},
    )
    assert client.get(f"/t/beta/startups/{startup.id}").status_code == 404
    with app.app_context():
        db.session.get(Application, first).stage = "makerspace"  # free the stage
        db.session.commit()
    apply_to_beta(app, client, auth, startup, beta)
    assert link_state(app, startup, beta) == "applied"
    assert client.get(f"/t/beta/startups/{startup.id}").status_code == 200


def test_a_rejection_leaves_the_record_shared_while_another_application_is_pending(
    app, client, auth, startup, carriers
):
    _alpha, beta = carriers
    first = apply_to_beta(app, client, auth, startup, beta)
    with app.app_context():
        db.session.add(
            Application(
                startup_id=startup.id, tenant_id=beta.id, stage="makerspace", status="submitted"
            )
        )
        db.session.commit()
    auth.login("manager@beta.cn")
    client.post(
        f"/t/beta/applications/{first}/decision",
        data={"decision": "reject", "reason": "不符合", "admitted_on": "2026-01-01"},
    )
    assert link_state(app, startup, beta) == "applied"
    assert client.get(f"/t/beta/startups/{startup.id}").status_code == 200


def test_a_founder_withdraws_an_application_and_the_carrier_keeps_only_it(
    app, client, auth, startup, carriers
):
    _alpha, beta = carriers
    application_id = apply_to_beta(app, client, auth, startup, beta)
    auth.login("founder@pds.cn")
    english(client)
    page = client.get(f"/applications/{application_id}").get_data(as_text=True)
    assert 'id="withdraw-form"' in page
    response = client.post(f"/applications/{application_id}/withdraw", data={"reason": "另选载体"})
    assert response.status_code == 302
    page = client.get(f"/applications/{application_id}").get_data(as_text=True)
    assert "Withdrawn" in page and "另选载体" in page and "Reason for the withdrawal" in page
    assert 'id="withdraw-form"' not in page
    assert link_state(app, startup, beta) == "closed"
    auth.logout()
    auth.login("manager@beta.cn")
    english(client)
    assert client.get(f"/t/beta/startups/{startup.id}").status_code == 404
    page = client.get(f"/t/beta/applications/{application_id}").get_data(as_text=True)
    assert "Withdrawn" in page and "另选载体" in page
    assert "withdrew its application" in client.get("/notifications").get_data(as_text=True)
    listed = client.get("/t/beta/applications?status=withdrawn").get_data(as_text=True)
    assert f"/t/beta/applications/{application_id}" in listed


def test_only_a_founder_withdraws_and_only_while_under_review(app, client, auth, startup, carriers):
    _alpha, beta = carriers
    application_id = apply_to_beta(app, client, auth, startup, beta)
    auth.login("manager@beta.cn")
    assert client.post(f"/applications/{application_id}/withdraw", data={}).status_code == 404
    client.post(
        f"/t/beta/applications/{application_id}/decision",
        data={"decision": "reject", "reason": "不符合", "admitted_on": "2026-01-01"},
    )
    auth.logout()
    auth.login("founder@pds.cn")
    english(client)
    response = client.post(
        f"/applications/{application_id}/withdraw", data={}, follow_redirects=True
    )
    assert "Only an application under review can be withdrawn." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Application, application_id).status == "rejected"


def test_withdrawal_leaves_the_record_shared_while_the_startup_is_enrolled_there(
    app, client, auth, startup, carriers
):
    alpha, _beta = carriers
    with app.app_context():
        application = Application(
            startup_id=startup.id, tenant_id=alpha.id, stage="makerspace", status="submitted"
        )
        db.session.add(application)
        db.session.commit()
        application_id = application.id
    auth.login("founder@pds.cn")
    assert client.post(f"/applications/{application_id}/withdraw", data={}).status_code == 302
    assert link_state(app, startup, alpha) == "enrolled"
    auth.logout()
    auth.login("manager@alpha.cn")
    assert client.get(f"/t/alpha/startups/{startup.id}").status_code == 200
