"""Graduating through the API, fetching the certificate, and the public verification."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select

from core.certificates.models import Certificate
from core.extensions import db
from tests.api.conftest import ApiClient
from tests.stages.test_graduation_service import fund


def incubated(world) -> int:
    return world.factory.enrollment(world.tenant, world.startup, "incubator").id


def certificates(world) -> int:
    with world.app.app_context():
        return db.session.scalar(select(func.count()).select_from(Certificate))


def test_an_ineligible_startup_needs_a_reason(world, manager):
    path = f"/enrollments/{incubated(world)}/graduation"
    refused = manager.post(path, json={})
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {
        "override_reason": [
            "The conditions are not all met: give the reason to graduate it all the same."
        ]
    }
    assert certificates(world) == 0
    chinese = ApiClient(manager.client, manager.token, "zh-CN").post(path, json={})
    assert "请填写理由" in chinese.get_json()["errors"]["override_reason"][0]


def test_a_manager_graduates_and_the_founder_fetches_the_certificate(world, manager, founder):
    fund(world.app, world.startup.id, "650")
    enrollment_id = incubated(world)
    graduated = manager.post(f"/enrollments/{enrollment_id}/graduation")
    assert graduated.status_code == 201
    body = graduated.get_json()
    assert body["eligible"] is True and body["override_reason"] == ""
    assert any(r["passed"] for r in body["results"])
    certificate = body["certificate"]
    assert certificate["serial"].startswith("TT-") and certificate["revoked"] is False
    assert certificate["verify_url"].endswith(f"/verify/{certificate['code']}")

    again = manager.post(f"/enrollments/{enrollment_id}/graduation", json={"override_reason": "x"})
    assert again.status_code == 409
    assert again.get_json()["message"] == (
        "This startup has already graduated or its enrollment has ended."
    )
    assert certificates(world) == 1

    assert founder.get(f"/enrollments/{enrollment_id}/certificate").get_json() == certificate
    pdf = founder.get(certificate["pdf_url"].removeprefix("/api/v1"))
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert hashlib.sha256(pdf.data).hexdigest() == certificate["sha256"]


def test_who_may_graduate_and_fetch(world, manager, founder, reviewer, other_manager, stranger):
    enrollment_id = incubated(world)
    path = f"/enrollments/{enrollment_id}/graduation"
    assert founder.post(path, json={"override_reason": "x"}).status_code == 403
    for outsider in (other_manager, stranger, reviewer):  # the reviewer is not assigned
        assert outsider.post(path, json={"override_reason": "x"}).status_code == 404
    assert certificates(world) == 0
    assert manager.get(f"/enrollments/{enrollment_id}/certificate").status_code == 404
    assert manager.post(path, json={"override_reason": "Acquired"}).status_code == 201
    assert reviewer.get(f"/enrollments/{enrollment_id}/certificate").status_code == 404
    assert stranger.get(f"/enrollments/{enrollment_id}/certificate.pdf").status_code == 404
    anonymous = ApiClient(manager.client, None)
    assert anonymous.get(f"/enrollments/{enrollment_id}/certificate").status_code == 401


def test_verification_needs_no_token(world, manager):
    enrollment_id = incubated(world)
    issued = manager.post(
        f"/enrollments/{enrollment_id}/graduation", json={"override_reason": "Acquired"}
    ).get_json()["certificate"]
    anonymous = ApiClient(world.app.test_client(), None)
    verified = anonymous.get(f"/verify/{issued['code']}")
    assert verified.status_code == 200
    body = verified.get_json()
    assert body["status"] == "valid" and body["serial"] == issued["serial"]
    assert body["sha256"] == issued["sha256"]
    assert anonymous.get("/verify/0000000000000000").status_code == 404
    assert anonymous.get("/verify/not-a-code").status_code == 404
    with world.app.app_context():
        row = db.session.scalar(select(Certificate))
        row.revoked_at, row.revoke_reason = row.issued_at, "Issued in error"
        db.session.commit()
    revoked = anonymous.get(f"/verify/{issued['code']}").get_json()
    assert revoked["status"] == "revoked" and revoked["revoke_reason"] == "Issued in error"
