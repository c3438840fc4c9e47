"""Carrier pages: who may see them, and what managers change there."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.auth.models import User
from core.enrollments.models import Enrollment
from core.extensions import db
from core.registry.models import Startup
from core.tenancy.models import Membership, Role, Tenant
from tests.conftest import PASSWORD, link_carriers


@pytest.fixture
def carriers(factory):
    """Carrier ``alpha`` with a manager, reviewer and founder; ``beta`` with its own manager."""
    alpha = factory.tenant("alpha", stages=("makerspace", "incubator"))
    beta = factory.tenant("beta", stages=("incubator",))
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER, "Alpha Manager")
    factory.member(alpha, "reviewer@alpha.cn", Role.REVIEWER, "Alpha Reviewer")
    factory.member(alpha, "founder@alpha.cn", Role.FOUNDER, "Alpha Founder")
    factory.member(beta, "manager@beta.cn", Role.MANAGER, "Beta Manager")
    return alpha, beta


#: Carrier pages any logged-in user may open: applying is how founders arrive.
OPEN_TO_APPLICANTS = {"apply.apply"}


def tenant_urls(app, slug: str) -> list[tuple[str, str]]:
    """Every members-only carrier route as (method, url), from the URL map."""
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/t/") or rule.endpoint in OPEN_TO_APPLICANTS:
            continue
        url = rule.rule.replace("<tenant_slug>", slug).replace("<stage:stage>", "incubator")
        url = re.sub(r"<int:\w+>", "1", url)
        url = re.sub(r"<\w+>", "x", url)
        method = "GET" if "GET" in rule.methods else "POST"
        urls.append((method, url))
    assert urls
    return urls


def test_anonymous_visitors_are_sent_to_log_in_from_every_tenant_page(app, client, carriers):
    for method, url in tenant_urls(app, "alpha"):
        response = client.open(url, method=method)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login?next="), url


def test_another_carriers_manager_gets_404_everywhere(app, client, auth, carriers):
    auth.login("manager@beta.cn")
    for method, url in tenant_urls(app, "alpha"):
        response = client.open(url, method=method)
        assert response.status_code == 404, url
        assert "Alpha" not in response.get_data(as_text=True)


def test_an_unknown_carrier_is_404(client, auth, carriers):
    auth.login("manager@beta.cn")
    assert client.get("/t/nowhere/").status_code == 404


@pytest.mark.parametrize("email", ["founder@alpha.cn", "reviewer@alpha.cn"])
def test_members_without_the_manager_role_get_403_on_manager_pages(client, auth, carriers, email):
    auth.login(email)
    assert client.get("/t/alpha/").status_code == 200
    for url in ("/t/alpha/members", "/t/alpha/profile", "/t/alpha/audit"):
        assert client.get(url).status_code == 403, url
    assert (
        client.post("/t/alpha/members", data={"email": "x@y.cn", "role": "reviewer"}).status_code
        == 403
    )


def test_the_platform_admin_may_open_any_carrier(client, auth, factory, carriers):
    factory.user("admin@city.cn", admin=True)
    auth.login("admin@city.cn")
    assert client.get("/t/alpha/members").status_code == 200


def test_overview_shows_the_carriers_stages_in_chain_order(client, auth, carriers):
    auth.login("manager@alpha.cn")
    page = client.get("/t/alpha/").get_data(as_text=True)
    assert page.index('data-stage="makerspace"') < page.index('data-stage="incubator"')
    assert 'data-stage="accelerator"' not in page


def test_a_stage_the_carrier_does_not_run_is_404(client, auth, carriers):
    auth.login("manager@alpha.cn")
    assert client.get("/t/alpha/stages/accelerator").status_code == 404
    assert client.get("/t/alpha/stages/nonsense").status_code == 404


def enroll(app, tenant_slug, n, founder_email=None, stage="incubator"):
    with app.app_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == tenant_slug))
        founder = db.session.scalar(select(User).where(User.email == founder_email))
        for i in range(n):
            startup = Startup(
                name_zh=f"{tenant_slug}企业{i}",
                tech_field="biomedicine",
                founders=[founder] if founder else [],
            )
            db.session.add(
                Enrollment(
                    startup=startup,
                    tenant=tenant,
                    stage=stage,
                    admitted_on=date(2025, 1, 1),
                )
            )
        db.session.commit()
        link_carriers()


def test_managers_see_the_stage_roster_founders_see_only_their_own(app, client, auth, carriers):
    enroll(app, "alpha", 3)
    enroll(app, "alpha", 1, founder_email="founder@alpha.cn")
    enroll(app, "beta", 2)
    auth.login("manager@alpha.cn")
    page = client.get("/t/alpha/stages/incubator").get_data(as_text=True)
    assert page.count("alpha企业") == 4 and "beta企业" not in page
    auth.logout()
    auth.login("founder@alpha.cn")
    page = client.get("/t/alpha/stages/incubator").get_data(as_text=True)
    assert page.count("alpha企业") == 1


def test_the_stage_page_makes_the_same_number_of_queries_for_few_and_many(
    app, client, auth, carriers, count_queries
):
    auth.login("manager@alpha.cn")
    enroll(app, "alpha", 2)
    with count_queries() as few:
        assert client.get("/t/alpha/stages/incubator").status_code == 200
    enroll(app, "alpha", 40)
    with count_queries() as many:
        page = client.get("/t/alpha/stages/incubator").get_data(as_text=True)
    assert page.count("alpha企业") == 42
    assert page.count('class="graduation"') == 42  # evaluated in one batch for the page
    assert few() == many()


def audit_actions(app, tenant_slug):
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent.action)
                .join(Tenant, Tenant.id == AuditEvent.tenant_id)
                .where(Tenant.slug == tenant_slug)
                .order_by(AuditEvent.id)
            )
        )


PROFILE = {
    "name_zh": "阿尔法孵化中心",
    "name_en": "Alpha Centre",
    "contact_email": "office@alpha.cn",
    "phone": "0375-1234567",
    "address": "平顶山市新华区",
    "description": "专注新材料",
}


def test_manager_edits_the_profile_and_it_is_audited(app, client, auth, carriers):
    auth.login("manager@alpha.cn")
    response = client.post("/t/alpha/profile", data=PROFILE)
    assert response.status_code == 302
    assert "阿尔法孵化中心" in client.get("/t/alpha/").get_data(as_text=True)
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "tenant.updated")
        ).one()
        assert event.after["name_zh"] == "阿尔法孵化中心"
        assert event.before["name_zh"] == "alpha载体"
        assert event.actor.email == "manager@alpha.cn"
    assert "tenant.updated" in client.get("/t/alpha/audit").get_data(as_text=True)


def test_a_bad_profile_is_refused_and_keeps_what_was_typed(app, client, auth, carriers):
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    page = client.post(
        "/t/alpha/profile", data={**PROFILE, "contact_email": "not an email", "name_en": ""}
    ).get_data(as_text=True)
    assert "Enter a valid email address." in page
    assert "This field is required." in page
    assert 'value="阿尔法孵化中心"' in page
    assert "tenant.updated" not in audit_actions(app, "alpha")


def test_manager_invites_a_reviewer_and_no_account_or_password_is_made(app, client, auth, carriers):
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    response = client.post("/t/alpha/members", data={"email": "new@alpha.cn", "role": "reviewer"})
    assert response.status_code == 302
    page = client.get("/t/alpha/members").get_data(as_text=True)
    assert "An invitation has been mailed to new@alpha.cn." in page
    assert "temporary password" not in page.lower()
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "new@alpha.cn")) is None
    assert audit_actions(app, "alpha")[-1] == "invitation.sent"


def test_inviting_an_existing_reviewer_again_is_a_field_error(app, client, auth, carriers):
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    page = client.post(
        "/t/alpha/members", data={"email": "reviewer@alpha.cn", "role": "reviewer"}
    ).get_data(as_text=True)
    assert "reviewer@alpha.cn already has this access." in page


def membership_id(app, email, role):
    with app.app_context():
        return db.session.scalar(
            select(Membership.id)
            .join(Membership.user)
            .where(User.email == email, Membership.role == role)
        )


def test_manager_removes_a_reviewer_but_not_a_manager_or_another_carriers_member(
    app, client, auth, carriers
):
    auth.login("manager@alpha.cn")
    manager_id = membership_id(app, "manager@alpha.cn", Role.MANAGER)
    other_id = membership_id(app, "manager@beta.cn", Role.MANAGER)
    assert client.post(f"/t/alpha/members/{manager_id}/remove").status_code == 404
    assert client.post(f"/t/alpha/members/{other_id}/remove").status_code == 404
    reviewer_id = membership_id(app, "reviewer@alpha.cn", Role.REVIEWER)
    assert client.post(f"/t/alpha/members/{reviewer_id}/remove").status_code == 302
    assert membership_id(app, "reviewer@alpha.cn", Role.REVIEWER) is None
    assert audit_actions(app, "alpha")[-1] == "membership.removed"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Membership)) == 3


def test_a_removed_reviewer_loses_access(app, client, auth, carriers):
    reviewer_id = membership_id(app, "reviewer@alpha.cn", Role.REVIEWER)
    manager = app.test_client()
    manager.post("/login", data={"email": "manager@alpha.cn", "password": PASSWORD})
    manager.post(f"/t/alpha/members/{reviewer_id}/remove")
    auth.login("reviewer@alpha.cn")
    assert client.get("/t/alpha/").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/t/alpha/stages/{stage}"),
        ("post", "/t/alpha/stages/{stage}/export.csv"),
        ("get", "/t/alpha/settings/{stage}"),
        ("post", "/t/alpha/stages/{stage}/graduate"),
        ("get", "/t/alpha/apply/{stage}"),
    ],
)
def test_a_stage_the_carrier_does_not_run_or_nobody_defines_is_404(
    app, client, auth, factory, method, path
):
    alpha = factory.tenant("alpha", stages=("makerspace",))
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER)
    auth.login("manager@alpha.cn")
    for stage in ("incubator", "no_such_stage"):
        assert getattr(client, method)(path.format(stage=stage)).status_code == 404, stage
    assert client.get("/stages/no_such_stage").status_code == 404
