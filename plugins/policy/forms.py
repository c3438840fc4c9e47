"""Intake-form pieces several stages share: checkbox lists, choices, number fields.

Each helper builds a new field or validator per call, so no form class shares
an object with another. The messages are the same ``lazy_gettext`` msgids the
stages used before, so the catalogs need nothing new.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, IntegerField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from core.plugin_api import NumberRange


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
