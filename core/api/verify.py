"""The public verification of a certificate: no token, as the verification page."""

from __future__ import annotations

from flask_smorest import Blueprint

from core.api.common import PREFIX
from core.api.errors import fail
from core.api.schemas import VerificationSchema
from core.certificates.verify_views import find

bp = Blueprint(
    "api_verify",
    __name__,
    url_prefix=PREFIX + "/verify",
    description="Public certificate verification; no token needed.",
)


def blueprints():
    return (bp,)


@bp.route("/<code>")
@bp.doc(security=[])
@bp.response(200, VerificationSchema)
def verify(code: str):
    """Whether the certificate with this code is valid or revoked, and what it says.

    An unknown or altered code is 404. Compare a PDF's SHA-256 with ``sha256``
    to check that a file is the certificate as issued.
    """
    certificate = find(code)
    if certificate is None:
        fail(404)
    return {
        **{c: getattr(certificate, c) for c in VerificationSchema().fields if c != "status"},
        "status": "revoked" if certificate.revoked else "valid",
    }
