"""Hand-over: the referral to the next stage, the prefilled form, what another carrier sees."""

from __future__ import annotations

import re
from decimal import Decimal

from sqlalchemy import select

from core import hooks
from core.applications.models import Application, Review
from core.auth.models import User
from core.extensions import db
from core.graduation.models import Referral
from core.graduation.records import facts, for_startup
from core.notifications.models import Notification
from core.plugin_api import ReferralOffer, hookimpl
from core.registry.models import AnnualFigures, IPAsset, Startup
from core.rules.context import one_startup
from core.settings.services import tenant_ref
from core.tenancy.models import Role, Tenant
from tests.conftest import link_carriers


def graduate(client, auth, enrollment_id: int) -> None:
    auth.login("manager@alpha.cn")
    assert client.post(f"/enrollments/{enrollment_id}/graduate").status_code == 302
    auth.logout()


def add_record(app, startup_id: int) -> None:
    with app.app_context():
        db.session.add_all(
            [
                AnnualFigures(
                    startup_id=startup_id, year=2024, revenue=Decimal("800"), employees=30
                ),
                AnnualFigures(
                    startup_id=startup_id,
                    year=2025,
                    revenue=Decimal("1250.5"),
                    employees=42,
                    tech_staff=12,
                    rd_expense=Decimal("96"),
                ),
                IPAsset(startup_id=startup_id, kind="invention_patent", status="granted"),
                IPAsset(startup_id=startup_id, kind="software_copyright", status="granted"),
            ]
        )
        db.session.commit()


def value_of(page: str, field: str) -> str:
    """The value an input is rendered with."""
    tag = re.search(rf'<input[^>]*id="{field}"[^>]*>', page).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


class SecondOffer:
    """Offers the next stage again, in its own words: registered last, it overrides."""

    @hookimpl
    def incuchain_referral_offers(self, next_stage):
        return [ReferralOffer(stage=next_stage, note_en="Ours")] if next_stage else []


def test_hook_incuchain_referral_offers(app, client, auth, world):
    graduate(client, auth, world["funded"])
    with app.app_context():
        (referral,) = db.session.scalars(select(Referral)).all()
        assert referral.stage == "accelerator"
        assert referral.startup_id == world["funded_startup"]
        assert "加速器" in referral.note_zh and "accelerator" in referral.note_en
        kinds = set(db.session.scalars(select(Notification.kind)))
        assert {"enrollment.graduated", "referral.opened"} <= kinds


class Listener:
    """Hears graduations; what it returns is ignored (an event offers nothing)."""

    def __init__(self):
        self.heard = []

    @hookimpl
    def incuchain_graduated(self, graduation, actor):
        with db.session.no_autoflush:
            referrals = db.session.scalars(select(Referral.stage)).all()
        self.heard.append((graduation.stage, actor.email, referrals))
        return ReferralOffer(stage="makerspace", note_en="ignored")


def test_hook_incuchain_graduated(app, client, auth, world):
    listener = Listener()
    app.extensions["incuchain"].pm.register(listener)
    graduate(client, auth, world["funded"])
    # Called once, after the graduation and its referrals were committed.
    assert listener.heard == [("incubator", "manager@alpha.cn", ["accelerator"])]
    with app.app_context():
        assert db.session.scalars(select(Referral.stage)).all() == ["accelerator"]


def test_a_later_plugin_overrides_the_offer_one_referral_per_stage(app, client, auth, world):
    app.extensions["incuchain"].pm.register(SecondOffer())
    graduate(client, auth, world["funded"])
    with app.app_context():
        (referral,) = db.session.scalars(select(Referral)).all()
        assert (referral.stage, referral.note_en) == ("accelerator", "Ours")


def test_the_end_of_the_chain_offers_no_referral(app, client, auth, factory, world):
    last = factory.enrollment(world["alpha"], factory.startup("末端科技"), "accelerator")
    auth.login("manager@alpha.cn")
    client.post(f"/enrollments/{last.id}/graduate", data={"override_reason": "done"})
    with app.app_context():
        assert db.session.scalars(select(Referral)).all() == []


