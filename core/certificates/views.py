"""Downloading and revoking certificates; the carrier's certificate list, ZIP and seal.

A certificate is downloaded by the startup's founders, the issuing carrier's
managers and the platform admin; anyone else gets 404. Downloads serve the
stored bytes, never a new rendering.
"""

from __future__ import annotations

import io
import zipfile

from flask import Blueprint, abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload, undefer

from core.certificates import operations
from core.certificates.forms import RevokeForm, SealForm
from core.certificates.models import Certificate
from core.enrollments.models import Enrollment
from core.extensions import db
from core.registry.access import access_to
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.uploads import UploadRefused
from core.web.paging import page_number

bp = Blueprint("certificates", __name__)
carrier = tenant_blueprint("carrier_certificates", __name__)
bp.register_blueprint(carrier)

PAGE_SIZE = 50
#: Most certificates in one ZIP.
ZIP_LIMIT = 200


def _certificate(certificate_id: int, *, pdf: bool = False) -> tuple[Certificate, bool]:
    """The certificate and whether the reader manages its carrier.

    404 unless the reader is a founder of its holder, a manager of the
    issuing carrier or the platform admin (``core.registry.access``).
    """
    query = (
        select(Certificate)
        .where(Certificate.id == certificate_id)
        .options(joinedload(Certificate.enrollment))
    )
    if pdf:
        query = query.options(undefer(Certificate.pdf))
    certificate = db.session.scalar(query)
    if certificate is None:
        abort(404)
    access = access_to(current_user, certificate.enrollment.startup_id)
    manager = access.admin or Role.MANAGER in access.roles.get(certificate.tenant_id, ())
    if not (manager or access.founder):
        abort(404)
    return certificate, manager


def pdf_response(certificate: Certificate):
    """The stored PDF as a download named by its serial; the bytes are loaded here if deferred."""
    return send_file(
        io.BytesIO(certificate.pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"{certificate.serial}.pdf",
        etag=certificate.sha256,
        max_age=0,
    )


@bp.route("/certificates/<int:certificate_id>.pdf")
@login_required
def download(certificate_id: int):
    return pdf_response(_certificate(certificate_id, pdf=True)[0])


@bp.route("/certificates/<int:certificate_id>/revoke", methods=["POST"])
@login_required
def revoke(certificate_id: int):
    certificate, manager = _certificate(certificate_id)
    if not manager:
        abort(403)
    form = RevokeForm()
    back = url_for("certificates.carrier_certificates.listing", tenant_slug=certificate.tenant.slug)
    if certificate.revoked:
        flash(_("Certificate %(serial)s is already revoked.", serial=certificate.serial), "info")
        return redirect(back)
    if not form.validate_on_submit():
        return render_template("certificates/revoke.html", certificate=certificate, form=form), 422
    operations.revoke(certificate, form.reason.data.strip(), current_user._get_current_object())
    flash(_("Certificate %(serial)s has been revoked.", serial=certificate.serial), "success")
    return redirect(back)


@bp.route("/certificates/<int:certificate_id>/revoke")
@login_required
def revoke_form(certificate_id: int):
    certificate, manager = _certificate(certificate_id)
    if not manager:
        abort(403)
    return render_template("certificates/revoke.html", certificate=certificate, form=RevokeForm())


def _carrier_query(ids: list[int]):
    query = (
        select(Certificate)
        .where(Certificate.tenant_id == g.tenant.id)
        .options(joinedload(Certificate.enrollment).joinedload(Enrollment.startup))
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    )
    return query.where(Certificate.id.in_(ids)) if ids else query


def _chosen_ids() -> list[int]:
    return sorted(set(request.args.getlist("id", type=int)))[:ZIP_LIMIT]


@carrier.route("/certificates")
@role_required(Role.MANAGER)
def listing():
    """The carrier's certificates, newest first; ``?id=`` narrows to a batch."""
    ids = _chosen_ids()
    certificates = db.paginate(
        _carrier_query(ids), page=page_number(), per_page=PAGE_SIZE, error_out=False
    )
    return render_template(
        "certificates/list.html", certificates=certificates, ids=ids, seal_form=SealForm()
    )


@carrier.route("/certificates.zip")
@role_required(Role.MANAGER)
def archive():
    """The chosen certificates (or the newest) as one ZIP of their stored PDFs."""
    query = _carrier_query(_chosen_ids()).options(undefer(Certificate.pdf)).limit(ZIP_LIMIT)
    certificates = db.session.scalars(query).all()
    if not certificates:
        abort(404)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive_file:
        for certificate in certificates:
            archive_file.writestr(f"{certificate.serial}.pdf", certificate.pdf)
    buffer.seek(0)
    return send_file(
        buffer,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"{g.tenant.serial_prefix}-certificates.zip",
        max_age=0,
    )


@carrier.route("/certificates/seal", methods=["POST"])
@role_required(Role.MANAGER)
def upload_seal():
    form = SealForm()
    if form.validate_on_submit():
        try:
            operations.save_seal(g.tenant, form.seal.data)
        except UploadRefused as refused:
            form.seal.errors.append(refused.message)
        else:
            flash(_("The seal has been saved; new certificates will show it."), "success")
            return redirect(url_for(".listing"))
    certificates = db.paginate(_carrier_query([]), page=1, per_page=PAGE_SIZE, error_out=False)
    return render_template(
        "certificates/list.html", certificates=certificates, ids=[], seal_form=form
    ), 422


@carrier.route("/certificates/seal.img")
@role_required(Role.MANAGER)
def seal_image():
    if not g.tenant.seal:
        abort(404)
    return send_file(io.BytesIO(g.tenant.seal), mimetype=g.tenant.seal_mime, max_age=0)
