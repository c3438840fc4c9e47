"""Revoking a certificate: it stays on record, and verification reports the reason."""

from __future__ import annotations

from core.audit import service as audit
from core.certificates.models import Certificate
from core.notifications.operations import notify
from core.timeutil import utcnow


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
    startup = certificate.graduation.startup
    params = {"serial": certificate.serial, "reason": reason, "startup": startup.name_zh}
    for founder in startup.founders:
        notify(founder, "certificate.revoked", params, link=f"/verify/{certificate.code}")
