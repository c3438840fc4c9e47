"""The carrier's seal image, printed on its certificates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage

from core.audit import service as audit
from core.tenancy.models import Tenant
from core.workflow import uploads

MAX_BYTES = 512 * 1024
KINDS = {mime: kind for mime, kind in uploads.KINDS.items() if kind.extension in ("png", "jpg")}
REFUSAL = _l("%(name)s is not a PNG or JPEG image.")


def save(tenant: Tenant, upload: FileStorage) -> None:
    """Check and store the seal; raises ``uploads.UploadRefused`` and changes nothing."""
    checked = uploads.check(upload, kinds=KINDS, limit=MAX_BYTES, refusal=REFUSAL)
    tenant.seal = checked.data
    tenant.seal_mime = checked.kind.mime
    audit.record("tenant.seal_uploaded", tenant, tenant=tenant, after={"sha256": checked.sha256})
