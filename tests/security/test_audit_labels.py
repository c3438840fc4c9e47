"""Every audited action, object and field has a name in the log, in both languages.

Two scans: the events a realistic run records (the security world with every
kind of change made, and the demo dataset), and the fields the application
declares it audits (each section's form, the profile, a carrier's profile and
every stage setting), so a field added to a form without a name fails here
before it shows as a bare key on the log page.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.audit import labels, report
from core.audit.models import AuditEvent
from core.carriers.operations import PROFILE_FIELDS as CARRIER_FIELDS
from core.extensions import db
from core.hooks import stage_settings
from core.plugins import incuchain
from core.registry.forms import ManagerProfileForm
from core.registry.history import PROFILE_FIELDS
from core.registry.sections import SECTIONS
from tests.security import world as seeded
from tests.security.test_audit import change_everything, record_rows


def unnamed(app) -> set[tuple[str, str]]:
    """What the recorded events name that the log has no label for."""
    missing = set()
    with app.test_request_context():
        current = labels.current()
        for event in db.session.scalars(select(AuditEvent)):
            if event.action not in current.actions:
                missing.add(("action", event.action))
            if event.object_type not in current.objects:
                missing.add(("object", event.object_type))
            for key in {**(event.before or {}), **(event.after or {})}:
                if current.field(event.object_type, key) is None:
                    missing.add((event.object_type, key))
    return missing


def test_every_recorded_action_object_and_field_has_a_name(app):
    world = seeded.build(app)
    change_everything(app, world)
    record_rows(app, world)
    assert unnamed(app) == set()


def test_every_field_of_the_demo_has_a_name(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert unnamed(app) == set()


def declared() -> list[tuple[str, str]]:
    """The fields the application says it audits, as (object type, field)."""
    fields = [(s.model.__name__, name) for s in SECTIONS for name in s.form.FIELDS]
    fields += [("Startup", name) for name in ManagerProfileForm.FIELDS]
    fields += [("Startup", name) for name in PROFILE_FIELDS]
    fields += [("Tenant", name) for name in CARRIER_FIELDS]
    fields += [
        ("StageSettings", spec.key)
        for stage in incuchain().stages
        for spec in stage_settings(stage.key)
    ]
    return fields


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_every_declared_field_has_a_name_in_both_languages(app, locale):
    with app.test_request_context(headers={"Accept-Language": locale}):
        current = labels.current()
        for object_type, key in declared():
            name = current.field(object_type, key)
            assert name is not None and str(name).strip(), (object_type, key)
            if locale == "zh_CN":
                assert any("\u4e00" <= ch <= "\u9fff" for ch in str(name)), (object_type, key)


def test_every_kind_of_object_is_named_by_its_rows_or_its_event(app):
    """A kind of object that is audited either has a namer or records a name in its events."""
    world = seeded.build(app)
    change_everything(app, world)
    with app.test_request_context():
        current = labels.current()
        events = list(db.session.scalars(select(AuditEvent)))
        report.know_names(events)
        for event in events:
            assert event.object_type in current.namers or report.remembered(event), event.action
            assert "#" not in report.object_name(event), (event.action, report.object_name(event))
