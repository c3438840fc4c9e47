"""Forms for revoking and checking certificates and uploading the carrier's seal."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from core.auth.forms import required
from core.web.forms import FlaskForm


class RevokeForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for revoking"),
        description=_l("Shown to anyone who verifies the certificate."),
        validators=[required(), Length(max=2000)],
    )
    submit = SubmitField(_l("Revoke the certificate"))


class CheckFileForm(FlaskForm):
    pdf = FileField(
        _l("Certificate PDF"),
        validators=[FileRequired(message=_l("Choose the PDF file to check."))],
    )
    submit = SubmitField(_l("Check the file"))


class SealForm(FlaskForm):
    seal = FileField(
        _l("Seal image"),
        description=_l(
            "A PNG or JPEG of the carrier's seal, at most 512 KB, printed on certificates over the "
            "carrier's name: a PNG with a transparent background works best."
        ),
        validators=[FileRequired(message=_l("Choose an image file."))],
    )
    submit = SubmitField(_l("Upload the seal"))
