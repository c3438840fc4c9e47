"""The evidence form says, before uploading, that the chosen files are too large (issue 13, item 9).

``static/upload-limits.js`` checks the files against the limits the form
carries (``data-max-file``, ``data-max-total``, ``data-max-count``, which
agree with ``MAX_CONTENT_LENGTH``) under the strict Content-Security-Policy;
nothing is sent, and the typed notes stay.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from tests.workflow.test_milestones import build_world


def test_too_large_files_are_refused_in_the_browser_before_uploading(page: Page, live_server):
    app = live_server.app
    app.config["MAX_CONTENT_LENGTH"] = 200_000  # files may take 131.3 KB together
    world = build_world(app)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    page.goto("/login")
    page.locator("input[name=email]").fill("founder@alpha.cn")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main input[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))
    page.goto(world.page)
    card = page.locator(f"#milestone-{world.first}")
    card.locator("button.milestone-toggle").click()
    notes = card.locator("textarea[name=notes]")
    notes.fill("样品已送检")
    files = card.locator("input[name=files]")
    files.set_input_files(
        [
            {"name": "a.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4" + b"0" * 90_000},
            {"name": "b.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4" + b"0" * 90_000},
        ]
    )
    feedback = card.locator(".upload-limit-feedback")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("131.3 KB")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else 0)
    card.locator("button[type=submit]").click()
    page.wait_for_timeout(300)
    assert posts == []
    expect(notes).to_have_value("样品已送检")
    # One file that fits is accepted by the script, and the form is sent.
    files.set_input_files(
        [{"name": "a.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4" + b"0" * 1000}]
    )
    expect(feedback).to_be_hidden()
    card.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{world.page}"))
    assert posts, "the form was not sent"
    assert violations == []
