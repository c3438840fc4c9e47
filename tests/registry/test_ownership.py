"""Founders own their company; every change to its record is in its history.

The takeover found by the security review (issue 13): founder23's startup,
enrolled at one carrier, applies to another, whose manager tries to make
himself a founder and to remove founder23. Neither works, and whatever the
other carrier's staff change in the shared record, the first carrier reads
in the startup's history.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core.auth.models import User
from core.extensions import db
from core.registry.models import Startup
from tests.conftest import PASSWORD
from tests.registry.conftest import PROFILE, add_application, english, shows
from tests.registry.test_founders import add_cofounder, founder_emails


def history_of(page: str) -> str:
    assert 'id="history"' in page, "no history panel"
    return page.split('id="history"')[1].split("</section>")[0]


def test_another_carrier_s_manager_cannot_take_over_a_startup(
    app, client, auth, startup, carriers, factory
):
    _alpha, beta = carriers
    factory.user("cofounder@pds.cn")
    add_cofounder(app, startup.id, "cofounder@pds.cn")
    add_application(app, beta, startup)  # the startup applies to beta
    with app.app_context():
        founder23 = db.session.scalar(select(User).where(User.email == "founder@pds.cn"))
    auth.login("manager@beta.cn")
    founders = f"/t/beta/startups/{startup.id}/founders"
    assert client.get(founders).status_code == 200  # he may look
    assert client.post(founders, data={"email": "manager@beta.cn"}).status_code == 403
    assert client.post(f"{founders}/{founder23.id}/remove").status_code == 403
    assert client.post(f"/startups/{startup.id}/founders/{founder23.id}/remove").status_code in (
        403,
        404,
    )
    auth.logout()
    assert founder_emails(app, startup.id) == ["cofounder@pds.cn", "founder@pds.cn"]
    auth.login("founder@pds.cn")
    assert client.get(f"/startups/{startup.id}").status_code == 200
    assert client.get(f"/api/v1/startups/{startup.id}").status_code in (200, 401)


def test_founder_edits_and_founder_changes_are_in_the_history_every_linked_carrier_reads(
    app, client, auth, startup, carriers, factory
):
    _alpha, beta = carriers
    add_application(app, beta, startup)
    other = factory.user("cofounder@pds.cn", "李四")
    add_cofounder(app, startup.id, "cofounder@pds.cn")
    auth.login("founder@pds.cn")
    # The founder moves the founding date, so that an entry rule on company age flips.
    response = client.post(
        f"/startups/{startup.id}/edit", data={**PROFILE, "founded_on": "2025-09-01"}
    )
    assert response.status_code == 302
    client.post(f"/startups/{startup.id}/founders/{other.id}/remove")
    auth.logout()
    # Beta's manager corrects the address on beta's pages.
    auth.login("manager@beta.cn")
    client.post(
        f"/t/beta/startups/{startup.id}/edit",
        data={**PROFILE, "founded_on": "2025-09-01", "address": "平顶山市卫东区"},
    )
    auth.logout()

    auth.login("manager@alpha.cn")
    english(client)
    history = history_of(client.get(f"/t/alpha/startups/{startup.id}").get_data(as_text=True))
    assert "Founding date" in history and "2023-05-01" in history and "2025-09-01" in history
    assert "Founder added" in history and "Founder removed" in history
    assert "cofounder@pds.cn" in history
    assert "Startup record changed" in history and "平顶山市卫东区" in history
    assert "beta carrier" in history  # where the address was changed
    assert shows(history, "The startup’s own pages")  # where the founder moved the date
    auth.logout()

    # Beta reads the same history, in its manager's language (Chinese by default).
    beta_client = app.test_client()
    beta_client.post("/login", data={"email": "manager@beta.cn", "password": PASSWORD})
    page = beta_client.get(f"/t/beta/startups/{startup.id}").get_data(as_text=True)
    history = history_of(page)
    assert "成立日期" in history and "2025-09-01" in history
    assert "已移除创始人" in history


def test_the_history_is_read_in_one_query_however_long(app, client, auth, startup, count_queries):
    auth.login("founder@pds.cn")
    for day in range(1, 8):
        client.post(
            f"/startups/{startup.id}/edit", data={**PROFILE, "founded_on": f"2023-05-0{day + 1}"}
        )
    with count_queries() as few:
        client.get(f"/startups/{startup.id}")
    for day in range(8, 20):
        client.post(
            f"/startups/{startup.id}/edit", data={**PROFILE, "founded_on": f"2023-06-{day:02d}"}
        )
    with count_queries() as many:
        page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    assert many() == few()
    assert "2023-06-19" in history_of(page)
    with app.app_context():
        assert db.session.get(Startup, startup.id).founded_on == date(2023, 6, 19)
