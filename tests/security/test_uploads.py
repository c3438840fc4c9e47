"""Upload gaps found by fuzzing: a seal must decode as an image of bounded size.

The other upload checks (type from the bytes, size, empty files, path tricks
in names, nothing written on refusal) are tested in tests/workflow/test_uploads.py
and tests/certificates/test_seal.py.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
import weasyprint  # noqa: F401  (as in the app: it makes Pillow accept cut files)
from sqlalchemy import select

from core.extensions import db
from core.tenancy.models import Role, Tenant
from tests.certificates.test_seal import png


@pytest.fixture
def manager(factory, client, auth):
    alpha = factory.tenant("alpha")
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER)
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    return client


def png_header(width: int, height: int) -> bytes:
    """A PNG signature and header claiming ``width`` × ``height``, with no real pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = b"IHDR" + header
    chunk = struct.pack(">I", len(header)) + body + struct.pack(">I", zlib.crc32(body))
    return b"\x89PNG\r\n\x1a\n" + chunk + b"\x00" * 64


@pytest.mark.parametrize(
    "data, name",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "seal.png"),  # a signature, then nothing
        (png_header(100_000, 100_000), "bomb.png"),  # would decode to 30 GB
        (png_header(4001, 10), "wide.png"),
        (png()[:70], "cut.png"),  # cut inside its pixels
    ],
)
def test_a_seal_that_does_not_decode_or_is_too_large_is_refused(app, manager, data, name):
    response = manager.post("/t/alpha/certificates/seal", data={"seal": (io.BytesIO(data), name)})
    assert response.status_code == 422
    assert f"{name} cannot be read as an image, or it is larger than 4000 × 4000 pixels." in (
        response.get_data(as_text=True)
    )
    with app.app_context():
        assert db.session.scalar(select(Tenant.seal).where(Tenant.slug == "alpha")) is None


def test_a_path_trick_in_the_seal_name_only_changes_the_name_shown(manager):
    response = manager.post(
        "/t/alpha/certificates/seal",
        data={"seal": (io.BytesIO(b"not an image"), "../../etc/passwd.png")},
    )
    assert response.status_code == 422
    assert "passwd.png is not a PNG or JPEG image." in response.get_data(as_text=True)
    assert "../" not in response.get_data(as_text=True).split("is not a PNG")[0][-40:]
