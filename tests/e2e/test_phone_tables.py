"""On a phone, tables become stacked cards: each value under its column's heading."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.security import world as seeded

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def log_in(page, email: str) -> None:
    page.goto("/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main input[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))


def test_a_table_is_stacked_cards_on_a_phone_and_a_table_on_a_desktop(live_server, new_page):
    app = live_server.app
    app.config["WTF_CSRF_ENABLED"] = False  # the world is built by posting forms
    seeded.build(app)
    app.config["WTF_CSRF_ENABLED"] = True
    violations = []
    phone = new_page(**PHONE)
    phone.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    log_in(phone, "manager@alpha.cn")
    phone.goto("/t/alpha/audit")
    cell = phone.locator("#audit-events tbody tr").first.locator("td").nth(2)
    expect(cell).to_have_attribute("data-label", "操作")
    assert cell.evaluate("c => getComputedStyle(c).display") == "block"
    assert cell.evaluate("c => getComputedStyle(c, '::before').content") == '"操作"'
    header = phone.locator("#audit-events thead")
    assert header.evaluate("h => h.getBoundingClientRect().height") <= 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # nothing pushes the page sideways
    assert violations == []

    desktop = new_page(viewport={"width": 1366, "height": 900})
    log_in(desktop, "manager@alpha.cn")
    desktop.goto("/t/alpha/audit")
    cell = desktop.locator("#audit-events tbody tr").first.locator("td").nth(2)
    assert cell.evaluate("c => getComputedStyle(c).display") == "table-cell"
