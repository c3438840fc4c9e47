"""A manager imports startups from the Chinese template, then exports them and the statistics.

The journey runs with real CSRF protection: the dry run's commit button is a
form posted by the browser.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from bench.seed_scale import credit_code
from tests.e2e.test_journeys import MANAGER, carrier, log_in, manager, url  # noqa: F401


def filled_template(downloaded: Path, rows: list[list], target: Path) -> Path:
    workbook = load_workbook(downloaded)
    for row in rows:
        workbook.worksheets[0].append(row)
    workbook.save(target)
    return target


@pytest.mark.usefixtures("manager")
def test_manager_imports_from_the_template_and_exports_the_list(page, live_server, tmp_path):
    log_in(page, MANAGER)
    page.goto(url(live_server, "/t/pds/import"))
    with page.expect_download() as template:
        page.locator("#import-templates a").first.click()
    downloaded = tmp_path / "template.xlsx"
    template.value.save_as(downloaded)
    headers = [c.value for c in load_workbook(downloaded).worksheets[0][1]]
    assert headers[0] == "企业名称*"

    good = ["星火新材料有限公司", None, "企业", credit_code(7), "新材料", "2023-04-01"]
    bad = ["月光生物有限公司", None, "企业", "91410400000000100X", "生物医药", "2023-04-01"]
    page.locator("input[name=file]").set_input_files(
        str(filled_template(downloaded, [good, bad], tmp_path / "bad.xlsx"))
    )
    page.locator("select[name=stage]").select_option("incubator")
    page.locator("#import-form input[type=submit]").click()
    expect(page.locator("#import-refused")).to_be_visible()
    expect(page.locator("#import-problems tbody tr")).to_have_count(1)
    expect(page.locator("#import-problems tbody tr td").first).to_have_text("3")

    page.goto(url(live_server, "/t/pds/import"))
    page.locator("input[name=file]").set_input_files(
        str(filled_template(downloaded, [good], tmp_path / "good.xlsx"))
    )
    page.locator("select[name=stage]").select_option("incubator")
    page.locator("#import-form input[type=submit]").click()
    expect(page.locator("#import-ready")).to_be_visible()
    page.locator("#import-confirm button").click()
    page.wait_for_url(url(live_server, "/t/pds/startups"))
    expect(page.locator("main .alert-success")).to_contain_text("1")
    expect(page.locator("#startups tbody")).to_contain_text("星火新材料有限公司")

    # The download is made on the job queue: its page shows the file arriving.
    page.locator("#export-xlsx").click()
    expect(page.locator("#job-file")).to_be_visible()
    expect(page.locator("#job-bar")).to_have_text("100%")
    with page.expect_download() as export:
        page.locator("#job-file").click()
    rows = list(load_workbook(io.BytesIO(Path(export.value.path()).read_bytes())).active.values)
    assert [r[0] for r in rows[1:]] == ["星火新材料有限公司"]
    assert rows[1][3] == credit_code(7)

    page.goto(url(live_server, "/t/pds/statistics"))
    expect(page.locator("#statistics-download")).to_be_visible()
