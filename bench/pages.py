"""p50/p95 of the carrier's pages, its exports and a 10,000-row import, at scale.

Seeds the ``scale`` carrier (``bench/seed_scale.py``: 10,000 startups and
100,000 milestones) into ``DATABASE_URL`` or a temp SQLite file unless it is
there, then times requests through Flask's test client (no network, one
process: the numbers are the application's and the database's time):

- the carrier's stage list, a startup list, a startup page, the dashboard
  and the early-warning list (20 runs each);
- the full startup list as CSV and XLSX, and the statistics record (3 runs);
- the dry run and the commit of a 10,000-row XLSX import (once).

    .venv/bin/python bench/pages.py [--runs 20] [--import-rows 10000]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook
from sqlalchemy import func, select

from bench.seed_scale import (
    MANAGER,
    PASSWORD,
    SLUG,
    credit_code,
    database_url,
    scale_app,
    seed_carrier,
)
from core.extensions import db
from core.imports.columns import COLUMNS
from core.plugins import incuchain
from core.registry.models import Startup

#: Import rows are numbered from here, far from the seeded startups' codes.
IMPORT_OFFSET = 500_000_000


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(client, url: str, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def report(name: str, samples: list[float]) -> None:
    print(
        f"| {name} | {len(samples)} | {percentile(samples, 50):.0f} | "
        f"{percentile(samples, 95):.0f} |"
    )


def import_file(rows: int, first: int) -> bytes:
    """An XLSX of ``rows`` new startups numbered from ``first``, with a year of figures each."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([c.header("zh") for c in COLUMNS])
    keys = [c.key for c in COLUMNS]
    for n in range(first, first + rows):
        values = {
            "name_zh": f"导入测试企业{n}",
            "kind": "企业",
            "credit_code": credit_code(n),
            "tech_field": "新材料",
            "founded_on": "2022-03-01",
            "year": 2025,
            "revenue": n % 900,
            "employees": 20,
            "tech_staff": 5,
        }
        sheet.append([values.get(k) for k in keys])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--import-rows", type=int, default=10_000)
    args = parser.parse_args(argv)
    url = database_url()
    app = scale_app(url)
    seed_carrier(app, 10_000, 100_000)
    with app.app_context():
        stage = next(iter(incuchain().stages.keys()))
        startup_id = db.session.scalar(select(func.min(Startup.id)))
        total = db.session.scalar(select(func.count(Startup.id)))
    client = app.test_client()
    response = client.post("/login", data={"email": MANAGER, "password": PASSWORD})
    assert response.status_code == 302, "log-in failed"
    print(f"{total} startups; database {url.split(':')[0]}")
    print("| page | runs | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |")
    pages = {
        "stage list (page 1)": f"/t/{SLUG}/stages/{stage}",
        "startup list (page 1)": f"/t/{SLUG}/startups",
        "startup list, filtered and sorted": f"/t/{SLUG}/startups?q=01&sort=admitted",
        "startup page": f"/t/{SLUG}/startups/{startup_id}",
        "dashboard": f"/t/{SLUG}/dashboard",
        "early warnings (page 1)": f"/t/{SLUG}/warnings",
        "early warnings, overdue milestones, page 50": (
            f"/t/{SLUG}/warnings?kind=milestone.overdue&page=50"
        ),
    }
    for name, page in pages.items():
        client.get(page)  # warm caches and templates
        report(name, timed(client, page, args.runs))
    exports = {
        "export: all startups, CSV": f"/t/{SLUG}/startups/export.csv",
        "export: all startups, XLSX": f"/t/{SLUG}/startups/export.xlsx",
        "export: stage list, XLSX": f"/t/{SLUG}/stages/{stage}/export.xlsx",
        "statistics record check page": f"/t/{SLUG}/statistics?year=2025",
        "statistics record, XLSX": f"/t/{SLUG}/statistics/2025.xlsx",
    }
    for name, page in exports.items():
        report(name, timed(client, page, 3))
    if args.import_rows:
        # Numbered after what earlier runs imported, so that a re-run is new startups.
        data = import_file(args.import_rows, IMPORT_OFFSET + total)
        started = time.perf_counter()
        response = client.post(
            f"/t/{SLUG}/import",
            data={
                "file": (io.BytesIO(data), "import.xlsx"),
                "stage": stage,
                "admitted_on": "2025-01-01",
            },
        )
        checked = time.perf_counter() - started
        page = response.get_data(as_text=True)
        assert 'id="import-ready"' in page, page[:3000]
        token = page.split("/import/")[1].split('"')[0]
        started = time.perf_counter()
        response = client.post(f"/t/{SLUG}/import/{token}")
        committed = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        print(
            f"\nimport of {args.import_rows} rows: dry run {checked:.1f} s, "
            f"commit {committed:.1f} s, total {checked + committed:.1f} s"
        )


if __name__ == "__main__":
    main()
