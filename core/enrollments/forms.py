"""Forms of the enrollment page: updates with evidence, verification, custom milestones."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    MultipleFileField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from core.auth import forms as auth_forms
from core.enrollments.models import MilestoneStatus
from core.plugin_api import NumberRange
from core.web.forms import FlaskForm

#: What a founder may set; verification and sending back are the managers'.
FOUNDER_STATUSES = (
    MilestoneStatus.OPEN,
    MilestoneStatus.IN_PROGRESS,
    MilestoneStatus.SUBMITTED,
)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


PROGRESS_MESSAGE = _l("Enter a whole number from 0 to 100.")


def _too_long(limit: int):
    return Length(max=limit, message=_l("Use at most %(max)d characters.", max=limit))


class MilestoneUpdateForm(FlaskForm):
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice(MilestoneStatus.OPEN.value, _l("Open")),
            SelectChoice(MilestoneStatus.IN_PROGRESS.value, _l("In progress")),
            SelectChoice(MilestoneStatus.SUBMITTED.value, _l("Ready for verification")),
        ],
        validate_choice=False,
        validators=[AnyOf(FOUNDER_STATUSES, message=_l("Choose one of the listed statuses."))],
    )
    progress = IntegerField(
        _l("Progress (%)"),
        invalid_value_message=PROGRESS_MESSAGE,
        validators=[
            InputRequired(message=PROGRESS_MESSAGE),
            NumberRange(min=0, max=100, message=PROGRESS_MESSAGE),
        ],
    )
    notes = TextAreaField(_l("Notes"), filters=[_strip], validators=[_too_long(4000)])
    #: Optional; checked by the view (``uploads.check``), stored with the update or not at all.
    files = MultipleFileField(_l("Evidence files"))
    submit = SubmitField(_l("Save"))

    def chosen(self) -> list:
        """The files actually chosen (browsers send an empty part when none is)."""
        return [f for f in (self.files.data or []) if f and f.filename]


class MilestoneVerifyForm(FlaskForm):
    comment = TextAreaField(_l("Comment"), filters=[_strip], validators=[_too_long(2000)])


class MilestoneReturnForm(MilestoneVerifyForm):
    comment = TextAreaField(
        _l("Comment"),
        filters=[_strip],
        validators=[
            auth_forms.required(_l("Say what needs to change before sending it back.")),
            _too_long(2000),
        ],
    )


class MilestoneCustomForm(FlaskForm):
    title_zh = StringField(
        _l("Title (Chinese)"), filters=[_strip], validators=[auth_forms.required(), _too_long(200)]
    )
    title_en = StringField(
        _l("Title (English)"), filters=[_strip], validators=[Optional(), _too_long(200)]
    )
    due_on = DateField(
        _l("Due date"),
        invalid_value_message=_l("Enter a date as YYYY-MM-DD."),
        validators=[Optional()],
    )
    required = BooleanField(_l("Required for graduation"), default=True)
    submit = SubmitField(_l("Add milestone"))
