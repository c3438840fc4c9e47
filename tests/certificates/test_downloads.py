"""Downloading certificates (stored bytes, never re-rendered), the carrier's list and ZIP."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy import select

from core.certificates import render
from core.certificates.models import Certificate
from core.extensions import db
from core.tenancy.models import Role


def graduate(client, auth, *enrollment_ids: int) -> None:
    auth.login("manager@alpha.cn")
    for enrollment_id in enrollment_ids:
        client.post(f"/enrollments/{enrollment_id}/graduate", data={"override_reason": "ok"})
    auth.logout()


def stored(app) -> Certificate:
    with app.app_context():
        certificate = db.session.scalar(select(Certificate))
        certificate.pdf  # noqa: B018  (load the deferred bytes before the session closes)
        return certificate


def test_founders_and_managers_download_the_stored_bytes(app, client, auth, world, monkeypatch):
    graduate(client, auth, world["funded"])
    certificate = stored(app)

    def no_rendering(*_args, **_kwargs):
        raise AssertionError("a download must not render")

    monkeypatch.setattr(render, "render_pdf", no_rendering)
    for email in ("founder@alpha.cn", "manager@alpha.cn"):
        auth.login(email)
        response = client.get(f"/certificates/{certificate.id}.pdf")
        assert response.status_code == 200, email
        assert response.mimetype == "application/pdf"
        assert response.data == certificate.pdf
        assert f"{certificate.serial}.pdf" in response.headers["Content-Disposition"]
        auth.logout()


def test_others_cannot_download(app, client, auth, factory, world):
    graduate(client, auth, world["funded"])
    certificate = stored(app)
    beta = factory.tenant("beta", stages=("incubator",))
    factory.member(beta, "manager@beta.cn", Role.MANAGER)
    for email in ("reviewer@alpha.cn", "plain@alpha.cn", "manager@beta.cn"):
        auth.login(email)
        assert client.get(f"/certificates/{certificate.id}.pdf").status_code == 404, email
        auth.logout()
    assert client.get(f"/certificates/{certificate.id}.pdf").status_code == 302  # to log in


def test_the_startup_page_lists_the_certificate(client, auth, world):
    graduate(client, auth, world["funded"])
    auth.login("founder@alpha.cn")
    client.post("/language", data={"locale": "en"})
    page = client.get(f"/startups/{world['funded_startup']}").get_data(as_text=True)
    assert 'id="certificates"' in page and "ALPHA-" in page
    assert "Graduated from Incubator" in page  # the timeline


def test_the_certificate_list_and_its_zip(app, client, auth, world):
    graduate(client, auth, world["funded"], world["plain"])
    auth.login("manager@alpha.cn")
    page = client.get("/t/alpha/certificates").get_data(as_text=True)
    assert page.count("ALPHA-") >= 2
    response = client.get("/t/alpha/certificates.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    with app.app_context():
        certificates = {c.serial: c.pdf for c in db.session.scalars(select(Certificate))}
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert sorted(archive.namelist()) == sorted(f"{s}.pdf" for s in certificates)
        for serial, pdf in certificates.items():
            assert archive.read(f"{serial}.pdf") == pdf
    auth.logout()
    auth.login("reviewer@alpha.cn")
    assert client.get("/t/alpha/certificates").status_code == 403
    assert client.get("/t/alpha/certificates.zip").status_code == 403
