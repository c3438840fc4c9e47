"""The form for an assessment's manual items, built from what the plugin declares."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SubmitField
from wtforms.validators import Optional

from core.plugin_api import Assessment, NumberRange
from core.web.forms import FlaskForm


def manual_form(assessment: Assessment, locale: str, **kwargs) -> FlaskForm:
    """One whole-number field per manual item, from 0 to its maximum; blank clears it."""
    fields = {
        item.key: IntegerField(
            f"{item.label(locale)} (0–{item.maximum})",
            validators=[
                Optional(),
                NumberRange(
                    min=0,
                    max=item.maximum,
                    message=_l("Enter whole points from %(min)s to %(max)s."),
                ),
            ],
            description=item.citation,
            default=item.value,
        )
        for item in assessment.manual_items
    }
    fields["submit"] = SubmitField(_l("Save"))
    form_class = type("ManualScoresForm", (FlaskForm,), fields)
    return form_class(**kwargs)


def entered(form: FlaskForm, assessment: Assessment) -> dict[str, int | None]:
    return {item.key: form[item.key].data for item in assessment.manual_items}
