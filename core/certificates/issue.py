"""Issuing a graduation's certificate: serial number, verification code, PDF, hash.

The PDF is rendered once, here; its bytes and SHA-256 are stored and every
download serves them as stored. The serial's sequence is the carrier's
highest for the year plus one; when a concurrent graduation took the same
number first, the unique constraint refuses ours and we take the next one.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.certificates.models import Certificate
from core.certificates.render import render_certificate
from core.extensions import db
from core.graduation.models import Graduation
from core.plugin_api import CertificateContent
from core.plugins import incuchain
from core.settings.services import tenant_ref
from core.tenancy.models import Tenant
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


def _content(graduation: Graduation, tenant: Tenant, serial: str, code: str) -> CertificateContent:
    startup = graduation.startup
    stage = incuchain().stages.get(graduation.stage)
    return CertificateContent(
        serial=serial,
        verify_url=verify_url(code),
        holder_zh=startup.name_zh,
        holder_en=startup.name_en or "",
        credit_code=startup.credit_code,
        stage_zh=stage.name_zh if stage else graduation.stage,
        stage_en=stage.name_en if stage else graduation.stage,
        carrier_zh=tenant.name_zh,
        carrier_en=tenant.name_en,
        admitted_on=graduation.enrollment.admitted_on,
        graduated_on=graduation.graduated_on,
        seal=tenant.seal,
        seal_mime=tenant.seal_mime or None,
    )


def issue(graduation: Graduation) -> Certificate:
    """Render and store the certificate of ``graduation`` in the current transaction."""
    tenant = graduation.tenant
    year = graduation.graduated_on.year
    ref = tenant_ref(tenant)
    for _attempt in range(ATTEMPTS):
        sequence = _next_sequence(tenant.id, year)
        serial = serial_number(tenant.serial_prefix, year, sequence)
        code = secrets.token_hex(8)
        content = _content(graduation, tenant, serial, code)
        pdf = render_certificate(graduation.stage, ref, content)
        certificate = Certificate(
            graduation=graduation,
            tenant_id=tenant.id,
            year=year,
            sequence=sequence,
            serial=serial,
            code=code,
            holder_zh=content.holder_zh,
            holder_en=content.holder_en,
            carrier_zh=content.carrier_zh,
            carrier_en=content.carrier_en,
            stage=graduation.stage,
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
