"""A manager and a founder log in, switch the language, and see the stage navigation.

The interface starts in Chinese (zh_CN). Labels and messages are translated,
so the tests find fields by their ``name`` and compare messages with what the
catalog gives in the page's language.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import Page, expect

from core.auth.models import User
from core.enrollments.models import Enrollment
from core.extensions import db
from core.registry.models import Startup
from core.tenancy.models import Role, Tenant
from tests.conftest import PASSWORD, Factory, link_carriers
from tests.mailbox import links, outbox, path_of

STAGES = ("makerspace", "incubator", "accelerator")
STAGE_NAMES_ZH = ["众创空间", "孵化器", "加速器"]
STAGE_NAMES_EN = ["Makerspace", "Incubator", "Accelerator"]
MANAGER = "manager@pds.example.cn"
FOUNDER = "founder@pds.example.cn"


def translated(app, message: str, locale: str = "zh_CN", **variables) -> str:
    """``message`` as the application shows it in ``locale``."""
    with app.test_request_context(), force_locale(locale):
        return gettext(message, **variables)


def url(live_server, path: str = "/") -> str:
    return live_server.url + path


@pytest.fixture
def carrier(live_server):
    return Factory(live_server.app).tenant("pds", stages=STAGES)


@pytest.fixture
def manager(live_server, carrier):
    return Factory(live_server.app).member(carrier, MANAGER, Role.MANAGER, name="李经理")


@pytest.fixture
def founder(live_server, carrier):
    """A founder at the carrier whose startup is in its incubator."""
    user = Factory(live_server.app).member(carrier, FOUNDER, Role.FOUNDER, name="王创业")
    with live_server.app.app_context():
        startup = Startup(
            name_zh="清源生物",
            name_en="Qingyuan Bio",
            tech_field="biomedicine",
            founders=[db.session.get(User, user.id)],
        )
        db.session.add(startup)
        db.session.add(
            Enrollment(
                startup=startup,
                tenant=db.session.get(Tenant, carrier.id),
                stage="incubator",
                status="active",
                admitted_on=date(2026, 3, 1),
            )
        )
        db.session.commit()
        link_carriers()
    return user


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main input[type=submit]").click()


def switch_language(page: Page, expect_lang: str) -> None:
    page.locator("#language-switch button").click()
    expect(page.locator("html")).to_have_attribute("lang", expect_lang)


def expect_stage_nav(page: Page, names: list[str]) -> None:
    links = page.locator("#stage-nav a[data-stage]")
    expect(links).to_have_text(names)
    for index, key in enumerate(STAGES):
        expect(links.nth(index)).to_have_attribute("data-stage", key)
    for key, name in zip(STAGES, names, strict=True):
        expect(page.locator(f"#stage-nav a[data-stage={key}]")).to_have_text(name)


def test_manager_logs_in_switches_language_and_sees_the_stages(page, live_server, manager):
    log_in(page, MANAGER)
    page.wait_for_url(url(live_server, "/"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("#main-nav .navbar-text")).to_have_text("李经理")

    page.locator("#my-carriers a", has_text="pds载体").click()
    page.wait_for_url(url(live_server, "/t/pds/"))
    expect(page.locator("main h1")).to_have_text("pds载体")
    expect_stage_nav(page, STAGE_NAMES_ZH)
    expect(page.locator("#language-switch button")).to_have_text("English")

    switch_language(page, "en")
    expect(page).to_have_url(url(live_server, "/t/pds/"))
    expect_stage_nav(page, STAGE_NAMES_EN)
    expect(page.locator("main h1")).to_have_text("pds carrier")
    expect(page.locator("#language-switch button")).to_have_text("中文")

    page.locator("main a[href='/t/pds/members']").click()
    page.wait_for_url(url(live_server, "/t/pds/members"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#managers")).to_contain_text(MANAGER)
    expect(page.locator("#managers")).to_contain_text("李经理")
    expect(page.locator("#reviewers")).to_be_visible()
    expect(page.locator("main input[name=email]")).to_be_visible()
    expect_stage_nav(page, STAGE_NAMES_EN)

    page.locator("#main-nav form[action='/logout'] button").click()
    page.wait_for_url(url(live_server, "/login"))
    expect(page.locator("input[name=email]")).to_be_visible()
    expect(page.locator("input[name=password]")).to_be_visible()
    expect(page.locator("main .alert")).to_have_text(
        translated(live_server.app, "You have logged out.", "en")
    )
    expect(page.locator("#main-nav .navbar-text")).to_have_count(0)
    # The language choice survives logging out.
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_founder_sees_their_startup_and_the_stages_in_both_languages(
    page, live_server, carrier, founder
):
    log_in(page, FOUNDER)
    page.wait_for_url(url(live_server, "/"))
    expect(page.locator("#main-nav .navbar-text")).to_have_text("王创业")
    startup_row = page.locator("main table tbody tr")
    expect(startup_row).to_have_count(1)
    expect(startup_row.locator("td").nth(0)).to_have_text("清源生物")
    expect(startup_row.locator("td").nth(1)).to_have_text("pds载体")
    expect(startup_row.locator("td").nth(2)).to_have_text("孵化器")
    expect(startup_row.locator("td").nth(3)).to_have_text("2026-03-01")
    # Outside a carrier, the navigation lists every stage of the chain.
    expect_stage_nav(page, STAGE_NAMES_ZH)

    switch_language(page, "en")
    expect(page).to_have_url(url(live_server, "/"))
    expect(page.locator("#language-switch button")).to_have_text("中文")
    expect(startup_row.locator("td").nth(0)).to_have_text("Qingyuan Bio")
    expect(startup_row.locator("td").nth(1)).to_have_text("pds carrier")
    expect(startup_row.locator("td").nth(2)).to_have_text("Incubator")
    expect_stage_nav(page, STAGE_NAMES_EN)

    switch_language(page, "zh-CN")
    expect(page.locator("#language-switch button")).to_have_text("English")
    expect(startup_row.locator("td").nth(0)).to_have_text("清源生物")

    page.locator("#my-carriers a", has_text="pds载体").click()
    page.wait_for_url(url(live_server, "/t/pds/"))
    expect(page.locator("main h1")).to_have_text("pds载体")
    expect_stage_nav(page, STAGE_NAMES_ZH)
    # A founder manages nothing: no Members link on the carrier page.
    expect(page.locator("main a[href='/t/pds/members']")).to_have_count(0)

    page.locator("#stage-nav a[data-stage=incubator]").click()
    page.wait_for_url(url(live_server, "/t/pds/stages/incubator"))
    expect(page.locator("main")).to_contain_text("清源生物")


def test_visitor_signs_up_confirms_the_address_from_the_mail_and_is_logged_in(page, live_server):
    page.goto("/")
    page.locator("#main-nav a[href='/signup']").click()
    page.wait_for_url(url(live_server, "/signup"))
    page.locator("input[name=name]").fill("张新人")
    page.locator("input[name=email]").fill("Zhang@Example.CN")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=confirm]").fill(PASSWORD)
    page.locator("input[name=consent]").check()
    page.locator("main input[type=submit]").click()

    # Not logged in yet: the address must be confirmed from the message.
    expect(page.locator("#check-inbox h1")).to_have_text(
        translated(live_server.app, "Check your inbox")
    )
    expect(page.locator("#main-nav .navbar-text")).to_have_count(0)
    [message] = outbox(live_server.app)
    assert message["To"] == "zhang@example.cn"
    [link] = links(message)
    page.goto(path_of(link))
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main input[type=submit]").click()

    page.wait_for_url(url(live_server, "/"))
    expect(page.locator("#main-nav .navbar-text")).to_have_text("张新人")
    expect(page.locator("#main-nav form[action='/logout'] button")).to_be_visible()
    expect(page.locator("main .alert-success")).to_have_text(
        translated(
            live_server.app,
            "Your email address is confirmed. Welcome to IncuChain, %(name)s.",
            name="张新人",
        )
    )
    with live_server.app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "zhang@example.cn"))
        assert user is not None and not user.is_platform_admin and user.email_verified


def test_wrong_password_shows_the_error_by_the_field_and_keeps_the_email(
    page, live_server, manager
):
    log_in(page, MANAGER, password="not the password")

    password = page.locator("input[name=password]")
    expect(password).to_have_class(re.compile(r"\bis-invalid\b"))
    error = page.locator("input[name=password] ~ .invalid-feedback")
    expect(error).to_have_text(translated(live_server.app, "The email or password is not correct."))
    expect(error).to_be_visible()
    expect(page.locator("input[name=email]")).to_have_value(MANAGER)
    expect(password).to_have_value("")
    expect(page).to_have_url(url(live_server, "/login"))
    expect(page.locator("#main-nav .navbar-text")).to_have_count(0)
