"""The issue's journey in the browser, from application to a verified milestone.

A founder applies to the incubator, two reviewers score, the manager admits,
the founder completes a milestone with evidence, the manager verifies it.

The founder uses a phone-sized browser (the navigation is behind the menu
button there); the carrier's staff use desktop ones. Everyone switches the
interface to English. Fields are found by their ``name``; messages are
compared with what the catalog gives in English, so the test does not depend
on the Chinese translation.

Set ``INCUCHAIN_E2E_SHOTS`` to a folder to keep full-page screenshots of the
intake form, the manager's review page and the enrollment page.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import Page, expect
from sqlalchemy import select

from core.applications.models import Application
from core.auth import operations as accounts
from core.enrollments.models import Enrollment, Evidence, Milestone
from core.extensions import db
from core.registry.models import Startup
from core.tenancy.models import Role
from core.timeutil import local_today
from plugins.incubator.rubric import RUBRIC
from plugins.incubator.rules import INTAKE_RULES
from tests.conftest import PASSWORD, Factory
from tests.mailbox import links, outbox, path_of

STAGES = ("makerspace", "incubator", "accelerator")
MANAGER = "manager@pds.example.cn"
REVIEWERS = {
    "reviewer.a@pds.example.cn": "赵评审",
    "reviewer.b@pds.example.cn": "钱评审",
}
FOUNDER_EMAIL = "lin@qinghe.example.cn"
FOUNDER_NAME = "林青禾"
STARTUP_ZH = "青禾智能科技有限公司"
STARTUP_EN = "Qinghe Intelligent Technology"
#: A valid unified social credit code (GB 32100 check character).
CREDIT_CODE = "91350100M000100Y43"
MAIN_BUSINESS = "Machine-vision inspection of tea leaves for small processing plants."
#: Each reviewer's 0–10 scores by rubric key, and the weighted total on 0–100.
SCORES = {
    "reviewer.a@pds.example.cn": (
        {"technology": 8, "team": 7, "market": 6, "business_model": 7, "carrier_fit": 9},
        "74.00",
        "Strong prototype; the market needs more evidence.",
    ),
    "reviewer.b@pds.example.cn": (
        {"technology": 6, "team": 8, "market": 7, "business_model": 5, "carrier_fit": 8},
        "67.50",
        "Good team; the pricing is still vague.",
    ),
}
MEAN = "70.75"
REASON = "Both reviewers support admission; sign the residency agreement within three months."
FIRST_MILESTONE = "agreement_and_registration"
MILESTONE_NOTES = "Residency agreement signed; registered address moved on the 3rd."
EVIDENCE_NAME = "入驻协议-signed.pdf"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
#: A phone: the founders update their milestones from one (docs/milestones.md).
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def english(app, message: str, **variables) -> str:
    with app.test_request_context(), force_locale("en"):
        return gettext(message, **variables)


def shot(page: Page, name: str) -> None:
    """A full-page screenshot, when ``INCUCHAIN_E2E_SHOTS`` names a folder."""
    folder = os.environ.get("INCUCHAIN_E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def path_is(live_server, path: str) -> re.Pattern:
    """The live server's ``path`` (a regular expression), with nothing after it."""
    return re.compile(re.escape(live_server.url) + path + "$")


@pytest.fixture
def carrier(live_server):
    factory = Factory(live_server.app)
    tenant = factory.tenant("pds", stages=STAGES)
    factory.member(tenant, MANAGER, Role.MANAGER, name="李经理")
    for email, name in REVIEWERS.items():
        factory.member(tenant, email, Role.REVIEWER, name=name)
    return tenant


def reviewer_ids(app) -> dict[str, int]:
    with app.app_context():
        return {email: accounts.find_user(email).id for email in REVIEWERS}


