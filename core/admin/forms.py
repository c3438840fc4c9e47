"""The platform admin's carrier form."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import Length, Regexp, ValidationError

from core.auth.forms import required
from core.plugins import incuchain
from core.tenancy.forms import CarrierNamesMixin
from core.tenancy.models import PREFIX_PATTERN, SLUG_PATTERN
from core.web.fields import MultiCheckboxField
from core.web.forms import FlaskForm


def _upper(value):
    return value.strip().upper() if isinstance(value, str) else value


def _lower(value):
    return value.strip().lower() if isinstance(value, str) else value


class TenantSettingsForm(CarrierNamesMixin, FlaskForm):
    """What the platform admin decides about a carrier."""

    enabled_stages = MultiCheckboxField(_l("Stages it runs"))
    serial_prefix = StringField(
        _l("Certificate serial prefix"),
        description=_l("2 to 12 capital letters or digits, starting with a letter, e.g. PDSHT."),
        filters=[_upper],
        validators=[
            required(),
            Regexp(PREFIX_PATTERN, message=_l("Use 2 to 12 capital letters or digits.")),
        ],
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = str(get_locale())
        self.enabled_stages.choices = {s.key: s.name(locale) for s in incuchain().stages}

    def validate_enabled_stages(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one stage."))


class NewTenantForm(TenantSettingsForm):
    slug = StringField(
        _l("Web address name"),
        description=_l(
            "Lower-case letters, digits and hyphens, e.g. pds-hub: the carrier's "
            "pages are then at /t/pds-hub/. It cannot be changed later."
        ),
        filters=[_lower],
        validators=[
            required(),
            Length(max=40),
            Regexp(SLUG_PATTERN, message=_l("Use lower-case letters, digits and hyphens.")),
        ],
    )
    #: Declared again so that the button comes after the address name, not before it.
    submit = SubmitField(_l("Save"))


class AccountActionForm(FlaskForm):
    """Only the CSRF token: deactivating and reactivating are posts like every change."""
