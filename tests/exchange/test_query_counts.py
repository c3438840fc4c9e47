"""The carrier's pages and exports make as many queries for 1,000 startups as for 10."""

from __future__ import annotations

import re

import pytest

from bench.seed_scale import seed
from core.extensions import db
from tests.downloads import download

#: The URLs that ask for a download on the job queue.
DOWNLOAD = re.compile(r"/export\.|\.xlsx")

PAGES = [
    "/t/alpha/stages/incubator",
    "/t/alpha/startups",
    "/t/alpha/startups?q=规模&sort=admitted",
    "/t/alpha/startups/{startup}",
    "/t/alpha/startups/export.csv",
    "/t/alpha/startups/export.xlsx?field=new_materials",
    "/t/alpha/stages/incubator/export.csv",
    "/t/alpha/statistics?year=2024",
    "/t/alpha/statistics/2024.xlsx",
]


@pytest.fixture
def seeded(app, carriers):
    """Seeds more startups at ``alpha``; ``seeded(n)`` adds ``n`` with ten milestones each."""
    alpha, _beta = carriers
    state = {"count": 0, "first": None}

    def add(n: int) -> int:
        with app.app_context():
            ids = seed(alpha.id, "incubator", n, 10 * n, start=state["count"])
        state["count"] += n
        state["first"] = state["first"] or ids[0]
        return state["first"]

    return add


def queries(client, count_queries, url: str) -> int:
    """The queries of a page, or of a download with the job that makes it."""
    with count_queries() as counted:
        response = download(client, url) if DOWNLOAD.search(url) else client.get(url)
    assert response.status_code == 200, url
    return counted()


def test_pages_and_exports_make_the_same_number_of_queries_for_10_and_1000_startups(
    app, client, auth, seeded, count_queries
):
    first = seeded(10)
    auth.login("manager@alpha.cn")
    urls = [page.format(startup=first) for page in PAGES]
    few = {url: queries(client, count_queries, url) for url in urls}
    seeded(990)
    many = {url: queries(client, count_queries, url) for url in urls}
    assert many == few
    with app.app_context():
        assert db.session.execute(db.text("SELECT count(*) FROM startups")).scalar() == 1000
    # The export really holds every row, not a page.
    assert download(client, "/t/alpha/startups/export.csv").get_data().count(b"\n") == 1001
