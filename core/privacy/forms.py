"""Consenting again, and closing one's account."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SubmitField
from wtforms.validators import DataRequired

from core.auth.forms import required
from core.web.forms import FlaskForm


class ConsentForm(FlaskForm):
    consent = BooleanField(
        _l("I have read the privacy notice and agree to the processing it describes."),
        default=False,
        validators=[
            DataRequired(message=_l("Please read the privacy notice and tick the box to agree."))
        ],
    )
    submit = SubmitField(_l("Agree and continue"))


class CloseAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[required()])
    confirm = BooleanField(
        _l(
            "I understand that my name and email address will be removed, that I will no "
            "longer be able to log in, and that this cannot be undone."
        ),
        default=False,
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )
    submit = SubmitField(_l("Close my account"))
