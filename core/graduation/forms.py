"""Forms for graduating startups."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from core.web.forms import FlaskForm


class GraduateForm(FlaskForm):
    #: Why a graduation is refused, for the page and the API alike.
    INELIGIBLE = _l("The conditions are not all met: give the reason to graduate it all the same.")
    ENDED = _l("This startup has already graduated or its enrollment has ended.")

    override_reason = TextAreaField(
        _l("Reason to graduate despite unmet conditions"),
        description=_l(
            "Only needed when the conditions above are not all met. "
            "The reason is kept with the decision."
        ),
        validators=[Length(max=2000)],
    )
    submit = SubmitField(_l("Graduate and issue the certificate"))


class BatchGraduateForm(FlaskForm):
    """The stage list's button and CSRF token; the view reads the rows' checkboxes."""

    submit = SubmitField(_l("Graduate the selected startups"))
