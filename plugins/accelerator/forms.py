"""The accelerator's intake form: the company's growth record and plan.

The field names are the answer keys the rules read. The two revenue answers
are last year's and the year before's; the rules prefer them to the
registry's figures for those years. Core adds the profile and the buttons.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, IntegerField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from core.plugin_api import TenantRef


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes; its data is the list of chosen keys."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(pairs) -> list[SelectChoice]:
    """Fresh choice objects for one form class: nothing is shared between classes."""
    return [SelectChoice(value, label) for value, label in pairs]


NEEDS = (
    ("production_space", _l("Production, pilot or lab space")),
    ("financing", _l("Financing and introductions to investors")),
    ("market", _l("Customers and market expansion")),
    ("talent", _l("Recruiting and talent policies")),
    ("supply_chain", _l("Partners in the industry chain")),
    ("certification", _l("High-tech and specialised-SME applications")),
    ("listing", _l("Preparing for a listing")),
)


def _non_negative():
    return [Optional(), NumberRange(min=0, message=_l("Enter 0 or more."))]


def intake_form(tenant: TenantRef) -> type[FlaskForm]:
    """A new form class for this call; never a shared class changed per carrier."""
    fields = {
        "growth_plan": TextAreaField(
            _l("Growth plan for the next three years"),
            description=_l("Revenue, products, markets and people you aim for, year by year."),
            validators=[DataRequired(message=_l("This field is required.")), Length(max=4000)],
        ),
        "revenue_last_year": DecimalField(
            _l("Revenue last year (万元)"), places=None, validators=_non_negative()
        ),
        "revenue_year_before": DecimalField(
            _l("Revenue the year before (万元)"), places=None, validators=_non_negative()
        ),
        "employees": IntegerField(_l("Employees last year"), validators=_non_negative()),
        "graduated_from": StringField(
            _l("Incubator you graduated from, if any"),
            validators=[Optional(), Length(max=200)],
        ),
        "space_needed": IntegerField(_l("Space needed (m²)"), validators=_non_negative()),
        "needs": MultiCheckboxField(
            _l("What you need from the accelerator"),
            choices=_choices(NEEDS),
            validators=[Optional()],
        ),
    }
    return type("AcceleratorIntakeForm", (FlaskForm,), fields)
