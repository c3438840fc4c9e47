"""A right's page: its legal life explained, annuities and events recorded, all audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from core.extensions import db
from core.ip.models import AnnuityPayment, IPEvent
from tests.registry.conftest import actions, count, english, shows

PAYMENT = {"year": "4", "paid_on": "2023-02-20", "amount_yuan": "1200"}
PLEDGE = {
    "kind": "pledge",
    "happened_on": "2023-03-01",
    "counterparty": "中原银行",
    "direction": "out",
    "amount": "500",
    "ends_on": "2026-05-31",
}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The pages read China's date; fixed so the annuities fall as the tests expect."""
    day = date(2023, 4, 15)
    monkeypatch.setattr("core.ip.views.local_today", lambda: day)
    monkeypatch.setattr("core.ip.panels.local_today", lambda: day)
    return day


def url(startup, patent, tail="life"):
    return f"/startups/{startup.id}/ip/{patent}/{tail}"


def test_an_unpaid_annuity_shows_the_grace_period_and_its_surcharge(client, auth, startup, patent):
    auth.login("founder@pds.cn")
    english(client)
    page = client.get(url(startup, patent)).get_data(as_text=True)
    assert 'id="ip-status">In grace period<' in page
    assert shows(page, "The annuity of year 4 was due on 2023-03-02 and is unpaid")
    assert shows(page, "with a surcharge of 5% of that year’s annuity")
    assert "专利法实施细则 第一百一十五条" in page
    # The startup page lists the right with its status, linking to its page.
    startup_page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    assert "In grace period" in startup_page and url(startup, patent) in startup_page


def test_a_payment_is_recorded_and_audited(app, client, auth, startup, patent):
    auth.login("founder@pds.cn")
    english(client)
    response = client.post(url(startup, patent, "payments"), data=PAYMENT)
    assert response.status_code == 302
    page = client.get(url(startup, patent)).get_data(as_text=True)
    assert 'id="ip-status">In force<' in page
    assert shows(page, "The annuity of year 5 is due on 2024-03-04")
    assert actions(app)[-1] == "ip.payment_recorded"
    # The same year again is refused next to the field.
    page = client.post(url(startup, patent, "payments"), data=PAYMENT).get_data(as_text=True)
    assert "recorded already" in page and count(app, AnnuityPayment) == 1


@pytest.mark.parametrize(
    "change, message",
    [
        ({"year": "3"}, "annuity years 4 to 20"),
        ({"year": "21"}, "Enter a whole number from 0 to 20."),
        ({"paid_on": "2019-01-01"}, "cannot be before the filing date"),
    ],
)
def test_a_payment_for_a_year_that_does_not_exist_is_refused(
    app, client, auth, startup, patent, change, message
):
    auth.login("founder@pds.cn")
    english(client)
    before = actions(app)
    response = client.post(url(startup, patent, "payments"), data={**PAYMENT, **change})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert count(app, AnnuityPayment) == 0 and actions(app) == before


def test_a_pledge_needs_its_amount_and_then_shows_on_the_right(app, client, auth, startup, patent):
    auth.login("founder@pds.cn")
    english(client)
    page = client.post(url(startup, patent, "events"), data={**PLEDGE, "amount": ""}).get_data(
        as_text=True
    )
    assert "Enter the secured amount." in page and count(app, IPEvent) == 0
    assert client.post(url(startup, patent, "events"), data=PLEDGE).status_code == 302
    page = client.get(url(startup, patent)).get_data(as_text=True)
    assert shows(page, "Pledged to 中原银行 since 2023-03-01")
    assert "500 万元" in page and actions(app)[-1] == "ip.event_recorded"


def test_an_assignment_moves_the_right_and_is_on_the_timeline(client, auth, startup, patent):
    auth.login("founder@pds.cn")
    english(client)
    data = {
        "kind": "assignment",
        "happened_on": "2023-01-05",
        "counterparty": "洛阳某公司",
        "direction": "out",
    }
    assert client.post(url(startup, patent, "events"), data=data).status_code == 302
    page = client.get(url(startup, patent)).get_data(as_text=True)
    assert 'id="ip-status">Assigned away<' in page and "洛阳某公司" in page
    startup_page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    timeline = startup_page[startup_page.index('id="timeline"') :]
    assert "Assignment" in timeline and "洛阳某公司" in timeline


def test_a_licence_needs_its_kind_and_a_pending_right_is_not_licensed(
    app, client, auth, startup, patent
):
    auth.login("founder@pds.cn")
    english(client)
    data = {
        "kind": "licence",
        "happened_on": "2023-02-01",
        "counterparty": "某厂",
        "direction": "out",
    }
    page = client.post(url(startup, patent, "events"), data=data).get_data(as_text=True)
    assert "Choose the kind of licence." in page and count(app, IPEvent) == 0


def test_who_may_see_and_edit(client, auth, factory, startup, patent):
    factory.startup("别家公司", founders=("other@pds.cn",), kind="team")
    auth.login("other@pds.cn")
    assert client.get(url(startup, patent)).status_code == 404
    assert client.post(url(startup, patent, "payments"), data=PAYMENT).status_code == 404
    auth.logout()
    auth.login("reviewer@alpha.cn")
    carrier = f"/t/alpha/startups/{startup.id}/ip/{patent}"
    assert client.post(f"{carrier}/payments", data=PAYMENT).status_code in (403, 404)
    auth.logout()
    auth.login("manager@alpha.cn")
    assert client.get(f"{carrier}/life").status_code == 200
    assert client.post(f"{carrier}/payments", data=PAYMENT).status_code == 302
    auth.logout()
    auth.login("manager@beta.cn")
    assert client.get(f"/t/beta/startups/{startup.id}/ip/{patent}/life").status_code == 404


def test_payments_and_events_are_deleted_with_an_audit_trail(app, client, auth, startup, patent):
    auth.login("founder@pds.cn")
    client.post(url(startup, patent, "payments"), data=PAYMENT)
    client.post(url(startup, patent, "events"), data=PLEDGE)
    with app.app_context():
        payment = db.session.scalars(select(AnnuityPayment)).one()
        event = db.session.scalars(select(IPEvent)).one()
        ids = payment.id, event.id
    page = client.get(url(startup, patent)).get_data(as_text=True)
    assert url(startup, patent, f"payments/{ids[0]}/delete") in page
    assert client.post(url(startup, patent, f"payments/{ids[0]}/delete")).status_code == 302
    assert client.post(url(startup, patent, f"events/{ids[1]}/delete")).status_code == 302
    assert client.post(url(startup, patent, f"events/{ids[1]}/delete")).status_code == 404
    assert count(app, AnnuityPayment) == 0 and count(app, IPEvent) == 0
    assert actions(app)[-2:] == ["ip.payment_deleted", "ip.event_deleted"]
