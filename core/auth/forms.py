"""Sign-up, log-in and password forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

#: OWASP ASVS 5.0 6.2.1 and 6.2.9: at least 8 characters, at least 64 allowed.
PASSWORD_LENGTH = Length(min=8, max=128, message=_l("Use 8 to 128 characters."))


def email_field(label=None):
    return EmailField(
        label or _l("Email"),
        validators=[
            DataRequired(message=_l("This field is required.")),
            Email(message=_l("Enter a valid email address."), check_deliverability=False),
            Length(max=254),
        ],
        filters=[lambda v: v.strip().lower() if isinstance(v, str) else v],
    )


def required(message=None):
    return DataRequired(message=message or _l("This field is required."))


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[required()])
    submit = SubmitField(_l("Log in"))


class SignupForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[required(), Length(max=100)])
    email = email_field()
    password = PasswordField(_l("Password"), validators=[required(), PASSWORD_LENGTH])
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
    )
    #: PIPL 第十四条: consent given freely and explicitly, never ticked in advance.
    consent = BooleanField(
        _l("I have read the privacy notice and agree to the processing it describes."),
        default=False,
        validators=[
            DataRequired(message=_l("Please read the privacy notice and tick the box to agree."))
        ],
    )
    submit = SubmitField(_l("Sign up"))


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[required()])
    password = PasswordField(_l("New password"), validators=[required(), PASSWORD_LENGTH])
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
    )
    submit = SubmitField(_l("Change password"))


class ConfirmEmailForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[required()])
    submit = SubmitField(_l("Confirm my email address"))


class ResendForm(FlaskForm):
    submit = SubmitField(_l("Send the link again"))
