"""The daily work made smooth, in the browser, on a desktop (1366×900) and on a phone (390×844).

Irreversible actions ask first (static/confirm.js): Cancel sends nothing, the
question names what is still missing; long actions show that they are under
way (static/busy.js).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask_babel import force_locale, ngettext
from playwright.sync_api import expect
from sqlalchemy import select

from core.applications.models import Application, Review
from core.auth.models import User
from core.extensions import db
from core.tenancy.models import Role
from core.timeutil import utcnow
from tests.conftest import Factory, assign_reviewer
from tests.e2e.test_workflow_journey import PHONE, confirm, english, log_in, path_is, to_english
from tests.stages.test_graduation_service import fund

MANAGER = "manager@pds.example.cn"
REVIEWER_A = "reviewer.a@pds.example.cn"
REVIEWER_B = "reviewer.b@pds.example.cn"
STARTUP_ZH = "鹰城新材料科技有限公司"
STARTUP_EN = "Yingcheng New Materials"
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture
def carrier(live_server):
    factory = Factory(live_server.app)
    tenant = factory.tenant("pds", stages=("incubator", "accelerator"), prefix="PDS")
    factory.member(tenant, MANAGER, Role.MANAGER, name="李经理")
    factory.member(tenant, REVIEWER_A, Role.REVIEWER, name="赵评审")
    factory.member(tenant, REVIEWER_B, Role.REVIEWER, name="钱评审")
    return factory, tenant


def half_reviewed(app, tenant, startup) -> int:
    """A submitted application with two reviewers assigned, only the first of whom scored."""
    application_id = assign_reviewer(app, tenant.id, startup.id, REVIEWER_A, stage="incubator")
    with app.app_context():
        application = db.session.get(Application, application_id)
        application.submitted_at = utcnow()
        application.reviews[0].total = 70
        application.reviews[0].submitted_at = utcnow()
        second = db.session.scalar(select(User).where(User.email == REVIEWER_B))
        application.reviews.append(Review(reviewer_id=second.id))
        db.session.commit()
    return application_id


@SIZES
def test_rejecting_with_a_review_missing_asks_first_and_cancel_sends_nothing(
    new_page, live_server, carrier, size
):
    app = live_server.app
    factory, tenant = carrier
    startup = factory.startup(STARTUP_ZH, name_en=STARTUP_EN)
    application_id = half_reviewed(app, tenant, startup)
    page = new_page(**size)
    log_in(page, live_server, MANAGER)
    to_english(page)
    page.goto(f"/t/pds/applications/{application_id}")
    with app.test_request_context(), force_locale("en"):
        missing = ngettext(
            "%(num)d of %(assigned)d assigned reviewers has not given their scores yet.",
            "%(num)d of %(assigned)d assigned reviewers have not given their scores yet.",
            1,
            assigned=2,
        )
    expect(page.locator("#reviews-missing")).to_have_text(missing)

    form = page.locator("#decision-form")
    form.locator("input[name=decision][value=reject]").check()
    form.locator("textarea[name=reason]").fill("The market is not yet shown.")
    form.locator("input[type=submit]").click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#confirm-message")).to_contain_text(
        f"Reject the application of {STARTUP_EN}"
    )
    expect(dialog.locator("#confirm-detail")).to_have_text(missing)
    dialog.locator("#confirm-cancel").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#application-status")).to_have_text(english(app, "Under review"))
    with app.app_context():
        assert db.session.get(Application, application_id).status == "submitted"

    form.locator("input[type=submit]").click()
    expect(dialog.locator("#confirm-message")).to_contain_text("Reject")
    dialog.locator("#confirm-yes").click()
    expect(page.locator("main .alert-success")).to_have_text(
        english(app, "The application has been rejected.")
    )
    with app.app_context():
        assert db.session.get(Application, application_id).status == "rejected"


@SIZES
def test_graduating_asks_then_shows_that_it_is_under_way(new_page, live_server, carrier, size):
    app = live_server.app
    factory, tenant = carrier
    startup = factory.startup(STARTUP_ZH, name_en=STARTUP_EN)
    fund(app, startup.id, "650")
    enrollment = factory.enrollment(tenant, startup, "incubator", date(2024, 1, 1))
    page = new_page(**size)
    log_in(page, live_server, MANAGER)
    to_english(page)
    page.goto(f"/enrollments/{enrollment.id}")
    button = page.locator("#graduate-form input[type=submit]")
    button.click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog.locator("#confirm-message")).to_contain_text(f"Graduate {STARTUP_EN} from")
    expect(dialog.locator("#confirm-detail")).to_be_hidden()
    # Keep the page from leaving, so that the busy state can be seen.
    page.evaluate("document.addEventListener('submit', (event) => event.preventDefault())")
    dialog.locator("#confirm-yes").click()
    expect(button).to_have_value(english(app, "Graduating and issuing the certificate…"))
    expect(button).to_be_disabled()

    page.reload()
    button.click()
    confirm(page)
    page.wait_for_url(path_is(live_server, f"/enrollments/{enrollment.id}"))
    expect(page.locator("#graduation-record")).to_contain_text(re.compile("PDS"))


@SIZES
def test_a_new_founder_is_led_from_the_home_page_to_applying(new_page, live_server, carrier, size):
    app = live_server.app
    factory, _tenant = carrier
    factory.user("lin@qinghe.example.cn", "林青禾")
    page = new_page(**size)
    log_in(page, live_server, "lin@qinghe.example.cn")
    to_english(page)
    page.goto("/")
    # One tap away on a phone too, without opening the menu.
    expect(page.locator("nav a[href='/notifications']:visible")).to_have_count(1)
    expect(page.locator("nav a[href='/startups/']:visible")).to_have_count(
        1 if size is PHONE else 0
    )
    page.locator("#describe-startup").click()
    page.wait_for_url(path_is(live_server, "/startups/new"))
    page.locator("input[name=name_zh]").fill(STARTUP_ZH)
    page.locator("select[name=kind]").select_option("team")
    page.locator("input[name=founded_on]").fill("2024-03-01")
    page.locator("main input[type=submit]").click()
    page.wait_for_url(re.compile(r"/startups/\d+$"))
    page.locator("#apply-stages a[data-stage=incubator]").click()
    page.wait_for_url(re.compile(r"/stages/incubator\?startup=\d+$"))
    page.locator("#stage-carriers a", has_text=english(app, "Apply")).click()
    page.wait_for_url(re.compile(r"/t/pds/apply/incubator\?startup=\d+$"))
    page.goto("/")
    expect(page.locator("#next-steps [data-step]")).to_have_attribute("data-step", "apply")
