"""Forms for reviewing and deciding applications."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from core.auth.forms import required
from core.plugin_api import NumberRange, RubricCriterion, bilingual
from core.timeutil import local_today
from core.web.fields import MultiCheckboxField
from core.web.forms import FlaskForm


class AssignForm(FlaskForm):
    reviewers = MultiCheckboxField(_l("Reviewers"), coerce=int)
    submit = SubmitField(_l("Save reviewers"))


def score_form_class(criteria: list[RubricCriterion]) -> type[FlaskForm]:
    """A score form for this rubric: one 0–10 field per criterion, built per call."""
    locale = str(get_locale())
    # Created first, so shown first: the declaration comes before the scores.
    no_conflict = BooleanField(
        _l("I have no conflict of interest with this startup or its founders."),
        description=_l("E.g. no family, financial or employment tie. Otherwise abstain below."),
        validators=[
            DataRequired(message=_l("Declare that you have no conflict of interest, or abstain."))
        ],
    )
    fields = {"no_conflict": no_conflict} | {
        f"score_{c.key}": IntegerField(
            _l("%(criterion)s (weight %(weight)s)", criterion=c.label(locale), weight=c.weight),
            description=bilingual(locale, c.description_zh, c.description_en),
            validators=[
                InputRequired(message=_l("Give a score from 0 to 10.")),
                NumberRange(0, 10, message=_l("Give a score from 0 to 10.")),
            ],
        )
        for c in criteria
    }
    fields["comment"] = TextAreaField(_l("Comment"), validators=[Length(max=4000)])
    fields["submit"] = SubmitField(_l("Save my scores"))
    return type("ScoreForm", (FlaskForm,), fields)


class AbstainForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason (optional)"),
        description=_l("The carrier's managers see it."),
        validators=[Length(max=1000)],
    )
    submit = SubmitField(_l("Abstain from this review"))


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason (optional)"),
        description=_l("The carrier's managers see it."),
        validators=[Length(max=1000)],
    )
    submit = SubmitField(_l("Withdraw the application"))


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice("admit", _l("Admit")), SelectChoice("reject", _l("Reject"))],
        validators=[InputRequired(message=_l("Choose to admit or reject."))],
    )
    admitted_on = DateField(
        _l("Admission date"),
        default=local_today,
        description=_l("The time limit and milestone due dates count from this day."),
        validators=[InputRequired(message=_l("Enter a date."))],
    )
    reason = TextAreaField(
        _l("Reason"),
        description=_l("The founders see this reason."),
        validators=[required(), Length(max=4000)],
    )
    submit = SubmitField(_l("Record the decision"))
