"""Form pieces for intake forms: checkbox lists, choices, required and number fields.

Each helper builds a new field or validator per call, so no form class shares
an object with another.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, IntegerField, SelectMultipleField
from wtforms import validators as wtforms_validators
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget


class NumberRange(wtforms_validators.NumberRange):
    """WTForms' ``NumberRange``, safe with integers too large for a float.

    WTForms checks ``math.isnan(data)``, which raises OverflowError for an
    integer of more than about 308 digits (found by tests/security/test_fuzzing.py);
    such a number is compared as infinity instead, so it is refused as out of range.
    Core's forms use it; a plugin's intake form needs it no more than WTForms'
    own, since core refuses such numbers before any validator of a plugin runs.
    """

    def __call__(self, form, field):
        data = field.data
        if not isinstance(data, int) or abs(data) < 10**300:
            return super().__call__(form, field)
        field.data = float("inf") if data > 0 else float("-inf")
        try:
            return super().__call__(form, field)
        finally:
            field.data = data


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes; its data is the list of chosen keys."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def select_choices(pairs) -> list[SelectChoice]:
    """Fresh choice objects for one form class: nothing is shared between classes."""
    return [SelectChoice(value, label) for value, label in pairs]


def required() -> DataRequired:
    """The field must be filled in."""
    return DataRequired(message=_l("This field is required."))


def non_negative() -> list:
    """May be left blank; when given, 0 or more."""
    return [Optional(), NumberRange(min=0, message=_l("Enter 0 or more."))]


def count_field(label, description="") -> IntegerField:
    """An optional whole number, 0 or more: people, square metres."""
    return IntegerField(label, description=description, validators=non_negative())


def money_field(label, description="") -> DecimalField:
    """An optional amount, 0 or more, kept to the places typed (万元 in the label)."""
    return DecimalField(label, description=description, places=None, validators=non_negative())
