"""The platform admin's carrier pages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.extensions import db
from core.tenancy.models import Membership, Role, Tenant

NEW = {
    "slug": "Nylon-City",
    "name_zh": "中国尼龙城科技企业孵化器",
    "name_en": "China Nylon City Incubator",
    "enabled_stages": ["incubator", "accelerator"],
    "serial_prefix": "nylon",
}


@pytest.fixture
def admin(client, auth, factory):
    factory.user("admin@city.cn", "City Admin", admin=True)
    auth.login("admin@city.cn")
    client.post("/language", data={"locale": "en"})
    return client


def tenants(app):
    with app.app_context():
        return db.session.scalars(select(Tenant)).all()


def test_only_the_platform_admin_sees_the_admin_pages(client, auth, factory):
    assert client.get("/admin/").headers["Location"].startswith("/login")
    tenant = factory.tenant("alpha")
    factory.member(tenant, "manager@alpha.cn", Role.MANAGER)
    auth.login("manager@alpha.cn")
    for url in ("/admin/", "/admin/tenants/new", "/admin/tenants/alpha"):
        assert client.get(url).status_code == 404
    assert client.post("/admin/tenants/new", data=NEW).status_code == 404
    assert len(tenants(client.application)) == 1


def test_admin_creates_a_carrier_with_its_stages_and_prefix(admin, app):
    response = admin.post("/admin/tenants/new", data=NEW)
    assert response.headers["Location"] == "/admin/tenants/nylon-city"
    (tenant,) = tenants(app)
    assert tenant.slug == "nylon-city" and tenant.serial_prefix == "NYLON"
    assert tenant.enabled_stages == ["incubator", "accelerator"]
    page = admin.get("/admin/").get_data(as_text=True)
    assert "China Nylon City Incubator" in page and "Accelerator" in page
    with app.app_context():
        event = db.session.scalars(select(AuditEvent)).one()
        assert event.action == "tenant.created" and event.after["serial_prefix"] == "NYLON"
        assert event.actor.email == "admin@city.cn"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slug": "bad slug!"}, "Use lower-case letters, digits and hyphens."),
        ({"serial_prefix": "1X"}, "Use 2 to 12 capital letters or digits."),
        ({"enabled_stages": []}, "Choose at least one stage."),
        ({"enabled_stages": ["nonsense"]}, "is not a valid choice"),
        ({"name_zh": ""}, "This field is required."),
    ],
)
def test_a_bad_carrier_is_refused_with_the_reason_and_nothing_written(admin, app, change, message):
    page = admin.post("/admin/tenants/new", data={**NEW, **change}).get_data(as_text=True)
    assert message in page
    assert "China Nylon City Incubator" in page
    assert tenants(app) == []


def test_slug_and_prefix_must_be_unique(admin, app, factory):
    factory.tenant("nylon-city", prefix="OTHER")
    factory.tenant("second", prefix="NYLON")
    page = admin.post("/admin/tenants/new", data=NEW).get_data(as_text=True)
    assert "Another carrier already uses this address name." in page
    assert "Another carrier already uses this prefix." in page
    assert len(tenants(app)) == 2


def test_admin_changes_a_carriers_stages(admin, app, factory):
    factory.tenant("alpha", stages=("incubator",), prefix="ALPHA")
    data = {"name_zh": "阿尔法", "name_en": "Alpha", "serial_prefix": "ALPHA"}
    data["enabled_stages"] = ["makerspace", "incubator"]
    assert admin.post("/admin/tenants/alpha", data=data).status_code == 302
    (tenant,) = tenants(app)
    assert tenant.enabled_stages == ["makerspace", "incubator"]
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "tenant.updated")
        ).one()
        assert event.before["enabled_stages"] == ["incubator"]


def main(page: str) -> str:
    return page.split("<main")[1]


def test_admin_invites_and_removes_a_manager(admin, app, factory):
    alpha = factory.tenant("alpha")
    response = admin.post("/admin/tenants/alpha/managers", data={"email": "boss@alpha.cn"})
    assert response.status_code == 302
    page = admin.get("/admin/tenants/alpha").get_data(as_text=True)
    assert "boss@alpha.cn" in page and "password" not in main(page).lower()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Membership)) == 0
    factory.member(alpha, "boss@alpha.cn", Role.MANAGER, "Boss")  # as accepting does
    again = admin.post("/admin/tenants/alpha/managers", data={"email": "boss@alpha.cn"})
    assert "boss@alpha.cn already has this access." in again.get_data(as_text=True)
    with app.app_context():
        membership = db.session.scalars(select(Membership)).one()
    assert admin.post(f"/admin/tenants/alpha/managers/{membership.id}/remove").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Membership)) == 0
        actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["invitation.sent", "membership.added", "membership.removed"]


def test_a_bad_manager_email_keeps_the_settings_form_intact(admin, factory):
    factory.tenant("alpha")
    page = admin.post("/admin/tenants/alpha/managers", data={"email": "nope"}).get_data(
        as_text=True
    )
    assert "Enter a valid email address." in page and 'value="nope"' in page
    assert 'value="ALPHA"' in page


def test_an_unknown_carrier_is_404_for_the_admin(admin):
    assert admin.get("/admin/tenants/none").status_code == 404
    assert admin.post("/admin/tenants/none/managers/1/remove").status_code == 404


def test_the_new_carrier_form_asks_for_the_address_name_before_saving_with_an_example(admin):
    page = admin.get("/admin/tenants/new").get_data(as_text=True)
    assert page.index('name="slug"') < page.index('type="submit"')
    assert "Web address name" in page and "/t/pds-hub/" in page
