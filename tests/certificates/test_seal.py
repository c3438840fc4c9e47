"""Uploading the carrier's seal: images only, size-checked, printed on new certificates."""

from __future__ import annotations

import io

import segno
from sqlalchemy import select

from core.certificates import seal
from core.extensions import db
from core.tenancy.models import Tenant


def png() -> bytes:
    buffer = io.BytesIO()
    segno.make("seal").save(buffer, kind="png", scale=4)
    return buffer.getvalue()


def test_a_manager_uploads_a_png_seal(app, client, auth, world):
    auth.login("manager@alpha.cn")
    response = client.post(
        "/t/alpha/certificates/seal", data={"seal": (io.BytesIO(png()), "seal.png")}
    )
    assert response.status_code == 302
    with app.app_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "alpha"))
        assert tenant.seal == png() and tenant.seal_mime == "image/png"
    assert client.get("/t/alpha/certificates/seal.img").data == png()


def test_other_files_are_refused_with_a_message_and_nothing_stored(
    app, client, auth, world, monkeypatch
):
    monkeypatch.setattr(seal, "MAX_BYTES", 1000)  # small files stay in memory in the test
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    for data, name, message in (
        (b"%PDF-1.7 not an image", "seal.png", "seal.png is not a PNG or JPEG image."),
        (png() + b"\0" * 1000, "big.png", "big.png is larger than 1000 B."),
        (b"", "seal.png", "seal.png is empty."),
    ):
        response = client.post(
            "/t/alpha/certificates/seal", data={"seal": (io.BytesIO(data), name)}
        )
        assert response.status_code == 422, name
        assert message in response.get_data(as_text=True), name
    with app.app_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "alpha"))
        assert tenant.seal is None


def test_reviewers_cannot_upload_a_seal(client, auth, world):
    auth.login("reviewer@alpha.cn")
    response = client.post(
        "/t/alpha/certificates/seal", data={"seal": (io.BytesIO(png()), "seal.png")}
    )
    assert response.status_code == 403
