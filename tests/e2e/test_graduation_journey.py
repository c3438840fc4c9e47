"""The graduation journey in the browser: graduate, download the certificate, verify it.

The manager finds an eligible startup on the stage list, graduates it from
its enrollment page, downloads the certificate, and opens the verification
page, which accepts the downloaded file. A visitor without an account then
opens the same verification page.
"""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect
from sqlalchemy import select

from core.certificates.models import Certificate
from core.extensions import db
from core.tenancy.models import Role
from tests.conftest import Factory
from tests.e2e.test_workflow_journey import confirm, english, log_in, path_is, to_english
from tests.stages.test_graduation_service import fund

MANAGER = "manager@pds.example.cn"
STARTUP_ZH = "鹰城新材料科技有限公司"
STARTUP_EN = "Yingcheng New Materials"


def test_graduate_download_and_verify(new_page, live_server, tmp_path):
    app = live_server.app
    factory = Factory(app)
    tenant = factory.tenant("pds", stages=("incubator", "accelerator"), prefix="PDS")
    factory.member(tenant, MANAGER, Role.MANAGER, name="李经理")
    startup = factory.startup(STARTUP_ZH, name_en=STARTUP_EN)
    fund(app, startup.id, "650")
    enrollment = factory.enrollment(tenant, startup, "incubator", date(2024, 1, 1))

    page = new_page()
    log_in(page, live_server, MANAGER)
    to_english(page)
    page.goto("/t/pds/stages/incubator")
    row = page.locator("#enrollments tbody tr", has_text=STARTUP_EN)
    row.get_by_role("link", name=english(app, "Eligible")).click()
    page.wait_for_url(re.compile(rf"/enrollments/{enrollment.id}#graduation-check$"))
    page.locator("#graduate-form input[type=submit]").click()
    confirm(page)
    page.wait_for_url(path_is(live_server, f"/enrollments/{enrollment.id}"))
    with app.app_context():
        certificate = db.session.scalar(select(Certificate))
        serial, stored = certificate.serial, certificate.pdf
    expect(page.locator(".alert-success")).to_contain_text(serial)
    expect(page.locator("#graduation-record")).to_contain_text(serial)

    with page.expect_download() as download_info:
        page.locator("#certificate-download").click()
    download = download_info.value
    assert download.suggested_filename == f"{serial}.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes() == stored

    page.locator("#graduation-record a", has_text=english(app, "Verification page")).click()
    page.wait_for_url(re.compile(r"/verify/[0-9a-f]{16}$"))
    expect(page.locator("#verify-status")).to_have_attribute("data-status", "valid")
    expect(page.locator("#certificate-facts")).to_contain_text(STARTUP_ZH)
    page.locator("#check-form input[name=pdf]").set_input_files(str(saved))
    page.locator("#check-form input[type=submit]").click()
    expect(page.locator("#check-result")).to_have_attribute("data-match", "yes")
    verify_url = page.url

    visitor = new_page()
    visitor.goto(verify_url)
    expect(visitor.locator("#verify-status")).to_have_attribute("data-status", "valid")
    expect(visitor.locator("#certificate-facts")).to_contain_text(serial)
