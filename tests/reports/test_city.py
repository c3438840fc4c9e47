"""The city view: the platform admin's table of every carrier, its charts and its export."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.timeutil import local_today
from tests.reports.support import login, populate


@pytest.fixture
def admin(app, factory):
    factory.user("admin@city.cn", "City Admin", admin=True)
    return login(app, "admin@city.cn")


@pytest.fixture
def city(alpha, beta, rows):
    """Two carriers; startup B is at both. Figures are for 2025."""
    today = local_today()
    a = rows.startup("A企业")
    rows.enrollment(alpha, a, admitted_on=date(2024, 1, 1))
    rows.certification(a, "tech_sme", year=today.year)
    rows.certification(a, "high_tech", valid_until=today + timedelta(days=100))
    rows.certification(a, "specialized")
    rows.funding(a, date(2025, 3, 1), "100")
    rows.funding(a, date(2023, 6, 1), "50")  # another year
    rows.figures(a, 2025, Decimal("10"))

    b = rows.startup("B企业")
    rows.enrollment(alpha, b, stage="makerspace", admitted_on=date(2025, 6, 1))
    rows.enrollment(beta, b, stage="accelerator", admitted_on=date(2025, 1, 1))
    rows.certification(b, "tech_sme", year=today.year - 1)  # not renewed: not on the ladder
    rows.certification(b, "high_tech", valid_until=today - timedelta(days=1))  # expired
    rows.funding(b, date(2025, 5, 1), "30")  # before alpha admitted it; while at beta
    rows.figures(b, 2025, Decimal("5"))

    c = rows.startup("C企业")
    rows.enrollment(
        alpha,
        c,
        status="graduated",
        admitted_on=date(2022, 1, 1),
        ended_on=date(2025, 4, 30),
    )
    rows.certification(c, "high_tech", valid_until=today + timedelta(days=500))  # not active
    rows.funding(c, date(2025, 2, 1), "40")
    rows.funding(c, date(2025, 7, 1), "60")  # after it graduated
    rows.figures(c, 2025, Decimal("7"))

    d = rows.startup("D企业")
    rows.enrollment(beta, d, stage="accelerator", admitted_on=date(2023, 1, 1))
    rows.certification(d, "high_tech", issued_on=today - timedelta(days=365))


HEAD = [
    "Carrier",
    "Active: Makerspace",
    "Active: Incubator",
    "Active: Accelerator",
    "Active in total",
    "Tech-based SME (科技型中小企业)",
    "High-tech enterprise (高新技术企业)",
    "Innovative SME (创新型中小企业)",
    "Specialised and innovative SME (专精特新)",
    "Graduations in 2025",
    "Funding raised in 2025 (10k CNY)",
    "R&D spend in 2025 (10k CNY)",
]
EXPECTED = [
    # A 专精特新 enterprise counts as an 创新型中小企业 too (the vocabulary's ``implies``).
    ["alpha carrier", "1", "1", "0", "2", "1", "1", "1", "1", "1", "140.00", "22.00"],
    ["beta carrier", "0", "0", "2", "2", "0", "1", "0", "0", "0", "30.00", "5.00"],
    ["City total", "1", "1", "2", "4", "1", "2", "1", "1", "1", "170.00", "27.00"],
]


def exported_csv(admin, year=2025) -> list[list[str]]:
    response = admin.get(f"/admin/city/export.csv?year={year}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f"attachment; filename=city-{year}.csv"
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def test_only_the_platform_admin_sees_the_city(app, client, alpha):
    manager = login(app, "manager@alpha.cn")
    for path in ("/admin/city/", "/admin/city/export.csv", "/admin/city/export.xlsx"):
        assert manager.get(path).status_code == 404
        assert client.get(path).status_code == 302


def test_each_carrier_and_the_city_total(admin, city):
    assert exported_csv(admin) == [HEAD, *EXPECTED]


def test_the_city_total_is_the_sum_of_the_carriers(app, admin, alpha, beta):
    today = local_today()
    populate(app, alpha, 30, today)
    populate(app, beta, 17, today)
    head, *carriers, total = exported_csv(admin, today.year - 1)
    assert len(carriers) == 2
    for column in range(1, len(head)):
        assert Decimal(total[column]) == sum(Decimal(row[column]) for row in carriers), head[column]
    assert total[4] == str(24 + 13)  # the active ones: every fifth graduated


def test_the_page_shows_the_table_and_charts(admin, city):
    page = admin.get("/admin/city/?year=2025").get_data(as_text=True)
    for key in ("active", "ladder", "graduations", "funding"):
        assert f'id="chart-{key}"' in page
    assert 'data-label="alpha carrier" data-value="2"' in page
    assert 'href="/t/alpha/dashboard"' in page
    assert 'href="/t/beta/startups?stage=accelerator&amp;status=active">2</a>' in page
    assert "170.00" in page and "City total" in page


def test_the_xlsx_export_holds_the_same_table(admin, city):
    response = admin.get("/admin/city/export.xlsx?year=2025")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEAD
    assert values[-1][0] == "City total" and values[-1][-2:] == [170, 27]


def test_the_year_defaults_to_last_year_and_unknown_formats_are_404(admin, city):
    last_year = local_today().year - 1
    page = admin.get("/admin/city/?year=1850").get_data(as_text=True)
    assert f'name="year" value="{last_year}"' in page
    assert admin.get("/admin/city/export.pdf").status_code == 404


def test_the_city_speaks_chinese(app, admin, city):
    admin.post("/language", data={"locale": "zh_CN"})
    rows = list(
        csv.reader(
            io.StringIO(
                admin.get("/admin/city/export.csv?year=2025").get_data().decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:2] == ["载体", "在册：众创空间"]
    assert rows[-1][0] == "全市合计"


def test_the_city_makes_the_same_number_of_queries_for_10_and_1000_startups(
    app, admin, alpha, beta, count_queries
):
    today = local_today()
    populate(app, alpha, 5, today)
    populate(app, beta, 5, today)
    with count_queries() as few:
        assert admin.get("/admin/city/").status_code == 200
    populate(app, alpha, 495, today)
    populate(app, beta, 495, today)
    with count_queries() as many:
        assert admin.get("/admin/city/").status_code == 200
    assert many() == few()
