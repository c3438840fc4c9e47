"""A carrier's manager tunes the thresholds of the stages it runs."""

from __future__ import annotations

from sqlalchemy import select

from core.audit.models import AuditEvent
from core.extensions import db
from core.settings.services import tenant_ref
from core.tenancy.models import Tenant
from tests.workflow.conftest import STAGE

URL = f"/t/tt/settings/{STAGE}"


def tuned(app, key):
    with app.app_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "tt"))
        return tenant_ref(tenant).settings[STAGE][key]


def test_the_page_shows_each_setting_with_unit_and_default(manager):
    assert manager.get("/t/tt/settings").headers["Location"] == URL
    page = manager.get(URL).get_data(as_text=True)
    assert "Minimum team size (people)" in page and "Default: 2" in page
    assert 'value="2"' in page
    # Core declares the time limit from the stage's StageSpec: the default lives there only.
    assert "Time limit (months)" in page and "Default: 12" in page


def test_a_valid_value_is_saved_and_audited(carrier, manager):
    data = {"min_members": "4", "time_limit_months": "12"}
    assert manager.post(URL, data=data).status_code == 302
    assert tuned(carrier.app, "min_members") == 4
    with carrier.app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "settings.updated")
        ).one()
        assert event.before == {"stage": STAGE, "min_members": "2"}
        assert event.after == {"stage": STAGE, "min_members": "4"}


def test_out_of_range_or_non_numbers_are_refused_and_kept(carrier, manager):
    page = manager.post(URL, data={"min_members": "0"}).get_data(as_text=True)
    assert "Enter a number from 1 to 50." in page and 'value="0"' in page
    page = manager.post(URL, data={"min_members": "many"}).get_data(as_text=True)
    assert "Not a valid integer value." in page and 'value="many"' in page
    assert tuned(carrier.app, "min_members") == 2


def test_only_managers_and_only_stages_the_carrier_runs(carrier, manager):
    reviewer = carrier.client_for("r1@tt.cn")
    assert reviewer.get(URL).status_code == 403
    assert reviewer.post(URL, data={"min_members": "9"}).status_code == 403
    assert manager.get("/t/tt/settings/accelerator").status_code == 404
    assert tuned(carrier.app, "min_members") == 2