def open_menu(page: Page) -> None:
    """On a narrow screen, open the collapsed navigation first."""
    toggler = page.locator("nav .navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        expect(page.locator("#main-nav.show")).to_be_visible()


def to_english(page: Page) -> None:
    open_menu(page)
    page.locator("#language-switch button[name=locale][value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def confirm(page: Page, question: str | None = None) -> None:
    """Answer yes in the dialog static/confirm.js opens before an irreversible action."""
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    if question is not None:
        expect(dialog.locator("#confirm-message")).to_have_text(question)
    dialog.locator("#confirm-yes").click()


def log_in(page: Page, live_server, email: str) -> None:
    page.goto("/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main input[type=submit]").click()
    page.wait_for_url(path_is(live_server, "/"))


def open_application(page: Page, live_server) -> None:
    """From the home page, the carrier's Applications, then this startup's application."""
    page.locator("#my-carriers a[href='/t/pds/']").click()
    page.wait_for_url(path_is(live_server, "/t/pds/"))
    page.locator("main a[href='/t/pds/applications']").click()
    page.wait_for_url(path_is(live_server, "/t/pds/applications"))
    page.locator("#applications tbody tr", has_text=STARTUP_EN).locator("a").click()
    page.wait_for_url(re.compile(r"/t/pds/applications/\d+$"))


def test_apply_review_admit_and_verify_a_milestone(new_page, live_server, carrier, tmp_path):
    app = live_server.app
    today = local_today()

    # --- The founder, on a phone, finds the incubator and applies. --------------------
    founder = new_page(**PHONE)
    founder.goto("/stages/incubator")
    to_english(founder)
    expect(founder).to_have_url(path_is(live_server, "/stages/incubator"))
    offer = founder.locator("#stage-carriers li", has_text="pds carrier")
    offer.locator("a[href='/t/pds/apply/incubator']").click()

    # Not signed in: the log-in page, whose sign-up link keeps the way back.
    founder.wait_for_url(re.compile(r"/login\?next="))
    founder.locator("main a[href^='/signup']").click()
    founder.wait_for_url(re.compile(r"/signup\?next="))
    founder.locator("input[name=name]").fill(FOUNDER_NAME)
    founder.locator("input[name=email]").fill(FOUNDER_EMAIL)
    founder.locator("input[name=password]").fill(PASSWORD)
    founder.locator("input[name=confirm]").fill(PASSWORD)
    founder.locator("input[name=consent]").check()
    founder.locator("main input[type=submit]").click()

    # The address is confirmed from the mailed link, which leads back on the way.
    expect(founder.locator("#check-inbox")).to_be_visible()
    [message] = outbox(app)
    assert message["To"] == FOUNDER_EMAIL.lower()
    founder.goto(path_of(links(message)[0]))
    founder.locator("input[name=password]").fill(PASSWORD)
    founder.locator("main input[type=submit]").click()

    # No startup yet: describe it first, then come back to the application.
    founder.wait_for_url(re.compile(r"/startups/new\?next="))
    expect(founder.locator("html")).to_have_attribute("lang", "en")
    expect(founder.locator("main .alert-info")).to_have_text(
        english(app, "First describe your startup; then you can apply.")
    )
    founder.locator("input[name=name_zh]").fill(STARTUP_ZH)
    founder.locator("input[name=name_en]").fill(STARTUP_EN)
    founder.locator("select[name=kind]").select_option("company")
    # Typed with spaces and in lower case, as from a photo of the licence.
    founder.locator("input[name=credit_code]").fill("9135 0100 m000 100y43")
    founder.locator("input[name=founded_on]").fill((today - timedelta(days=300)).isoformat())
    founder.locator("select[name=tech_field]").select_option("electronic_information")
    founder.locator("input[name=address]").fill("福州市鼓楼区软件大道89号")
    founder.locator("input[name=contact_name]").fill(FOUNDER_NAME)
    founder.locator("input[name=contact_phone]").fill("138 0000 0000")
    founder.locator("input[name=contact_email]").fill(FOUNDER_EMAIL)
    founder.locator("textarea[name=description]").fill(MAIN_BUSINESS)
    founder.locator("main input[type=submit]").click()

    founder.wait_for_url(path_is(live_server, r"/t/pds/apply/incubator\??"))
    expect(founder.locator("main .alert-success")).to_have_text(
        english(app, "The startup profile has been created.")
    )
    with app.app_context():
        startup = db.session.scalar(select(Startup).where(Startup.name_zh == STARTUP_ZH))
        assert startup.credit_code == CREDIT_CODE
        startup_id = startup.id
    intake = founder.locator("#intake-form")
    expect(founder.locator("main h1")).to_contain_text("pds carrier")
    expect(founder.locator("main")).to_contain_text(STARTUP_EN)

    # A first draft, without the on-site commitment, survives a reload.
    answers = {
        "employees": "12",
        "tech_staff": "7",
        "revenue": "150.5",
        "rd_expense": "42",
        "total_assets": "320",
        "space_needed": "120",
    }
    intake.locator("textarea[name=main_business]").fill(MAIN_BUSINESS)
    for name, value in answers.items():
        intake.locator(f"input[name={name}]").fill(value)
    intake.locator("textarea[name=ip_summary]").fill("2 software copyrights; 1 invention filed.")
    intake.locator("textarea[name=financing_plan]").fill("Angel round of 300万元 in 2026.")
    intake.locator("button[name=action][value=draft]").click()
    here = path_is(live_server, rf"/t/pds/apply/incubator\?startup={startup_id}")
    founder.wait_for_url(here)
    expect(founder.locator("main .alert-success")).to_have_text(
        english(app, "Your draft has been saved.")
    )
    founder.reload()
    expect(founder.locator("main .alert")).to_have_count(0)
    expect(intake.locator("textarea[name=main_business]")).to_have_value(MAIN_BUSINESS)
    for name, value in answers.items():
        expect(intake.locator(f"input[name={name}]")).to_have_value(value)
    expect(intake.locator("input[name=on_site]")).not_to_be_checked()

    # Submitting without the commitment is blocked by that hard condition alone.
    intake.locator("button[name=action][value=submit]").click()
    expect(founder.locator("main .alert-danger")).to_have_text(
        english(app, "The application cannot be submitted yet: see the conditions below.")
    )
    results = founder.locator("#rule-results li")
    expect(results).to_have_count(len(INTAKE_RULES))
    expect(founder.locator("#rule-results li.rule-fail")).to_have_count(1)
    expect(founder.locator("#rule-results li.rule-fail")).to_contain_text(
        next(r.label_en for r in INTAKE_RULES if r.code == "on_site")
    )
    expect(founder.locator("#rule-results li.rule-warn")).to_have_count(0)
    expect(intake.locator("input[name=employees]")).to_have_value("12")
    shot(founder, "1-intake-form-with-rule-results")

    intake.locator("input[name=on_site]").check()
    intake.locator("button[name=action][value=submit]").click()
    founder.wait_for_url(re.compile(r"/applications/\d+$"))
    expect(founder.locator("main .alert-success")).to_have_text(
        english(app, "Your application has been submitted.")
    )
    expect(founder.locator("#application-status")).to_have_text(english(app, "Under review"))
    expect(founder.locator("#rule-results li.rule-pass")).to_have_count(len(INTAKE_RULES))
    expect(founder.locator("#answers")).to_contain_text(MAIN_BUSINESS)
    application_path = founder.url.removeprefix(live_server.url)

    # --- The manager assigns both reviewers. ------------------------------------------
    manager = new_page()
    log_in(manager, live_server, MANAGER)
    to_english(manager)
    expect(manager.locator("#unread-count")).to_have_text("1")
    open_application(manager, live_server)
    review_url = manager.url
    expect(manager.locator("#application-status")).to_have_text(english(app, "Under review"))
    ids = reviewer_ids(app)
    for email in REVIEWERS:
        manager.locator(f"#assign-form input[name=reviewers][value='{ids[email]}']").check()
    manager.locator("#assign-form input[type=submit]").click()
    expect(manager.locator("main .alert-success")).to_have_text(
        english(app, "The reviewers have been saved.")
    )
    score_rows = manager.locator("#scores tbody tr")
    expect(score_rows).to_have_count(len(REVIEWERS))
    for email in REVIEWERS:
        expect(manager.locator(f"#assign-form input[value='{ids[email]}']")).to_be_checked()

    # --- Each reviewer scores every criterion and comments. ---------------------------
    for email, (scores, total, comment) in SCORES.items():
        reviewer = new_page()
        log_in(reviewer, live_server, email)
        to_english(reviewer)
        open_application(reviewer, live_server)
        expect(reviewer.locator("#assign-form")).to_have_count(0)
        expect(reviewer.locator("#decision-form")).to_have_count(0)
        form = reviewer.locator("#score-form")
        assert [c.key for c in RUBRIC] == list(scores)
        form.locator("input[name=no_conflict]").check()
        for key, value in scores.items():
            form.locator(f"input[name=score_{key}]").fill(str(value))
        form.locator("textarea[name=comment]").fill(comment)
        form.locator("input[type=submit]").click()
        expect(reviewer.locator("main .alert-success")).to_have_text(
            english(app, "Your scores have been saved.")
        )
        mine = reviewer.locator("#scores tbody tr", has_text=REVIEWERS[email])
        expect(mine.locator("td").last).to_have_text(total)
        expect(form.locator("input[name=score_technology]")).to_have_value(
            str(scores["technology"])
        )

    # --- The manager sees both totals and the mean, and admits. -----------------------
    manager.reload()
    for email, (_scores, total, comment) in SCORES.items():
        row = manager.locator("#scores tbody tr", has_text=REVIEWERS[email])
        expect(row.locator("td").last).to_have_text(total)
        expect(manager.locator("#scores")).to_contain_text(comment)
    expect(manager.locator("#score-summary dd").first).to_have_text(MEAN)
    shot(manager, "2-manager-review-page")

    decision = manager.locator("#decision-form")
    decision.locator("input[name=decision][value=admit]").check()
    decision.locator("input[name=admitted_on]").fill(today.isoformat())
    decision.locator("textarea[name=reason]").fill(REASON)
    decision.locator("input[type=submit]").click()
    confirm(manager)
    expect(manager.locator("main .alert-success")).to_have_text(
        english(app, "The startup has been admitted.")
    )
    expect(manager).to_have_url(review_url)
    expect(manager.locator("#application-status")).to_have_text(english(app, "Admitted"))
    expect(manager.locator("#decision-reason")).to_have_text(REASON)
    expect(manager.locator("#decision-form")).to_have_count(0)
    expect(manager.locator("#assign-form")).to_have_count(0)

    # --- The founder hears of it and works on the first milestone. --------------------
    founder.goto("/")
    expect(founder.locator("#unread-count")).to_have_text("1")
    open_menu(founder)
    founder.locator("#notifications-link").click()
    founder.wait_for_url(path_is(live_server, "/notifications"))
    news = founder.locator("#notifications li").first
    expect(news).to_contain_text(STARTUP_EN)
    expect(news).to_contain_text(REASON)
    news.locator("a").click()
    founder.wait_for_url(path_is(live_server, application_path))
    expect(founder.locator("#application-status")).to_have_text(english(app, "Admitted"))
    expect(founder.locator("#decision-reason")).to_have_text(REASON)

    founder.locator("nav .navbar-brand").click()
    founder.wait_for_url(path_is(live_server, "/"))
    expect(founder.locator("#my-enrollments tbody tr")).to_have_count(1)
    expect(founder.locator("#my-enrollments tbody tr")).to_contain_text(STARTUP_EN)
    with app.app_context():
        milestone = db.session.scalar(
            select(Milestone)
            .join(Milestone.enrollment)
            .where(Enrollment.startup_id == startup_id, Milestone.key == FIRST_MILESTONE)
        )
        milestone_id, enrollment_id = milestone.id, milestone.enrollment_id
        milestone_title = milestone.title_en
    due = founder.locator("#due-milestones li").first
    expect(due).to_have_attribute("data-milestone", str(milestone_id))
    due.locator("a").click()
    founder.wait_for_url(
        path_is(live_server, rf"/enrollments/{enrollment_id}#milestone-{milestone_id}")
    )
    card = founder.locator(f"#milestone-{milestone_id}")
    expect(card).to_have_attribute("data-key", FIRST_MILESTONE)
    expect(card.locator(".card-header")).to_contain_text(milestone_title)
    expect(card.locator(".card-header [data-status=open]")).to_be_visible()

    evidence = tmp_path / EVIDENCE_NAME
    evidence.write_bytes(PDF)
    # The form is folded; one form takes the file and the fields, saved together.
    update = card.locator("form.milestone-update")
    expect(update).to_be_hidden()
    card.locator(".milestone-toggle").click()
    expect(update).to_be_visible()
    update.locator("input[name=files]").set_input_files(evidence)
    update.locator("select[name=status]").select_option("submitted")
    update.locator("input[name=progress]").fill("100")
    update.locator("textarea[name=notes]").fill(MILESTONE_NOTES)
    update.locator("button[type=submit]").click()
    founder.wait_for_url(
        path_is(
            live_server,
            rf"/enrollments/{enrollment_id}\?focus={milestone_id}#milestone-{milestone_id}",
        )
    )
    # The confirmation is in the card, on screen, not at the top of the page.
    saved = card.locator(".alert-success")
    expect(saved).to_have_text(
        english(app, "The milestone has been updated and %(num)d file attached.", num=1)
    )
    expect(saved).to_be_in_viewport()
    expect(card.locator(".card-header [data-status=submitted]")).to_be_visible()
    expect(card.locator(".milestone-notes")).to_have_text(MILESTONE_NOTES)
    expect(card.locator(".evidence-list li")).to_have_count(1)
    expect(card.locator(".evidence-list a")).to_have_text(EVIDENCE_NAME)
    shot(founder, "3-enrollment-page-founder-phone")

    # --- The manager is told, opens the milestone and verifies it. --------------------
    manager.goto("/notifications")
    manager.locator(f"#notifications a[href$='#milestone-{milestone_id}']").click()
    manager.wait_for_url(
        path_is(live_server, rf"/enrollments/{enrollment_id}#milestone-{milestone_id}")
    )
    staff_card = manager.locator(f"#milestone-{milestone_id}")
    expect(staff_card.locator(".card-header [data-status=submitted]")).to_be_visible()
    expect(staff_card.locator(".evidence-list a")).to_have_text(EVIDENCE_NAME)
    expect(staff_card.locator("form.milestone-update")).to_have_count(0)
    review = staff_card.locator("form.milestone-review")
    expect(review).to_be_visible()
    review.locator("textarea[name=comment]").fill("Agreement and licence checked on site.")
    review.locator("button:not([formaction])").click()
    expect(manager.locator("main .alert-success")).to_have_text(
        english(app, "The milestone has been verified.")
    )
    expect(staff_card.locator(".card-header [data-status=verified]")).to_be_visible()
    # Only sending back (to undo a mistaken verification) is left.
    expect(review.locator("button:not([formaction])")).to_have_count(0)
    expect(review.locator("button[formaction$='/return']")).to_have_count(1)
    shot(manager, "4-enrollment-page-manager-verified")

    # --- The founder sees it verified and can no longer change it. --------------------
    founder.reload()
    expect(card.locator(".card-header [data-status=verified]")).to_be_visible()
    expect(card.locator("form.milestone-update")).to_have_count(0)
    expect(card.locator(".milestone-toggle")).to_have_count(0)
    expect(card.locator(".evidence-list a")).to_have_text(EVIDENCE_NAME)

    with app.app_context():
        application = db.session.scalar(
            select(Application).where(Application.startup_id == startup_id)
        )
        assert application.status == "admitted"
        assert application.decision_reason == REASON
        enrollment = db.session.get(Enrollment, enrollment_id)
        assert (enrollment.status, enrollment.admitted_on) == ("active", today)
        milestone = db.session.get(Milestone, milestone_id)
        assert (milestone.status, milestone.progress) == ("verified", 100)
        assert milestone.verified_by_id is not None and milestone.verified_at is not None
        stored = db.session.scalars(select(Evidence).where(Evidence.milestone_id == milestone_id))
        (item,) = stored.all()
        assert (item.original_name, item.content_type, item.size) == (
            EVIDENCE_NAME,
            "application/pdf",
            len(PDF),
        )
        assert (Path(app.config["UPLOAD_DIR"]) / "evidence" / item.stored_name).read_bytes() == PDF
