"""The public verification page: valid, revoked, unknown, altered; and revoking."""

from __future__ import annotations

import io

from sqlalchemy import select

from core.audit.models import AuditEvent
from core.certificates.models import Certificate
from core.extensions import db


def issued(app, client, auth, world) -> Certificate:
    auth.login("manager@alpha.cn")
    client.post(f"/enrollments/{world['funded']}/graduate")
    auth.logout()
    with app.app_context():
        certificate = db.session.scalar(select(Certificate))
        certificate.pdf  # noqa: B018  (load the deferred bytes)
        return certificate


def test_a_valid_certificate_verifies_without_login_in_both_languages(app, client, auth, world):
    certificate = issued(app, client, auth, world)
    response = client.get(f"/verify/{certificate.code}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'data-status="valid"' in page
    assert "此证书有效" in page and "This certificate is valid" in page
    for shown in (
        certificate.serial,
        "融资科技有限公司",
        "Funded Technology Co.",
        "孵化器",
        "Incubator",
        "alpha载体",
        certificate.graduated_on.isoformat(),
    ):
        assert shown in page


def test_the_code_box_leads_to_the_page(app, client, auth, world):
    certificate = issued(app, client, auth, world)
    assert client.get("/verify").status_code == 200
    response = client.get(f"/verify?code={certificate.code.upper()}")
    assert response.status_code == 302 and response.location.endswith(certificate.code)


def test_unknown_and_altered_codes_are_reported_plainly(app, client, auth, world):
    certificate = issued(app, client, auth, world)
    altered = certificate.code[:-1] + ("0" if certificate.code[-1] != "0" else "1")
    for code in (altered, "not-a-code", "'; DROP TABLE certificates; --"):
        response = client.get(f"/verify/{code}")
        assert response.status_code == 404
        page = response.get_data(as_text=True)
        assert 'data-status="unknown"' in page
        assert "未找到此核验码对应的证书" in page and "No certificate has the code" in page


def test_an_uploaded_pdf_is_checked_against_the_stored_hash(app, client, auth, world):
    certificate = issued(app, client, auth, world)
    url = f"/verify/{certificate.code}"
    same = client.post(url, data={"pdf": (io.BytesIO(certificate.pdf), "c.pdf")})
    assert 'data-match="yes"' in same.get_data(as_text=True)
    middle = len(certificate.pdf) // 2
    flipped = bytes([certificate.pdf[middle] ^ 0xFF])
    tampered = certificate.pdf[:middle] + flipped + certificate.pdf[middle + 1 :]
    assert tampered != certificate.pdf
    changed = client.post(url, data={"pdf": (io.BytesIO(tampered), "c.pdf")})
    page = changed.get_data(as_text=True)
    assert 'data-match="no"' in page and "may have been altered" in page
    missing = client.post(url, data={})
    assert missing.status_code == 422
    assert "请选择要核对的 PDF 文件。" in missing.get_data(as_text=True)  # the default locale


def test_a_manager_revokes_with_a_reason_and_the_page_says_so(app, client, auth, world):
    certificate = issued(app, client, auth, world)
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    assert client.get(f"/certificates/{certificate.id}/revoke").status_code == 200
    empty = client.post(f"/certificates/{certificate.id}/revoke", data={"reason": "  "})
    assert empty.status_code == 422
    assert "This field is required." in empty.get_data(as_text=True)
    done = client.post(
        f"/certificates/{certificate.id}/revoke", data={"reason": "Issued to the wrong company."}
    )
    assert done.status_code == 302
    auth.logout()
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert 'data-status="revoked"' in page
    assert "此证书已被撤销" in page and "Issued to the wrong company." in page
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "certificate.revoked")
        )
        assert event.after["reason"] == "Issued to the wrong company."


def test_only_the_issuing_carriers_managers_revoke(app, client, auth, world):
    certificate = issued(app, client, auth, world)
    for email, status in (("founder@alpha.cn", 403), ("reviewer@alpha.cn", 404)):
        auth.login(email)
        response = client.post(f"/certificates/{certificate.id}/revoke", data={"reason": "x"})
        assert response.status_code == status, email
        auth.logout()
    with app.app_context():
        assert not db.session.get(Certificate, certificate.id).revoked
