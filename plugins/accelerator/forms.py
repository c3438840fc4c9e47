"""The accelerator's intake form: the company's growth record and plan.

The field names are the answer keys the rules read. The two revenue answers
are last year's and the year before's; the rules prefer them to the
registry's figures for those years. Core adds the profile and the buttons.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from core.plugin_api import (
    GraduationFact,
    MultiCheckboxField,
    StartupFacts,
    TenantRef,
    count_field,
    figure_answers,
    graduation_summary,
    money_field,
    required,
    select_choices,
)

NEEDS = (
    ("production_space", _l("Production, pilot or lab space")),
    ("financing", _l("Financing and introductions to investors")),
    ("market", _l("Customers and market expansion")),
    ("talent", _l("Recruiting and talent policies")),
    ("supply_chain", _l("Partners in the industry chain")),
    ("certification", _l("High-tech and specialised-SME applications")),
    ("listing", _l("Preparing for a listing")),
)


def intake_form(tenant: TenantRef) -> type[FlaskForm]:
    """A new form class for this call; never a shared class changed per carrier."""
    fields = {
        "growth_plan": TextAreaField(
            _l("Growth plan for the next three years"),
            description=_l("Revenue, products, markets and people you aim for, year by year."),
            validators=[required(), Length(max=4000)],
        ),
        "revenue_last_year": money_field(_l("Revenue last year (万元)")),
        "revenue_year_before": money_field(_l("Revenue the year before (万元)")),
        "employees": count_field(_l("Employees last year")),
        "graduated_from": StringField(
            _l("Incubator you graduated from, if any"),
            validators=[Optional(), Length(max=200)],
        ),
        "space_needed": count_field(_l("Space needed (m²)")),
        "needs": MultiCheckboxField(
            _l("What you need from the accelerator"),
            choices=select_choices(NEEDS),
            validators=[Optional()],
        ),
    }
    return type("AcceleratorIntakeForm", (FlaskForm,), fields)


def prefill(startup: StartupFacts, graduations: tuple[GraduationFact, ...]) -> dict:
    """The last two years' revenue, staff, and the incubator graduated from."""
    answers = figure_answers(startup, {"revenue_last_year": "revenue", "employees": "employees"})
    answers |= figure_answers(startup, {"revenue_year_before": "revenue"}, year_offset=1)
    if graduations:
        answers["graduated_from"] = graduation_summary(graduations)
    return answers
