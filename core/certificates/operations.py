"""Issuing, revoking and sealing certificates: the certificates' state changes.

Issuing: serial number, verification code, PDF, hash.

The PDF is rendered once, here; its bytes and SHA-256 are stored and every
download serves them as stored. The serial's sequence is the carrier's
highest for the year plus one; when a concurrent graduation took the same
number first, the unique constraint refuses ours and we take the next one.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage

from core import uploads
from core.audit import service as audit
from core.certificates import seal
from core.certificates.models import Certificate
from core.certificates.render import render_certificate
from core.enrollments.models import Enrollment
from core.extensions import db
from core.notifications.operations import notify
from core.plugin_api import CertificateContent
from core.plugins import incuchain
from core.settings.services import tenant_ref
from core.tenancy.models import Tenant
from core.timeutil import utcnow
from core.web.urls import public_url

#: Tries at a free sequence number before giving up.
ATTEMPTS = 10


def serial_number(prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}-{year}-{sequence:04d}"


def verify_url(code: str) -> str:
    """The public address of the verification page, as printed in the QR code."""
    return f"{public_url()}/verify/{code}"


def _next_sequence(tenant_id: int, year: int) -> int:
    highest = db.session.scalar(
        select(func.max(Certificate.sequence)).where(
            Certificate.tenant_id == tenant_id, Certificate.year == year
        )
    )
    return (highest or 0) + 1


def _content(
    enrollment: Enrollment, graduated_on: date, serial: str, code: str, by_review: bool
) -> CertificateContent:
    startup, tenant = enrollment.startup, enrollment.tenant
    stage = incuchain().stages.get(enrollment.stage)
    return CertificateContent(
        serial=serial,
        verify_url=verify_url(code),
        holder_zh=startup.name_zh,
        holder_en=startup.name_en or "",
        credit_code=startup.credit_code,
        stage_zh=stage.name_zh if stage else enrollment.stage,
        stage_en=stage.name_en if stage else enrollment.stage,
        carrier_zh=tenant.name_zh,
        carrier_en=tenant.name_en,
        admitted_on=enrollment.admitted_on,
        graduated_on=graduated_on,
        seal=tenant.seal,
        seal_mime=tenant.seal_mime or None,
        by_review=by_review,
    )


def issue(
    graduation_id: int, enrollment: Enrollment, graduated_on: date, *, by_review: bool = False
) -> Certificate:
    """Render and store the certificate of a graduation from ``enrollment``;
    ``by_review`` when it was decided although a condition was not met."""
    tenant = enrollment.tenant
    year = graduated_on.year
    ref = tenant_ref(tenant)
    for _attempt in range(ATTEMPTS):
        sequence = _next_sequence(tenant.id, year)
        serial = serial_number(tenant.serial_prefix, year, sequence)
        code = secrets.token_hex(8)
        content = _content(enrollment, graduated_on, serial, code, by_review)
        pdf = render_certificate(enrollment.stage, ref, content)
        certificate = Certificate(
            graduation_id=graduation_id,
            enrollment_id=enrollment.id,
            tenant_id=tenant.id,
            year=year,
            sequence=sequence,
            serial=serial,
            code=code,
            holder_zh=content.holder_zh,
            holder_en=content.holder_en,
            carrier_zh=content.carrier_zh,
            carrier_en=content.carrier_en,
            stage=enrollment.stage,
            admitted_on=content.admitted_on,
            graduated_on=content.graduated_on,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
        )
        try:
            with db.session.begin_nested():
                db.session.add(certificate)
        except IntegrityError:
            continue
        return certificate
    raise RuntimeError(f"no free certificate sequence for {tenant.slug} in {year}")


def revoke(certificate: Certificate, reason: str, actor) -> None:
    """Mark ``certificate`` revoked with ``reason``, audited; the founders are told."""
    certificate.revoked_at = utcnow()
    certificate.revoked_by_id = actor.id
    certificate.revoke_reason = reason
    audit.record(
        "certificate.revoked",
        certificate,
        tenant=certificate.tenant,
        after={"serial": certificate.serial, "reason": reason},
        actor=actor,
    )
    startup = certificate.enrollment.startup
    params = {"serial": certificate.serial, "reason": reason, "startup": startup.name_zh}
    for founder in startup.founders:
        notify(founder, "certificate.revoked", params, link=f"/verify/{certificate.code}")


def save_seal(tenant: Tenant, upload: FileStorage) -> None:
    """Check and store the seal; raises ``uploads.UploadRefused`` and changes nothing."""
    checked = uploads.check(upload, kinds=seal.KINDS, limit=seal.MAX_BYTES, refusal=seal.REFUSAL)
    if not seal.decodes(checked.data):
        raise uploads.UploadRefused(
            seal.UNREADABLE % {"name": checked.display_name, "side": seal.MAX_SIDE}
        )
    tenant.seal = checked.data
    tenant.seal_mime = checked.kind.mime
    audit.record("tenant.seal_uploaded", tenant, tenant=tenant, after={"sha256": checked.sha256})
