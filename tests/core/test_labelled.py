"""Statuses and roles carry their names once, for Python and the templates alike."""

from __future__ import annotations

import pytest
from flask import render_template_string
from flask_babel import force_locale

from core.applications.models import ApplicationStatus
from core.enrollments.models import EnrollmentStatus, MilestoneStatus
from core.tenancy.models import Role

ENUMS = (EnrollmentStatus, MilestoneStatus, ApplicationStatus, Role)


@pytest.mark.parametrize("labelled", ENUMS, ids=lambda e: e.__name__)
def test_every_member_is_named_in_both_languages(app, labelled):
    with app.test_request_context():
        for member in labelled:
            with force_locale("en"):
                english = str(member.label)
            with force_locale("zh_CN"):
                chinese = str(member.label)
            assert member == member.value and english != member.value.upper()
            assert chinese != english, member


def test_templates_and_python_use_the_same_names(app):
    with app.test_request_context(), force_locale("zh_CN"):
        shown = render_template_string(
            "{{ EnrollmentStatus.label_of('graduated') }}|{{ Role.label_of('reviewer') }}"
            "|{{ EnrollmentStatus.label_of('unheard_of') }}"
        )
        assert shown == (f"{EnrollmentStatus.GRADUATED.label}|{Role.REVIEWER.label}|unheard_of")
        assert MilestoneStatus.choices([MilestoneStatus.OPEN]) == {
            "open": str(MilestoneStatus.OPEN.label)
        }
