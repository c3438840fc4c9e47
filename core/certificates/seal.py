"""The carrier's seal image, printed on its certificates."""

from __future__ import annotations

import io

from flask_babel import lazy_gettext as _l
from PIL import Image
from werkzeug.datastructures import FileStorage

from core import uploads
from core.audit import service as audit
from core.tenancy.models import Tenant

MAX_BYTES = 512 * 1024
KINDS = {mime: kind for mime, kind in uploads.KINDS.items() if kind.extension in ("png", "jpg")}
REFUSAL = _l("%(name)s is not a PNG or JPEG image.")
#: Largest seal image in pixels (OWASP ASVS 5.0 5.2.6): decoding is bounded.
MAX_SIDE = 4000
UNREADABLE = _l(
    "%(name)s cannot be read as an image, or it is larger than %(side)s × %(side)s pixels."
)


def decodes(data: bytes) -> bool:
    """Whether the image decodes within ``MAX_SIDE``: a PNG or JPEG header alone is not enough."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if max(image.size) > MAX_SIDE:
                return False
            # verify() reads every chunk and checksum: it catches a cut file even
            # where WeasyPrint, once imported, lets load() accept truncated images.
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def save(tenant: Tenant, upload: FileStorage) -> None:
    """Check and store the seal; raises ``uploads.UploadRefused`` and changes nothing."""
    checked = uploads.check(upload, kinds=KINDS, limit=MAX_BYTES, refusal=REFUSAL)
    if not decodes(checked.data):
        raise uploads.UploadRefused(UNREADABLE % {"name": checked.display_name, "side": MAX_SIDE})
    tenant.seal = checked.data
    tenant.seal_mime = checked.kind.mime
    audit.record("tenant.seal_uploaded", tenant, tenant=tenant, after={"sha256": checked.sha256})