def test_the_founder_follows_the_referral_to_any_carrier(app, client, auth, factory, world):
    factory.tenant("beta", stages=("accelerator",))
    factory.tenant("gamma", stages=("makerspace",))
    graduate(client, auth, world["funded"])
    auth.login("founder@alpha.cn")
    client.post("/language", data={"locale": "en"})
    startup_page = client.get(f"/startups/{world['funded_startup']}").get_data(as_text=True)
    assert "is invited to apply to Accelerator" in startup_page
    with app.app_context():
        referral_id = db.session.scalar(select(Referral.id))
    page = client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    alpha_link = f"/t/alpha/apply/accelerator?startup={world['funded_startup']}"
    beta_link = f"/t/beta/apply/accelerator?startup={world['funded_startup']}"
    assert alpha_link in page and beta_link in page and "/t/gamma/" not in page
    assert page.index(alpha_link) < page.index(beta_link)  # where it graduated comes first
    auth.logout()
    auth.login("plain@alpha.cn")
    assert client.get(f"/referrals/{referral_id}").status_code == 404


def test_hook_incuchain_intake_prefill(app, client, auth, factory, world):
    factory.tenant("beta", stages=("accelerator",))
    add_record(app, world["funded_startup"])
    graduate(client, auth, world["funded"])
    auth.login("founder@alpha.cn")
    page = client.get(f"/t/beta/apply/accelerator?startup={world['funded_startup']}")
    text = page.get_data(as_text=True)
    assert 'id="graduation-history"' in text
    assert value_of(text, "revenue_last_year") == "1250.5"
    assert value_of(text, "revenue_year_before") == "800"
    assert value_of(text, "employees") == "42"
    with app.app_context():
        serial = for_startup(world["funded_startup"])[0].certificate.serial
        startup = db.session.get(Startup, world["funded_startup"])
        incubator = hooks.intake_prefill(
            "incubator",
            tenant_ref(db.session.scalar(select(Tenant))),
            one_startup(startup),
            facts(for_startup(startup.id)),
        )
    assert f"证书编号{serial}" in value_of(text, "graduated_from")
    assert incubator["tech_staff"] == ["12"] and incubator["rd_expense"] == ["96"]
    assert incubator["ip_summary"] == ["Ⅰ类知识产权1件（已授权1件）；Ⅱ类知识产权1件（已授权1件）。"]
    assert incubator["financing_plan"][0].startswith("已获融资1轮，累计650万元")


def test_another_carrier_sees_the_history_only_after_the_founder_applies(
    app, client, auth, factory, world
):
    beta = factory.tenant("beta", stages=("accelerator",))
    factory.member(beta, "manager@beta.cn", Role.MANAGER)
    factory.member(beta, "reviewer@beta.cn", Role.REVIEWER)
    gamma = factory.tenant("gamma", stages=("accelerator",))
    factory.member(gamma, "manager@gamma.cn", Role.MANAGER)
    graduate(client, auth, world["funded"])
    startup_id, enrollment_id = world["funded_startup"], world["funded"]

    auth.login("manager@beta.cn")
    assert client.get(f"/t/beta/startups/{startup_id}").status_code == 404
    assert client.get(f"/enrollments/{enrollment_id}").status_code == 404
    auth.logout()

    with app.app_context():  # the founder submits an application to beta
        application = Application(
            startup_id=startup_id, tenant_id=beta.id, stage="accelerator", status="submitted"
        )
        db.session.add(application)
        db.session.commit()
        link_carriers()
        application_id = application.id
    auth.login("reviewer@beta.cn")  # not assigned yet: nothing of the startup
    assert client.get(f"/enrollments/{enrollment_id}").status_code == 404
    auth.logout()
    with app.app_context():
        reviewer = db.session.scalar(select(User).where(User.email == "reviewer@beta.cn"))
        db.session.add(Review(application_id=application_id, reviewer_id=reviewer.id))
        db.session.commit()

    for email in ("manager@beta.cn", "reviewer@beta.cn"):
        auth.login(email)
        client.post("/language", data={"locale": "en"})
        if email.startswith("manager"):  # reviewers see only applications assigned to them
            detail = client.get(f"/t/beta/applications/{application_id}").get_data(as_text=True)
            assert 'id="earlier-stages"' in detail and "ALPHA-" in detail
        history = client.get(f"/enrollments/{enrollment_id}")
        assert history.status_code == 200, email
        page = history.get_data(as_text=True)
        assert 'id="graduation-record"' in page
        assert 'id="graduate-form"' not in page and "/revoke" not in page
        assert 'id="certificate-download"' not in page
        auth.logout()

    auth.login("manager@gamma.cn")
    assert client.get(f"/enrollments/{enrollment_id}").status_code == 404
