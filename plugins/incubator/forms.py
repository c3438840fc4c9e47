"""The incubator's intake form: the company's business and last year's figures.

The field names are the answer keys the rules read. Core adds the startup's
profile (name, credit code, founding date, field) and the buttons; it may
prefill the figures from the registry.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DecimalField, IntegerField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from core.plugin_api import TenantRef


def _required():
    return DataRequired(message=_l("This field is required."))


def _count(label, description=None):
    return IntegerField(
        label,
        description=description,
        validators=[Optional(), NumberRange(min=0, message=_l("Enter 0 or more."))],
    )


def _money(label, description=None):
    return DecimalField(
        label,
        description=description,
        places=None,
        validators=[Optional(), NumberRange(min=0, message=_l("Enter 0 or more."))],
    )


def intake_form(tenant: TenantRef) -> type[FlaskForm]:
    """A new form class for this call; never a shared class changed per carrier."""
    fields = {
        "main_business": TextAreaField(
            _l("Main technology, products or services"),
            description=_l("What the company researches, makes or offers, and what is new in it."),
            validators=[_required(), Length(max=4000)],
        ),
        "employees": _count(
            _l("Employees last year"),
            _l("Everyone on the payroll, part-time and temporary staff included."),
        ),
        "tech_staff": _count(
            _l("Technical staff last year"),
            _l("People working on research, development and technical innovation."),
        ),
        "revenue": _money(_l("Revenue last year (万元)")),
        "rd_expense": _money(_l("R&D expense last year (万元)")),
        "total_assets": _money(_l("Total assets at the end of last year (万元)")),
        "ip_summary": TextAreaField(
            _l("Intellectual property"),
            description=_l("Patents, software copyrights and other rights held or applied for."),
            validators=[Optional(), Length(max=2000)],
        ),
        "financing_plan": TextAreaField(
            _l("Financing so far and plans"),
            validators=[Optional(), Length(max=2000)],
        ),
        "space_needed": _count(_l("Space needed (m²)")),
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
