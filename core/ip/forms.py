"""Recording an annuity paid and a 转移 event on a right."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, DecimalField, SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional, ValidationError

from core.auth.forms import required
from core.ip.life import PATENTS, patent_year
from core.ip.models import EventKind
from core.ip.texts import DIRECTION_NAMES, EVENT_NAMES, LICENCE_NAMES
from core.plugin_api import NumberRange
from core.registry.forms import (
    DATE_MESSAGE,
    MoneyField,
    WholeNumberField,
    date_field,
    input_required,
)
from core.web.forms import FlaskForm

YUAN_MESSAGE = _l("Enter an amount in 元, such as 900.")


def yuan_field(label):
    return DecimalField(
        label,
        places=2,
        validators=[Optional(), NumberRange(min=0, max=9_999_999_999)],
        invalid_value_message=YUAN_MESSAGE,
        render_kw={"step": "any", "min": "0", "inputmode": "decimal"},
    )


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class PaymentForm(FlaskForm):
    """The annuity of one patent year, paid; only years of the right's term exist."""

    FIELDS = ("year", "paid_on", "amount_yuan", "surcharge_yuan")

    year = WholeNumberField(_l("Patent year"), maximum=20, validators=[input_required()])
    paid_on = date_field(_l("Paid on"), optional=False)
    amount_yuan = yuan_field(_l("Annuity (元)"))
    surcharge_yuan = yuan_field(_l("Surcharge (元)"))
    submit = SubmitField(_l("Record the payment"))

    def __init__(self, *args, right, years: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.right = right
        self.years = years

    def validate_year(self, field):
        right = self.right
        if right.kind not in PATENTS or right.granted_on is None or right.filed_on is None:
            raise ValidationError(_l("Annuities are paid on granted patents with a filing date."))
        first = patent_year(right.filed_on, right.granted_on) + 1
        if field.data is not None and not first <= field.data <= (self.years or 0):
            raise ValidationError(
                _l(
                    "This patent has annuity years %(first)s to %(last)s (the grant year’s is "
                    "paid at grant).",
                    first=first,
                    last=self.years,
                )
            )

    def validate_paid_on(self, field):
        if field.data and self.right.granted_on and field.data < self.right.filed_on:
            raise ValidationError(_l("The payment cannot be before the filing date."))

    def values(self) -> dict:
        return {name: self[name].data for name in self.FIELDS}


class EventForm(FlaskForm):
    """An assignment, licence, pledge, restoration or renewal, as registered."""

    FIELDS = (
        "kind",
        "happened_on",
        "counterparty",
        "direction",
        "licence_kind",
        "filed_on",
        "ends_on",
        "amount",
        "released_on",
        "note",
    )

    kind = SelectField(_l("Event"), validators=[required()])
    happened_on = date_field(
        _l("Date"),
        optional=False,
        description=_l("Of registration (assignment, pledge), effect (licence) or decision."),
    )
    counterparty = StringField(
        _l("Counterparty"),
        description=_l("The assignee or assignor, licensee or pledgee."),
        filters=[_strip],
        validators=[Length(max=200)],
    )
    direction = SelectField(_l("Direction"), validators=[required()])
    licence_kind = SelectField(_l("Kind of licence"), validators=[Optional()])
    filed_on = date_field(_l("Licence filed with CNIPA on"))
    ends_on = DateField(
        _l("Ends on"),
        description=_l("A licence's or a pledge's term."),
        validators=[Optional()],
        invalid_value_message=DATE_MESSAGE,
    )
    amount = MoneyField(_l("Secured amount (万元)"))
    released_on = date_field(_l("Pledge released on"))
    note = StringField(_l("Note"), filters=[_strip], validators=[Length(max=300)])
    submit = SubmitField(_l("Record the event"))

    def __init__(self, *args, right, **kwargs):
        super().__init__(*args, **kwargs)
        self.right = right
        self.kind.choices = {k: str(v) for k, v in EVENT_NAMES.items()}
        self.direction.choices = {k: str(v) for k, v in DIRECTION_NAMES.items()}
        self.licence_kind.choices = {"": "—", **{k: str(v) for k, v in LICENCE_NAMES.items()}}

    def validate_kind(self, field):
        right, kind = self.right, field.data
        if kind in (EventKind.LICENCE, EventKind.PLEDGE) and right.status != "granted":
            raise ValidationError(_l("Only a granted right is licensed or pledged."))
        if kind == EventKind.RENEWAL and right.kind != "trademark":
            raise ValidationError(_l("Only a trademark is renewed."))
        if kind == EventKind.RESTORATION and right.kind not in PATENTS:
            raise ValidationError(_l("Restoration is recorded on patents."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Optional fields stop their own validators when empty, so what a kind of
        # event needs is checked here.
        needed = {
            EventKind.ASSIGNMENT: ((self.counterparty, _l("Name the counterparty.")),),
            EventKind.LICENCE: (
                (self.counterparty, _l("Name the counterparty.")),
                (self.licence_kind, _l("Choose the kind of licence.")),
            ),
            EventKind.PLEDGE: (
                (self.counterparty, _l("Name the counterparty.")),
                (self.amount, _l("Enter the secured amount.")),
            ),
        }.get(self.kind.data, ())
        for field, message in needed:
            if field.data in (None, "") and not field.errors:
                field.errors.append(message)
                valid = False
        return valid

    def _not_before(self, field, message):
        if field.data and self.happened_on.data and field.data < self.happened_on.data:
            raise ValidationError(message)

    def validate_ends_on(self, field):
        self._not_before(field, _l("The end cannot be before the event."))

    def validate_released_on(self, field):
        self._not_before(field, _l("The release cannot be before the pledge."))

    def validate_filed_on(self, field):
        self._not_before(field, _l("The filing cannot be before the licence takes effect."))

    def values(self) -> dict:
        values = {name: self[name].data for name in self.FIELDS}
        values["licence_kind"] = values["licence_kind"] or ""
        return values
