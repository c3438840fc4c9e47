"""Forms of the startup registry: the profile and one form per kind of record.

Every form reports bad input next to the field in the reader's language and
never lets a value through that the database would refuse (a negative or
overflowing amount, a year out of range, a malformed credit code).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from core.auth.forms import required
from core.plugin_api import CERTIFICATION, FUNDING, IP_KIND, TECH_FIELD, NumberRange
from core.plugins import incuchain
from core.registry import credit_code, ip_numbers, vocab
from core.registry.models import FIGURE_FIELDS
from core.timeutil import local_today
from core.web.forms import FlaskForm

#: The largest amount the ``Money`` column holds, in 万元.
MONEY_MAX = Decimal("99999999999.9999")
MONEY_STEP = Decimal("0.0001")
#: Head counts beyond this are typing mistakes (and would overflow the column).
HEADCOUNT_MAX = 1_000_000
FIRST_YEAR = 1990

FORMAT_MESSAGE = _l(
    "The credit code must be 18 characters: digits and capital letters except I, O, S, V, Z."
)
CHECK_MESSAGE = _l(
    "The check character does not match (GB 32100). Check the code, "
    "or ask your carrier's manager to record an exception."
)
CHECK_MESSAGE_MANAGER = _l(
    "The check character does not match (GB 32100). Check the code, "
    "or write below why it is accepted anyway."
)
MONEY_MESSAGE = _l("Enter an amount in 万元, such as 12.5.")
DATE_MESSAGE = _l("Enter a date as YYYY-MM-DD.")
WHOLE_NUMBER_MESSAGE = _l("Enter a whole number.")


def _number_text(value: str) -> str:
    """Fold full-width digits, drop thousands separators and spaces."""
    return re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", value or ""))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _credit_code(value):
    if not isinstance(value, str):
        return value
    return credit_code.normalise(value) or None


def input_required():
    """Required, where 0 is an answer (``DataRequired`` would refuse it)."""
    return InputRequired(message=_l("This field is required."))


class MoneyField(DecimalField):
    """An optional, non-negative amount in 万元, kept to four decimals (the yuan)."""

    def __init__(self, label, validators=None, **kwargs):
        super().__init__(
            label,
            validators=validators or [Optional()],
            places=4,
            invalid_value_message=MONEY_MESSAGE,
            render_kw={"step": "any", "min": "0", "inputmode": "decimal"},
            **kwargs,
        )

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        super().process_formdata([_number_text(valuelist[0])])
        if self.data is None:
            return
        if not self.data.is_finite():
            self.data = None
            raise ValueError(MONEY_MESSAGE)
        if self.data < 0 or self.data > MONEY_MAX:
            self.data = None
            raise ValueError(_l("Enter an amount from 0 to 99,999,999,999 万元."))
        self.data = self.data.quantize(MONEY_STEP, rounding=ROUND_HALF_UP)


class WholeNumberField(IntegerField):
    """An optional whole number; full-width digits and thousands separators are accepted."""

    def __init__(self, label, minimum=0, maximum=HEADCOUNT_MAX, validators=None, **kwargs):
        message = _l("Enter a whole number from %(min)s to %(max)s.")
        super().__init__(
            label,
            validators=[
                *(validators or [Optional()]),
                NumberRange(min=minimum, max=maximum, message=message),
            ],
            invalid_value_message=WHOLE_NUMBER_MESSAGE,
            **kwargs,
        )

    def process_formdata(self, valuelist):
        super().process_formdata([_number_text(v) for v in valuelist])


def date_field(label, *, optional=True, description=None):
    """A date that cannot lie in the future (nothing here is recorded in advance)."""
    return DateField(
        label,
        description=description,
        validators=[Optional() if optional else input_required(), not_in_future],
        invalid_value_message=DATE_MESSAGE,
    )


def not_in_future(_form, field):
    if field.data and field.data > local_today():
        raise ValidationError(_l("The date cannot be in the future."))


def year_in_range(_form, field):
    last = local_today().year + 1
    if field.data is not None and not FIRST_YEAR <= field.data <= last:
        raise ValidationError(
            _l("Enter a year from %(first)s to %(last)s.", first=FIRST_YEAR, last=last)
        )


def year_field(label, *, optional=False):
    return IntegerField(
        label,
        validators=[Optional() if optional else input_required(), year_in_range],
        invalid_value_message=_l("Enter a year such as 2024."),
    )


class TermSelectField(SelectField):
    """A choice from a bilingual list, named in the reader's language.

    ``terms`` is a fixed list or an open vocabulary's name (``core.registry.vocab``),
    read when the form is made, so the carrier's plugins decide what is on offer.
    An optional choice offers ``blank`` first, as the empty key.
    """

    def __init__(self, label, terms, blank=None, **kwargs):
        kwargs.setdefault("validators", [required()])
        choices = vocab.choices(terms, str(get_locale()))
        if blank is not None:
            choices = {"": str(blank), **choices}
        super().__init__(label, choices=choices, **kwargs)
        self.keys = frozenset(choices)

    def pre_validate(self, form):
        if self.data and self.data not in self.keys:
            raise ValidationError(_l("Choose one of the options."))


class ValidCreditCode:
    """Format first, then the GB 32100 check character.

    A failing check passes only when a manager gives a reason
    (``credit_code_override`` on the form) or when the code is the one a
    manager already accepted for this startup (``form.accepted_exception``).
    """

    def __call__(self, form, field):
        if not field.data:
            return
        result = credit_code.check(field.data)
        if not result.well_formed:
            raise ValidationError(FORMAT_MESSAGE)
        if result.check_ok:
            return
        if "credit_code_override" in form:
            if (form.credit_code_override.data or "").strip():
                return
            raise ValidationError(CHECK_MESSAGE_MANAGER)
        if field.data != getattr(form, "accepted_exception", None):
            raise ValidationError(CHECK_MESSAGE)


class ProfileForm(FlaskForm):
    """A startup's profile as its founders edit it."""

    #: The stored code a manager accepted despite a failing check, if any.
    accepted_exception: str | None = None

    name_zh = StringField(
        _l("Name (Chinese)"), filters=[_strip], validators=[required(), Length(max=120)]
    )
    name_en = StringField(
        _l("Name (English)"), filters=[_strip], validators=[Optional(), Length(max=160)]
    )
    kind = TermSelectField(_l("Team or company"), vocab.STARTUP_KINDS)
    credit_code = StringField(
        _l("Unified social credit code (统一社会信用代码)"),
        description=_l("18 characters, for a registered company; full-width input is accepted."),
        filters=[_credit_code],
        validators=[ValidCreditCode()],
    )
    founded_on = date_field(
        _l("Founding date"),
        description=_l("The date of registration, or when the team formed."),
    )
    tech_field = TermSelectField(_l("Technology field"), TECH_FIELD)
    address = StringField(_l("Address"), filters=[_strip], validators=[Length(max=200)])
    contact_name = StringField(_l("Contact person"), filters=[_strip], validators=[Length(max=100)])
    contact_phone = StringField(_l("Contact phone"), filters=[_strip], validators=[Length(max=40)])
    contact_email = StringField(
        _l("Contact email"),
        filters=[_strip],
        validators=[
            Optional(),
            Email(message=_l("Enter a valid email address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    description = TextAreaField(_l("Description"), filters=[_strip], validators=[Length(max=4000)])
    submit = SubmitField(_l("Save"))

    #: The fields stored on the startup as they are.
    FIELDS = (
        "name_zh",
        "name_en",
        "kind",
        "credit_code",
        "founded_on",
        "tech_field",
        "address",
        "contact_name",
        "contact_phone",
        "contact_email",
        "description",
    )

    def validate_credit_code(self, field):
        if field.errors:
            return
        if self.kind.data == "company" and not field.data:
            raise ValidationError(_l("A registered company needs its credit code."))
        if self.kind.data == "team" and field.data:
            raise ValidationError(
                _l("A team that is not registered has no credit code; choose a company.")
            )

    def values(self) -> dict:
        return {name: self[name].data for name in self.FIELDS}


class ManagerProfileForm(ProfileForm):
    """The profile as a carrier's manager edits it: a failing check may be accepted."""

    credit_code_override = TextAreaField(
        _l("Reason to accept a credit code that fails the check"),
        description=_l(
            "Only when the code is right although its check character does not match, "
            "e.g. as printed on the business licence. Recorded in the audit log."
        ),
        filters=[_strip],
        validators=[Length(max=300)],
    )
    submit = SubmitField(_l("Save"))


# ---------------------------------------------------------------------------
# One form per kind of record; ``values()`` gives the columns to store.


class RecordForm(FlaskForm):
    #: The columns this form fills, in form order.
    FIELDS: tuple[str, ...] = ()
    submit = SubmitField(_l("Save"))

    def values(self) -> dict:
        return {name: self[name].data for name in self.FIELDS}


class FiguresForm(RecordForm):
    """One year's figures (the 火炬统计 items); money in 万元."""

    FIELDS = ("year", *FIGURE_FIELDS)

    year = year_field(_l("Year"))
    revenue = MoneyField(_l("Revenue (万元)"))
    rd_expense = MoneyField(_l("R&D expense (万元)"))
    rd_expense_domestic = MoneyField(
        _l("R&D expense in China (万元)"),
        description=_l("The part of the R&D expense spent in mainland China."),
    )
    total_cost = MoneyField(_l("Total cost (万元)"))
    employees = WholeNumberField(_l("Employees"))
    tech_staff = WholeNumberField(
        _l("Technical staff"),
        description=_l("Staff in R&D and technical innovation, at most the number of employees."),
    )
    total_assets = MoneyField(_l("Total assets (万元)"))
    liabilities = MoneyField(_l("Liabilities (万元)"))
    high_tech_revenue = MoneyField(_l("High-tech product revenue (万元)"))
    tax_paid = MoneyField(_l("Tax paid (万元)"))
    submit = SubmitField(_l("Save"))

    def validate_tech_staff(self, field):
        employees = self.employees.data
        if field.data is not None and employees is not None and field.data > employees:
            raise ValidationError(_l("Technical staff cannot exceed employees."))

    def validate_rd_expense_domestic(self, field):
        total = self.rd_expense.data
        if field.data is not None and total is not None and field.data > total:
            raise ValidationError(_l("R&D expense in China cannot exceed the R&D expense."))


class FundingForm(RecordForm):
    FIELDS = ("date", "kind", "amount", "investor")

    date = date_field(_l("Date"), optional=False)
    kind = TermSelectField(_l("Kind of funding"), FUNDING)
    amount = MoneyField(
        _l("Amount (万元)"),
        description=_l("0 when the amount is not disclosed."),
        validators=[input_required()],
    )
    investor = StringField(_l("Investor or funder"), filters=[_strip], validators=[Length(max=200)])
    submit = SubmitField(_l("Save"))


IPC_GROUP = re.compile(r"^([A-H]\d{2}[A-Z])(\d{1,4}/\d{2,6})$")


def _lines(value):
    """One entry per line, trimmed, blank lines dropped."""
    if not isinstance(value, str):
        return value
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


class IPForm(RecordForm):
    """An IP right as its documents give it; the number checked by its kind's format."""

    FIELDS = (
        "kind",
        "title",
        "status",
        "number",
        "filed_on",
        "published_on",
        "granted_on",
        "exam_requested_on",
        "ipc_main_group",
        "co_owners",
        "overseas_family",
        "award",
        "award_year",
        "term_extension_days",
        "termination_notice_on",
        "invalidated_on",
    )

    kind = TermSelectField(
        _l("Kind"), IP_KIND, description=_l("The class (Ⅰ or Ⅱ) follows from the kind.")
    )
    title = StringField(_l("Title"), filters=[_strip], validators=[required(), Length(max=200)])
    status = TermSelectField(_l("Status"), vocab.IP_STATUSES)
    number = StringField(
        _l("Number"),
        description=_l(
            "The application number of a patent (e.g. 202310123456.X, ZL or CN before it is "
            "accepted), the registration number of a software copyright or trademark."
        ),
        filters=[_strip],
        validators=[Length(max=60)],
    )
    filed_on = date_field(
        _l("Filing date"), description=_l("申请日: a patent’s term and patent years run from it.")
    )
    published_on = date_field(
        _l("Publication date"),
        description=_l("Of the application; for software, its first publication."),
    )
    granted_on = date_field(
        _l("Grant date"), description=_l("The grant or registration announcement.")
    )
    exam_requested_on = date_field(
        _l("Substantive examination requested"), description=_l("Invention patents only.")
    )
    ipc_main_group = StringField(
        _l("IPC main group"),
        description=_l("Of a patent, e.g. G06F 16/00."),
        filters=[_strip],
        validators=[Length(max=20)],
    )
    co_owners = TextAreaField(
        _l("Co-owners"),
        description=_l("Owners besides the startup, one per line."),
        filters=[_lines],
        validators=[Length(max=2000)],
    )
    overseas_family = TextAreaField(
        _l("Family members granted abroad"),
        description=_l(
            "One per line, e.g. US 11234567 B2; applications not yet granted do not count."
        ),
        filters=[_lines],
        validators=[Length(max=2000)],
    )
    award = TermSelectField(_l("Award"), vocab.IP_AWARDS, blank=_l("None"), validators=[Optional()])
    award_year = year_field(_l("Year of the award"), optional=True)
    term_extension_days = WholeNumberField(
        _l("Term compensation (days)"),
        maximum=5 * 366,
        description=_l("As CNIPA decided it (专利权期限补偿); it is never computed."),
    )
    termination_notice_on = date_field(
        _l("Termination notice received"),
        description=_l("The restoration window runs two months from it (专利法实施细则 第六条)."),
    )
    invalidated_on = date_field(_l("Declared invalid on"))
    submit = SubmitField(_l("Save"))

    def validate_number(self, field):
        result = ip_numbers.check(field.data or "", self.kind.data, self.filed_on.data)
        if result.problem:
            raise ValidationError(result.problem)

    def _not_before_filing(self, field, message):
        if field.data and self.filed_on.data and field.data < self.filed_on.data:
            raise ValidationError(message)

    def validate_granted_on(self, field):
        self._not_before_filing(field, _l("The grant cannot be before the filing date."))
        if field.data and self.status.data == "applied":
            raise ValidationError(_l("A right with a grant date is granted: choose Granted."))

    def validate_published_on(self, field):
        self._not_before_filing(field, _l("The publication cannot be before the filing date."))

    def validate_exam_requested_on(self, field):
        self._not_before_filing(field, _l("The request cannot be before the filing date."))

    def validate_ipc_main_group(self, field):
        if not field.data:
            return
        if not IPC_GROUP.match(ip_numbers.fold(field.data)):
            raise ValidationError(_l("Enter an IPC group such as G06F 16/00."))

    def validate_award_year(self, field):
        if field.data is not None and not self.award.data:
            raise ValidationError(_l("Choose the award first."))

    def values(self) -> dict:
        """The row as stored: the number and the IPC group in their normal form."""
        values = super().values()
        values["number"] = ip_numbers.check(values["number"] or "", values["kind"]).number
        if values["ipc_main_group"]:
            found = IPC_GROUP.match(ip_numbers.fold(values["ipc_main_group"]))
            values["ipc_main_group"] = f"{found[1]} {found[2]}"
        values["award"] = values["award"] or ""
        return values


class CertificationForm(RecordForm):
    FIELDS = ("kind", "number", "year", "issued_on", "valid_until")

    kind = TermSelectField(_l("Kind"), CERTIFICATION)
    number = StringField(
        _l("Registration or certificate number"),
        filters=[_strip],
        validators=[Length(max=60)],
    )
    year = year_field(_l("Evaluation year"), optional=True)
    issued_on = date_field(_l("Date issued"))
    valid_until = DateField(
        _l("Valid until"),
        description=_l(
            "Computed from the date where the policy fixes the period (高新技术企业: three "
            "years); otherwise as printed on the certificate."
        ),
        validators=[Optional()],
        invalid_value_message=DATE_MESSAGE,
    )
    submit = SubmitField(_l("Save"))

    def validate_number(self, field):
        if self.kind.data in ("tech_sme", "high_tech") and not field.data:
            raise ValidationError(_l("Enter the registration or certificate number."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Optional fields stop their own validators when empty, so the
        # requirements that depend on the kind are checked here.
        needed = {
            "tech_sme": (self.year, _l("Enter the year of the evaluation.")),
            "high_tech": (self.issued_on, _l("Enter the date on the certificate.")),
        }.get(self.kind.data)
        if needed and needed[0].data is None and not needed[0].errors:
            needed[0].errors.append(needed[1])
            valid = False
        return valid

    def validate_valid_until(self, field):
        if field.data and self.issued_on.data and field.data < self.issued_on.data:
            raise ValidationError(_l("The end of validity cannot be before the date issued."))

    def values(self) -> dict:
        """The row as stored: its end of validity by its kind's one rule (core.vocabulary)."""
        values = super().values()
        values["valid_until"] = incuchain().vocabulary.valid_until(
            values["kind"],
            issued_on=values["issued_on"],
            year=values["year"],
            recorded=values["valid_until"],
        )
        return values


class EventForm(RecordForm):
    FIELDS = ("kind", "date", "note")

    kind = TermSelectField(_l("Event"), vocab.EVENT_KINDS)
    date = date_field(_l("Date"), optional=False)
    note = StringField(
        _l("Note"),
        description=_l("For example the acquirer, or the exchange and stock code."),
        filters=[_strip],
        validators=[Length(max=300)],
    )
    submit = SubmitField(_l("Save"))
