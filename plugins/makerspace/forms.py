"""The makerspace's intake form: a team, possibly unregistered, its idea, members and needs.

The field names are the answer keys the rules read. Core adds the startup's
profile and the buttons.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.plugin_api import MultiCheckboxField, NumberRange, TenantRef, required, select_choices

NEEDS = (
    ("workspace", _l("Workspace or desks")),
    ("mentoring", _l("Mentoring")),
    ("financing", _l("Financing and introductions to investors")),
    ("technical", _l("Technical support and shared equipment")),
    ("training", _l("Entrepreneurship training")),
    ("registration", _l("Company registration, accounting and tax")),
    ("market", _l("Customers and market access")),
    ("ip", _l("Intellectual property services")),
    ("policy", _l("Help with policies and subsidies")),
)

#: Who founded the team, as the Torch statistics count it (policy-rules.md §7).
FOUNDER_TYPES = (
    ("", _l("Not stated")),
    ("student", _l("University students or recent graduates")),
    ("researcher", _l("Scientists or engineers")),
    ("returnee", _l("Returnees from study abroad")),
    ("other", _l("Other")),
)

PROGRESS = (
    ("", _l("Not stated")),
    ("idea", _l("Just an idea")),
    ("prototype", _l("Prototype")),
    ("pilot", _l("First users trying it")),
    ("revenue", _l("First revenue")),
)


def intake_form(tenant: TenantRef) -> type[FlaskForm]:
    """A new form class for this call; never a shared class changed per carrier."""
    fields = {
        "idea": TextAreaField(
            _l("Your idea"),
            description=_l("The problem, your solution, and who it is for."),
            validators=[required(), Length(max=4000)],
        ),
        "members": TextAreaField(
            _l("Team members"),
            description=_l("One person per line: name, role and background."),
            validators=[required(), Length(max=2000)],
        ),
        "needs": MultiCheckboxField(
            _l("What you need from the makerspace"),
            choices=select_choices(NEEDS),
            validators=[DataRequired(message=_l("Choose at least one."))],
        ),
        "founder_type": SelectField(
            _l("Who founded the team"), choices=select_choices(FOUNDER_TYPES), default=""
        ),
        "progress": SelectField(
            _l("How far along you are"), choices=select_choices(PROGRESS), default=""
        ),
        "desks_needed": IntegerField(
            _l("Desks needed"),
            validators=[
                Optional(),
                NumberRange(min=0, max=100, message=_l("Enter a number from 0 to 100.")),
            ],
        ),
    }
    return type("MakerspaceIntakeForm", (FlaskForm,), fields)
