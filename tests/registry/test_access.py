"""Who may see and change a startup: founders, linked carriers' staff, the admin, nobody else."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.auth.models import User
from core.enrollments.models import Enrollment
from core.extensions import db
from core.registry import access
from core.registry.models import FundingRound, Startup
from core.tenancy.models import Role
from tests.conftest import assign_reviewer
from tests.registry.conftest import PROFILE, actions, add_application, count

FUNDING = {"date": "2024-06-01", "kind": "angel", "amount": "50", "investor": "张先生"}


def pages(startup_id: int, prefix: str = "") -> list[tuple[str, str]]:
    """Every page of one startup as (method, url), under the founders' or a carrier's prefix."""
    base = f"{prefix}/startups/{startup_id}"
    return [
        ("GET", base),
        ("GET", f"{base}/edit"),
        ("POST", f"{base}/edit"),
        ("GET", f"{base}/funding/new"),
        ("POST", f"{base}/funding/new"),
        ("GET", f"{base}/funding/1"),
        ("POST", f"{base}/funding/1"),
        ("POST", f"{base}/funding/1/delete"),
    ]


@pytest.fixture
def funded(app, startup):
    with app.app_context():
        db.session.add(
            FundingRound(startup_id=startup.id, kind="angel", amount=50, date=date(2024, 1, 1))
        )
        db.session.commit()
    return startup


def test_a_founder_cannot_see_or_touch_another_startup(app, client, auth, factory, funded):
    factory.startup("别家公司", founders=("other@pds.cn",), kind="team")
    auth.login("other@pds.cn")
    before = actions(app)
    for method, url in pages(funded.id):
        response = client.open(url, method=method, data={**PROFILE, **FUNDING})
        assert response.status_code == 404, url
        assert "平顶山" not in response.get_data(as_text=True)
    assert actions(app) == before and count(app, FundingRound) == 1


def test_another_carriers_manager_gets_404_on_the_carrier_and_global_pages(
    app, client, auth, funded
):
    auth.login("manager@beta.cn")
    for prefix in ("", "/t/beta", "/t/alpha"):
        for method, url in pages(funded.id, prefix):
            response = client.open(url, method=method, data=FUNDING)
            assert response.status_code == 404, url
    assert client.get("/t/beta/startups").get_data(as_text=True).count("平顶山") == 0


def test_a_reviewer_sees_only_the_startups_assigned_to_them(app, client, auth, funded):
    auth.login("reviewer@alpha.cn")
    before = actions(app)
    for prefix in ("", "/t/alpha"):
        for method, url in pages(funded.id, prefix):
            response = client.open(url, method=method, data={**PROFILE, **FUNDING})
            assert response.status_code == 404, url
    assert actions(app) == before


def test_an_assigned_reviewer_reads_but_does_not_edit(app, client, auth, funded, carriers):
    assign_reviewer(app, carriers[0].id, funded.id, "reviewer@alpha.cn")
    auth.login("reviewer@alpha.cn")
    for url in (f"/t/alpha/startups/{funded.id}", f"/startups/{funded.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "平顶山新材料科技有限公司" in page
        assert "/edit" not in page and "/funding/new" not in page
    before = actions(app)
    for prefix in ("", "/t/alpha"):
        for method, url in pages(funded.id, prefix)[1:]:
            response = client.open(url, method=method, data={**PROFILE, **FUNDING})
            assert response.status_code == 403, url
    assert actions(app) == before


def test_a_manager_edits_on_the_carriers_pages_and_the_change_names_the_carrier(
    app, client, auth, carriers, funded
):
    auth.login("manager@alpha.cn")
    # On the founders' pages a manager reads only.
    assert client.get(f"/startups/{funded.id}").status_code == 200
    assert client.get(f"/startups/{funded.id}/edit").status_code == 403
    url = f"/t/alpha/startups/{funded.id}/funding/new"
    response = client.post(url, data=FUNDING)
    assert response.headers["Location"] == f"/t/alpha/startups/{funded.id}#funding"
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "funding.created")
        ).one()
        assert event.tenant_id == carriers[0].id
    assert "funding.created" in client.get("/t/alpha/audit").get_data(as_text=True)


def test_a_non_draft_application_links_a_startup_and_a_draft_does_not(
    app, client, auth, factory, carriers
):
    _alpha, beta = carriers
    drafted = factory.startup("草稿公司", founders=("a@pds.cn",), kind="team")
    applied = factory.startup("申请公司", founders=("b@pds.cn",), kind="team")
    add_application(app, beta, drafted, status="draft")
    add_application(app, beta, applied, status="submitted")
    auth.login("manager@beta.cn")
    assert client.get(f"/t/beta/startups/{drafted.id}").status_code == 404
    assert client.get(f"/startups/{drafted.id}").status_code == 404
    assert client.get(f"/t/beta/startups/{applied.id}").status_code == 200
    assert client.get(f"/startups/{applied.id}").status_code == 200
    page = client.get("/t/beta/startups").get_data(as_text=True)
    assert "申请公司" in page and "草稿公司" not in page


def test_a_carriers_founder_members_get_403_on_its_startup_pages(
    client, auth, factory, carriers, startup
):
    factory.member(carriers[0], "founder@pds.cn", Role.FOUNDER)
    auth.login("founder@pds.cn")
    assert client.get("/t/alpha/startups").status_code == 403
    assert client.get(f"/t/alpha/startups/{startup.id}").status_code == 403
    # Their own pages are where founders work.
    assert client.get(f"/startups/{startup.id}").status_code == 200


def test_the_platform_admin_sees_every_startup(client, auth, factory, startup):
    factory.user("admin@city.cn", admin=True)
    auth.login("admin@city.cn")
    assert client.get(f"/startups/{startup.id}").status_code == 200
    assert client.get(f"/t/alpha/startups/{startup.id}/edit").status_code == 200
    assert client.get(f"/t/beta/startups/{startup.id}").status_code == 404


def test_an_enrollment_links_to_its_page_only_for_those_who_may_open_it(
    app, client, auth, factory, carriers, startup
):
    _alpha, beta = carriers
    factory.enrollment(beta, startup, "incubator")
    with app.app_context():
        ids = dict(db.session.execute(select(Enrollment.tenant_id, Enrollment.id)).all())
    auth.login("manager@beta.cn")
    page = client.get(f"/t/beta/startups/{startup.id}").get_data(as_text=True)
    assert f'href="/enrollments/{ids[beta.id]}"' in page
    assert f'href="/enrollments/{ids[carriers[0].id]}"' not in page
    assert "alpha载体" in page  # the other carrier's enrollment is shown, read-only
    auth.logout()
    auth.login("founder@pds.cn")
    page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    assert all(f'href="/enrollments/{i}"' in page for i in ids.values())


def test_the_access_functions(app, factory, carriers, startup):
    alpha, beta = carriers
    add_application(app, beta, startup, status="rejected")
    with app.app_context():
        users = {u.email: u for u in db.session.scalars(select(User))}
        row = db.session.get(Startup, startup.id)
        # Beta rejected the startup: it keeps its application, not the record.
        assert access.startup_tenant_ids(startup.id) == {alpha.id}
        assert not access.is_linked(startup.id, beta.id)
        expected = {
            "founder@pds.cn": (True, True),
            "manager@alpha.cn": (True, True),
            "reviewer@alpha.cn": (False, False),  # assigned to none of its applications
            "manager@beta.cn": (False, False),
        }
        for email, (view, edit) in expected.items():
            assert access.can_view(users[email], row) is view, email
            assert access.can_edit(users[email], row) is edit, email
        founder = access.access_to(users["founder@pds.cn"], startup.id)
        assert founder.can_edit_at(None) and not founder.can_edit_at(alpha.id)
        manager = access.access_to(users["manager@alpha.cn"], startup.id)
        assert manager.can_edit_at(alpha.id) and not manager.can_edit_at(None)
        assert not manager.can_edit_at(beta.id)


def test_ids_too_large_for_the_database_are_not_found(client, auth, startup):
    auth.login("founder@pds.cn")
    huge = 10**20
    assert client.get(f"/startups/{huge}").status_code == 404
    assert client.get(f"/startups/{startup.id}/funding/{huge}").status_code == 404
    assert client.post(f"/startups/{startup.id}/funding/{huge}/delete").status_code == 404
