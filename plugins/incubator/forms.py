"""The incubator's intake form: the company's business and last year's figures.

The field names are the answer keys the rules read. Core adds the startup's
profile (name, credit code, founding date, field) and the buttons; it may
prefill the figures from the registry.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from core.plugin_api import (
    GraduationFact,
    StartupFacts,
    TenantRef,
    count_field,
    figure_answers,
    funding_summary,
    ip_summary,
    money_field,
    required,
)


def intake_form(tenant: TenantRef) -> type[FlaskForm]:
    """A new form class for this call; never a shared class changed per carrier."""
    fields = {
        "main_business": TextAreaField(
            _l("Main technology, products or services"),
            description=_l("What the company researches, makes or offers, and what is new in it."),
            validators=[required(), Length(max=4000)],
        ),
        "employees": count_field(
            _l("Employees last year"),
            _l("Everyone on the payroll, part-time and temporary staff included."),
        ),
        "tech_staff": count_field(
            _l("Technical staff last year"),
            _l("People working on research, development and technical innovation."),
        ),
        "revenue": money_field(_l("Revenue last year (万元)")),
        "rd_expense": money_field(_l("R&D expense last year (万元)")),
        "total_assets": money_field(_l("Total assets at the end of last year (万元)")),
        "ip_summary": TextAreaField(
            _l("Intellectual property"),
            description=_l("Patents, software copyrights and other rights held or applied for."),
            validators=[Optional(), Length(max=2000)],
        ),
        "financing_plan": TextAreaField(
            _l("Financing so far and plans"),
            validators=[Optional(), Length(max=2000)],
        ),
        "space_needed": count_field(_l("Space needed (m²)")),
        "on_site": BooleanField(
            _l("We will register the company and keep our main R&D and offices at the carrier.")
        ),
    }
    fields["validate_tech_staff"] = _tech_staff_within_employees
    return type("IncubatorIntakeForm", (FlaskForm,), fields)


def _tech_staff_within_employees(form, field):
    employees = form.employees.data
    if field.data is not None and employees is not None and field.data > employees:
        raise ValidationError(_l("Technical staff cannot exceed employees."))


def prefill(startup: StartupFacts, graduations: tuple[GraduationFact, ...]) -> dict:
    """Last year's figures, IP and funding from the startup's record."""
    answers = figure_answers(
        startup,
        {
            "employees": "employees",
            "tech_staff": "tech_staff",
            "revenue": "revenue",
            "rd_expense": "rd_expense",
            "total_assets": "total_assets",
        },
    )
    for field, text in (
        ("ip_summary", ip_summary(startup)),
        ("financing_plan", funding_summary(startup)),
    ):
        if text:
            answers[field] = text
    return answers
