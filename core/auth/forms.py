"""Sign-up, log-in and password forms."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from core.auth.passwords import MAX_CHECKED, MIN_LENGTH, weakness
from core.web.forms import FlaskForm

PASSWORD_LENGTH = Length(
    min=MIN_LENGTH,
    max=MAX_CHECKED,
    message=_l("Use 8 to 128 characters."),
)

#: Hints for browsers' password managers (ASVS 5.0 6.2.7: they must be able to help).
CURRENT = {"autocomplete": "current-password"}
NEW = {"autocomplete": "new-password"}

COMMON_PASSWORD = _l(
    "This is one of the most common passwords; anyone guessing tries it first. Choose another."
)
WEAK_PASSWORD = _l(
    "This password is too easy to guess. Avoid names, dates, keyboard patterns and common "
    "words; three or four unrelated words make a strong password."
)


class StrongPassword:
    """A new password zxcvbn does not find among common passwords or easy guesses (ASVS 6.2).

    The person's own name and address, when the form has them or ``user`` is
    given, count as easy guesses too.
    """

    def __init__(self, user=None):
        self.user = user

    def __call__(self, form, field):
        if field.errors:
            return
        inputs = [getattr(form, n).data for n in ("email", "name") if n in form]
        user = getattr(form, "user", None) or self.user
        if user is not None:
            inputs += [user.email, user.name]
        found = weakness(field.data or "", personal_words(i for i in inputs if isinstance(i, str)))
        if found == "common":
            raise ValidationError(COMMON_PASSWORD)
        if found == "weak":
            raise ValidationError(WEAK_PASSWORD)


def personal_words(values) -> list[str]:
    """The words of a person's name and address that a password should not be made of."""
    words = set()
    for value in values:
        value = value.strip().lower()
        words |= {value, value.replace(" ", "")}
        words |= {w for w in re.split(r"[\s@.\-_+]+", value) if len(w) > 2}
    return sorted(w for w in words if w)


def new_password_field(label):
    return PasswordField(
        label, validators=[required(), PASSWORD_LENGTH, StrongPassword()], render_kw=NEW
    )


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
    password = PasswordField(_l("Password"), validators=[required()], render_kw=CURRENT)
    submit = SubmitField(_l("Log in"))


class SignupForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[required(), Length(max=100)])
    email = email_field()
    password = new_password_field(_l("Password"))
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
        render_kw=NEW,
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
    current = PasswordField(_l("Current password"), validators=[required()], render_kw=CURRENT)
    password = new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
        render_kw=NEW,
    )
    submit = SubmitField(_l("Change password"))


class EndSessionForm(FlaskForm):
    submit = SubmitField(_l("Log out there"))


class EndOtherSessionsForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[required()], render_kw=CURRENT)
    submit = SubmitField(_l("Log out everywhere else"))


class PasswordResetRequestForm(FlaskForm):
    email = email_field()
    submit = SubmitField(_l("Email me a link"))


class PasswordResetForm(FlaskForm):
    """A new password chosen through the emailed link; ``user`` is the account it is for."""

    password = new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
        render_kw=NEW,
    )
    submit = SubmitField(_l("Set the new password"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class ConfirmEmailForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[required()], render_kw=CURRENT)
    submit = SubmitField(_l("Confirm my email address"))


class ResendForm(FlaskForm):
    submit = SubmitField(_l("Send the link again"))
