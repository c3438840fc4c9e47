"""The forms of 2-step verification."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from core.web.forms import FlaskForm


def required():
    return DataRequired(message=_l("This field is required."))


def code_field(label):
    return StringField(
        label,
        validators=[required(), Length(max=40)],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters"},
    )


class StartForm(FlaskForm):
    submit = SubmitField(_l("Set up 2-step verification"))


class TurnOnForm(FlaskForm):
    code = code_field(_l("The 6-digit code your app shows"))
    password = PasswordField(
        _l("Your password"),
        validators=[required()],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Turn on 2-step verification"))


class TurnOffForm(FlaskForm):
    password = PasswordField(
        _l("Your password"),
        validators=[required()],
        render_kw={"autocomplete": "current-password"},
    )
    code = code_field(_l("A code from your app, or a recovery code"))
    submit = SubmitField(_l("Turn off 2-step verification"))


class VerifyForm(FlaskForm):
    code = code_field(_l("Code from your authenticator app, or a recovery code"))
    submit = SubmitField(_l("Verify"))
