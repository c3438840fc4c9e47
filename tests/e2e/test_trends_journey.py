"""A manager reads the trend charts on a desktop and a phone, and saves one as an image."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.tenancy.models import Role
from core.timeutil import local_today
from tests.conftest import Factory
from tests.e2e.test_journeys import log_in, url
from tests.reports.support import Rows, trend_story

MANAGER = "manager@alpha.cn"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
CHARTS = ("stages", "figures", "funding", "ip", "cohorts")


@pytest.fixture
def story(live_server):
    factory = Factory(live_server.app)
    alpha = factory.tenant("alpha", stages=("makerspace", "incubator"))
    factory.member(alpha, MANAGER, Role.MANAGER, name="李经理")
    beta = factory.tenant("beta", stages=("incubator",))
    trend_story(live_server.app, Rows(live_server.app), alpha, beta)


def drawn(page, key: str) -> list[list]:
    """The values ECharts drew, series by series."""
    return page.evaluate(
        """key => echarts.getInstanceByDom(document.querySelector(`#trend-${key} .trend-canvas`))
            .getOption().series.map(s => s.data)""",
        key,
    )


def table(page, key: str) -> list[list[str]]:
    """The chart's data table as it reads, series by series (a column each)."""
    figure = page.locator(f"#trend-{key}")
    figure.locator("summary").click()
    rows = figure.locator("tbody tr")
    expect(rows.first).to_be_visible()
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    return [list(column) for column in zip(*cells, strict=True)]


def read(text: str) -> float | None:
    return None if text == "—" else float(text.replace(",", ""))


@pytest.mark.parametrize("size", SIZES)
def test_the_trend_charts_render_with_values_on_hover_and_their_tables(
    new_page, live_server, story, size
):
    page = new_page(viewport=SIZES[size])
    problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    log_in(page, MANAGER)
    page.wait_for_url(url(live_server, "/"))
    page.goto("/t/alpha/dashboard")

    width = SIZES[size]["width"]
    for key in CHARTS:
        svg = page.locator(f"#trend-{key}.trend-drawn .trend-canvas svg")
        expect(svg).to_have_count(1)
        svg.scroll_into_view_if_needed()
        box = svg.bounding_box()
        assert 200 < box["width"] <= width and box["x"] >= 0, (key, box)
        assert [[read(t) for t in column] for column in table(page, key)] == drawn(page, key)

    # Hovering the chart shows the year's values.
    year = str(local_today().year - 1)
    canvas = page.locator("#trend-stages .trend-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.62, box["y"] + box["height"] * 0.6)
    tooltip = page.locator("#trend-stages .trend-canvas div").filter(has_text=year)
    expect(tooltip.first).to_be_visible()
    expect(tooltip.first).to_contain_text("孵化器")
    expect(tooltip.first).to_contain_text("3")
    assert problems == []


def test_a_chart_is_saved_as_png_and_svg_with_its_title(page, live_server, story):
    log_in(page, MANAGER)
    page.wait_for_url(url(live_server, "/"))
    page.goto("/t/alpha/dashboard")
    figure = page.locator("#trend-funding.trend-drawn")
    expect(figure).to_be_visible()
    with page.expect_download() as saved:
        figure.locator("button[data-save=png]").click()
    assert saved.value.suggested_filename == "各类融资额.png"
    assert Path(saved.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as saved:
        figure.locator("button[data-save=svg]").click()
    assert saved.value.suggested_filename == "各类融资额.svg"
    image = Path(saved.value.path()).read_text(encoding="utf-8")
    assert image.startswith("<svg") and "各类融资额（万元）" in image
