"""The public verification page: anyone with a certificate's code, no login.

``/verify/<code>`` shows the holder, stage, carrier, date and status (valid,
or revoked with the reason) in Chinese and English at once, since the reader
may be anyone. A PDF uploaded there is checked against the stored SHA-256,
which tells an altered file from the one issued. An unknown code answers 404
with a plain message.
"""

from __future__ import annotations

import hashlib
import re

from flask import Blueprint, redirect, render_template, request, url_for
from sqlalchemy import select

from core.certificates.forms import CheckFileForm
from core.certificates.models import Certificate
from core.extensions import db
from core.plugins import incuchain

bp = Blueprint("verify", __name__)

#: Verification codes as issued: 16 hexadecimal digits.
CODE = re.compile(r"[0-9a-f]{16}")
#: Largest file checked; certificates are well under 100 KB.
MAX_CHECK_BYTES = 2 * 1024 * 1024


def find(code: str) -> Certificate | None:
    code = code.strip().lower()
    if not CODE.fullmatch(code):
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


@bp.route("/verify", methods=["GET"])
def lookup():
    """A box to type the code into, for a printed certificate without a phone at hand."""
    code = request.args.get("code", "").strip()
    if code:
        return redirect(url_for(".certificate", code=code.lower()))
    return render_template("certificates/verify_lookup.html")


@bp.route("/verify/<code>", methods=["GET", "POST"])
def certificate(code: str):
    found = find(code)
    if found is None:
        return render_template("certificates/verify.html", certificate=None, code=code), 404
    form = CheckFileForm()
    matches = None
    if form.validate_on_submit():
        data = form.pdf.data.stream.read(MAX_CHECK_BYTES + 1)
        matches = len(data) <= MAX_CHECK_BYTES and hashlib.sha256(data).hexdigest() == found.sha256
    stage = incuchain().stages.get(found.stage)
    return render_template(
        "certificates/verify.html",
        certificate=found,
        code=code,
        stage=stage,
        form=form,
        matches=matches,
    ), (422 if form.errors else 200)
