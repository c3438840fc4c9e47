"""The form of a carrier's profile."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.validators import Email, Length, Optional

from core.auth.forms import required
from core.web.forms import FlaskForm


class CarrierNamesMixin:
    name_zh = StringField(_l("Name (Chinese)"), validators=[required(), Length(max=120)])
    name_en = StringField(_l("Name (English)"), validators=[required(), Length(max=160)])


class TenantProfileForm(CarrierNamesMixin, FlaskForm):
    contact_email = StringField(
        _l("Contact email"),
        validators=[
            Optional(),
            Email(message=_l("Enter a valid email address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=4000)])
    reviews_hidden_until_decision = BooleanField(
        _l("Keep reviewers' scores hidden from each other until the decision"),
        description=_l(
            "Otherwise a reviewer sees the other reviewers' scores and comments once they "
            "have given their own. Managers always see every review."
        ),
    )
    submit = SubmitField(_l("Save"))
