"""The invitation form: an email address, and for a carrier the role offered."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField

from core.auth.forms import email_field
from core.web.forms import FlaskForm


class InvitationForm(FlaskForm):
    email = email_field()
    submit = SubmitField(_l("Send the invitation"))


class RoleInvitationForm(InvitationForm):
    role = SelectField(_l("Role"), choices=[])

    def __init__(self, roles: dict[str, str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = list(roles.items())


class AcceptForm(FlaskForm):
    submit = SubmitField(_l("Accept the invitation"))


class WithdrawForm(FlaskForm):
    submit = SubmitField(_l("Withdraw"))
