"""On a phone: a manager sets up 2-step verification from the QR page, then logs in with a code.

The QR code is an image the server drew (no script runs, no CSP violation);
the code is computed from the key the page shows, as the person's app would.
"""

from __future__ import annotations

from datetime import timedelta

import pyotp
from playwright.sync_api import expect

from core.auth import operations as accounts
from core.extensions import db
from core.timeutil import utcnow
from tests.conftest import PASSWORD

EMAIL = "manager@example.cn"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def log_in(page):
    page.goto("/login")
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main input[type=submit]").click()


def test_a_manager_sets_up_two_step_on_a_phone_and_logs_in_with_a_code(live_server, new_page):
    live_server.app.config["MFA_REQUIRED_FOR"] = ("platform_admin", "manager")
    with live_server.app.app_context():
        accounts.create_user(EMAIL, "王经理", PASSWORD, verified=True, platform_admin=True)
        db.session.commit()
    page = new_page(**PHONE)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)

    log_in(page)
    expect(page).to_have_url(f"{live_server.url}/account/two-step")  # required: sent to set up
    page.locator("main input[type=submit]").click()
    qr = page.locator("#qr-code")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0
    secret = page.locator("#secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.locator("input[name=code]").fill(totp.now())
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main input[type=submit]").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.context.clear_cookies()  # a new visit: the session is gone

    log_in(page)
    expect(page).to_have_url(f"{live_server.url}/login/verify")
    page.locator("input[name=code]").fill(totp.at(utcnow() + timedelta(seconds=30)))
    page.locator("main input[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/")
    assert violations == []
