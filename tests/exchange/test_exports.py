"""Exports of the carrier's lists and the annual statistics record, read back cell by cell."""

from __future__ import annotations

import html
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from bench.seed_scale import credit_code
from core.enrollments.models import Enrollment
from core.extensions import db
from tests.downloads import download
from tests.exchange.conftest import add_figures, read_csv, read_xlsx


def english(client) -> None:
    client.post("/language", data={"locale": "en"})


LAST_YEAR = date.today().year - 1
STARTUP_HEADERS = [
    "Name (Chinese)",
    "Name (English)",
    "Team or company",
    "Credit code",
    "Technology field",
    "Founding date",
    "Here",
    "Latest admission",
    "Recognition ladder",
    f"Revenue {LAST_YEAR} (万元)",
    f"R&D expense {LAST_YEAR} (万元)",
    f"Employees {LAST_YEAR}",
    f"Tech staff {LAST_YEAR}",
]


def test_the_startup_list_as_csv_has_every_row_of_the_carrier_and_no_other(client, auth, startups):
    auth.login("manager@alpha.cn")
    english(client)
    response = download(client, "/t/alpha/startups/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == STARTUP_HEADERS
    assert [r[0] for r in rows[1:]] == ["丙创客团队", "乙生物医药有限公司", "甲材料科技有限公司"]
    assert "丁外地公司" not in response.get_data(as_text=True)
    first_company = next(r for r in rows if r[0] == "甲材料科技有限公司")
    assert first_company[:8] == [
        "甲材料科技有限公司",
        "",
        "Registered company",
        credit_code(0),
        "New materials",
        "2022-01-01",
        "Incubator · Active",
        "2023-03-01",
    ]
    assert first_company[8].startswith("Tech SME · ")  # the ladder, lowest rung first
    assert first_company[9:] == ["", "", "", ""]  # no figures for last year
    team = rows[1]
    assert team[2] == "Team (not registered)" and team[3] == ""
    assert team[6] == "Makerspace · Active"


def test_the_startup_list_adds_last_years_figures_and_the_ladder(app, client, auth, startups):
    """上年度 is the last calendar year: the figures of that year, not the latest on record."""
    first = startups["甲材料科技有限公司"]
    add_figures(app, first, LAST_YEAR, revenue=Decimal("1234.5"), employees=12, tech_staff=5)
    add_figures(app, first, LAST_YEAR + 1, revenue=Decimal("9999"), employees=99)
    auth.login("manager@alpha.cn")
    english(client)
    rows = read_xlsx(download(client, "/t/alpha/startups/export.xlsx"))
    row = next(r for r in rows if r[0] == "甲材料科技有限公司")
    assert row[9:] == [1234.5, None, 12, 5]
    ladder = row[8].split("; ")
    assert [rung.split(" · ")[0] for rung in ladder][:2] == ["Tech SME", "High-tech"]


def test_xlsx_sheets_open_readable(app, client, auth, startups):
    """Widths measured from the content (Chinese counted double), a frozen header, formats."""
    from openpyxl import load_workbook

    add_figures(app, startups["丙创客团队"], LAST_YEAR, revenue=Decimal("1234567.5"), employees=3)
    auth.login("manager@alpha.cn")
    english(client)
    response = download(client, "/t/alpha/startups/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet.freeze_panes == "A2"
    widths = {c: sheet.column_dimensions[c].width for c in "ABFJ"}
    # "乙生物医药有限公司": 9 Chinese characters, 18 widths; the header "Name (Chinese)" is 14.
    assert widths["A"] == 19
    assert widths["F"] == len("Founding date") + 2
    assert sheet["F2"].number_format == "yyyy-mm-dd"
    assert sheet["A2"].value == "丙创客团队"
    assert sheet["J1"].font.b and sheet["J2"].number_format == "#,##0.00"
    assert sheet["L2"].number_format == "#,##0" and sheet["L2"].value == 3
    assert widths["J"] == 15 + 4 + 2  # "Revenue 2025 (万元)": 万元 counts four, bold adds two


def test_the_startup_list_as_xlsx_matches_cell_by_cell(client, auth, startups):
    auth.login("manager@alpha.cn")
    english(client)
    response = download(client, "/t/alpha/startups/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    rows = read_xlsx(response)
    assert rows[0] == STARTUP_HEADERS
    assert len(rows) == 4
    second = rows[2]
    assert second[:5] == [
        "乙生物医药有限公司",
        None,
        "Registered company",
        credit_code(1),
        "Biomedicine",
    ]
    assert second[5] == datetime(2022, 1, 2)
    assert second[6] == "Incubator · Active"
    assert second[7] == datetime(2023, 3, 2)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("stage=makerspace", ["丙创客团队"]),
        ("q=乙", ["乙生物医药有限公司"]),
        ("field=new_materials", ["丙创客团队", "甲材料科技有限公司"]),
        ("sort=admitted", ["丙创客团队", "乙生物医药有限公司", "甲材料科技有限公司"]),
        ("status=graduated", []),
    ],
)
def test_the_export_keeps_the_lists_filters_and_order(client, auth, startups, query, names):
    auth.login("manager@alpha.cn")
    rows = read_csv(download(client, f"/t/alpha/startups/export.csv?{query}"))
    assert [r[0] for r in rows[1:]] == names


def test_the_list_links_to_its_export_with_the_current_filters(client, auth, startups):
    auth.login("manager@alpha.cn")
    page = client.get("/t/alpha/startups?stage=makerspace&q=丙").get_data(as_text=True)
    form = page[: page.index('id="export-xlsx"')]
    link = html.unescape(form[form.rindex('action="') :].split('"')[1])
    assert link.startswith("/t/alpha/startups/export.xlsx?")
    assert "stage=makerspace" in link and "q=" in link
    rows = read_xlsx(download(client, link))
    assert [r[0] for r in rows[1:]] == ["丙创客团队"]


def test_exports_answer_to_the_same_people_as_the_pages(client, auth, startups):
    auth.login("reviewer@alpha.cn")  # the roster is the managers'
    assert download(client, "/t/alpha/startups/export.csv").status_code == 403
    auth.logout()
    auth.login("manager@alpha.cn")
    assert download(client, "/t/alpha/startups/export.csv").status_code == 200
    auth.logout()
    auth.login("founder@alpha.cn")
    assert download(client, "/t/alpha/startups/export.csv").status_code == 404  # not a member
    auth.logout()
    auth.login("manager@beta.cn")
    assert download(client, "/t/alpha/startups/export.xlsx").status_code == 404
    assert download(client, "/t/alpha/stages/incubator/export.csv").status_code == 404
    assert download(client, "/t/beta/startups/export.pdf").status_code == 404
    auth.logout()
    assert download(client, "/t/alpha/startups/export.csv").status_code == 302  # to log in


def test_the_stage_list_export_shows_the_carriers_enrollments_with_graduation(
    client, auth, startups
):
    auth.login("manager@alpha.cn")
    english(client)
    rows = read_xlsx(download(client, "/t/alpha/stages/incubator/export.xlsx"))
    assert rows[0] == [
        "Startup",
        "Credit code",
        "Technology field",
        "Admission date",
        "Due date",
        "Status",
        "Graduation",
    ]
    # Latest admission first, as on the page.
    assert [r[0] for r in rows[1:]] == ["乙生物医药有限公司", "甲材料科技有限公司"]
    assert rows[1][3] == datetime(2023, 3, 2)
    assert rows[1][4] == datetime(2027, 3, 2) or rows[1][4] == datetime(2028, 3, 2)
    assert rows[1][5] == "Active" and rows[1][6] in ("Eligible", "Not yet")
    csv_rows = read_csv(download(client, "/t/alpha/stages/incubator/export.csv"))
    assert [r[0] for r in csv_rows] == [r[0] for r in rows]


def test_a_founder_exports_only_their_own_startups_from_a_stage_list(
    client, auth, factory, carriers, startups
):
    alpha, _beta = carriers
    factory.member(alpha, "founder@alpha.cn", "founder")
    auth.login("founder@alpha.cn")
    english(client)
    assert client.get("/t/alpha/stages/incubator").status_code == 200
    rows = read_csv(download(client, "/t/alpha/stages/incubator/export.csv"))
    assert rows[0][-1] == "Status"  # no graduation column for founders
    assert [r[0] for r in rows[1:]] == ["甲材料科技有限公司"]
    assert download(client, "/t/alpha/startups/export.csv").status_code == 403
    assert download(client, "/t/alpha/stages/accelerator/export.csv").status_code == 404


def test_cells_that_would_run_as_formulas_are_quoted(client, auth, factory, carriers):
    alpha, _beta = carriers
    evil = factory.startup('=HYPERLINK("http://x","点我")', kind="team", founded_on=None)
    factory.enrollment(alpha, evil, "makerspace")
    auth.login("manager@alpha.cn")
    rows = read_csv(download(client, "/t/alpha/startups/export.csv"))
    assert rows[1][0] == '\'=HYPERLINK("http://x","点我")'
    cells = read_xlsx(download(client, "/t/alpha/startups/export.xlsx"))
    assert cells[1][0] == '\'=HYPERLINK("http://x","点我")'


# -- the statistics record -------------------------------------------------------


def test_the_statistics_page_lists_every_problem_before_the_download(client, auth, figures):
    auth.login("manager@alpha.cn")
    english(client)
    page = client.get("/t/alpha/statistics?year=2024").get_data(as_text=True)
    assert "3 startups in the record." in page
    problems = page[page.index('id="statistics-problems"') :]
    assert "Technical staff (9) exceed employees (5)." in problems
    assert "R&amp;D expense exceeds total revenue." in problems
    assert "No annual figures for 2024." in problems
    assert "丁外地公司" not in page
    assert "甲材料科技有限公司" not in problems
    assert page.index('id="statistics-problems"') < page.index('id="statistics-download"')
    assert 'action="/t/alpha/statistics/2024.xlsx"' in page


def test_the_statistics_record_is_in_thousands_of_yuan_cell_by_cell(client, auth, figures):
    auth.login("manager@alpha.cn")
    english(client)
    response = download(client, "/t/alpha/statistics/2024.xlsx")
    assert response.status_code == 200
    rows = read_xlsx(response)
    headers = rows[0]
    assert headers[:3] == [
        "Unified social credit code (统一社会信用代码)",
        "Enterprise name",
        "Founding date",
    ]
    record = {row[1]: dict(zip(headers, row, strict=True)) for row in rows[1:]}
    assert sorted(record) == ["丙创客团队", "乙生物医药有限公司", "甲材料科技有限公司"]
    first = record["甲材料科技有限公司"]
    assert first["Unified social credit code (统一社会信用代码)"] == credit_code(0)
    assert first["Admission date"] == datetime(2023, 3, 1)
    assert first["Stage"] == "Incubator"
    assert first["Employees"] == 30 and first["Of whom technical staff"] == 12
    # 123.4567 万元 = 1,234.567 千元
    assert Decimal(str(first["Total revenue (千元)"])) == Decimal("1234.567")
    assert first["R&D expense (千元)"] == 200
    assert first["Tax paid (千元)"] == 15
    assert first["Investment received in the year (千元)"] == 0
    assert record["丙创客团队"]["Total revenue (千元)"] is None
    checks = read_xlsx(response, sheet=1)
    assert checks[0] == ["Row", "Startup", "Field", "Problem"]
    rows_with_problems = {(row[1], row[2]) for row in checks[1:]}
    assert ("乙生物医药有限公司", "Of whom technical staff") in rows_with_problems
    assert ("乙生物医药有限公司", "R&D expense (千元)") in rows_with_problems
    # The row number is the row of the record's sheet.
    second = next(r for r in checks[1:] if r[1] == "乙生物医药有限公司")
    assert rows[second[0] - 1][1] == "乙生物医药有限公司"


def test_the_statistics_record_counts_funding_ip_and_certifications(app, client, auth, figures):
    from datetime import date

    from core.extensions import db
    from core.registry.models import Certification, FundingRound, IPAsset

    startup = figures["甲材料科技有限公司"]
    with app.app_context():
        db.session.add_all(
            [
                FundingRound(startup_id=startup.id, date=date(2023, 5, 1), amount=100, kind="vc"),
                FundingRound(startup_id=startup.id, date=date(2024, 5, 1), amount=50, kind="angel"),
                FundingRound(startup_id=startup.id, date=date(2024, 6, 1), amount=8, kind="grant"),
                IPAsset(
                    startup_id=startup.id,
                    kind="invention_patent",
                    status="granted",
                    granted_on=date(2023, 1, 1),
                ),
                IPAsset(
                    startup_id=startup.id,
                    kind="design",
                    status="granted",
                    granted_on=date(2024, 2, 1),
                ),
                IPAsset(
                    startup_id=startup.id,
                    kind="design",
                    status="applied",
                    filed_on=date(2024, 2, 1),
                ),
                Certification(startup_id=startup.id, kind="tech_sme", year=2024, number="R-24"),
                Certification(
                    startup_id=startup.id,
                    kind="high_tech",
                    number="GR2022",
                    issued_on=date(2022, 11, 30),
                ),
            ]
        )
        db.session.commit()
    auth.login("manager@alpha.cn")
    english(client)
    rows = read_xlsx(download(client, "/t/alpha/statistics/2024.xlsx"))
    row = dict(zip(rows[0], next(r for r in rows if r[1] == "甲材料科技有限公司"), strict=True))
    assert row["Investment received in the year (千元)"] == 500
    assert row["Investment received, cumulative (千元)"] == 1500
    assert row["Of which venture capital, cumulative (千元)"] == 1500
    assert row["Government grants, cumulative (千元)"] == 80
    assert row["IP granted in the year"] == 1
    assert row["Valid IP held at year end"] == 2
    assert row["Of which invention patents"] == 1
    assert row["Tech-based SME registration number"] == "R-24"
    assert row["High-tech enterprise certificate number"] == "GR2022"
    assert row["High-tech enterprise valid until"] == datetime(2025, 11, 30)


def test_the_statistics_record_leaves_out_startups_gone_before_the_year(
    app, client, auth, figures, startups
):
    with app.app_context():
        enrollment = db.session.scalar(
            select(Enrollment).where(Enrollment.startup_id == startups["乙生物医药有限公司"].id)
        )
        enrollment.status, enrollment.ended_on = "graduated", date(2023, 12, 31)
        db.session.commit()
    auth.login("manager@alpha.cn")
    names = [row[1] for row in read_xlsx(download(client, "/t/alpha/statistics/2024.xlsx"))[1:]]
    assert "乙生物医药有限公司" not in names and "甲材料科技有限公司" in names
    names_2023 = [
        row[1] for row in read_xlsx(download(client, "/t/alpha/statistics/2023.xlsx"))[1:]
    ]
    assert "乙生物医药有限公司" in names_2023


def test_the_statistics_record_is_for_the_carriers_managers_only(
    client, auth, factory, carriers, figures
):
    factory.member(carriers[0], "founder@alpha.cn", "founder")
    for email, status in [
        ("founder@alpha.cn", 403),
        ("reviewer@alpha.cn", 403),
        ("manager@beta.cn", 404),
    ]:
        auth.login(email)
        assert client.get("/t/alpha/statistics").status_code == status, email
        assert download(client, "/t/alpha/statistics/2024.xlsx").status_code == status, email
        auth.logout()
    auth.login("manager@alpha.cn")
    assert download(client, "/t/alpha/statistics/1900.xlsx").status_code == 404
    assert download(client, "/t/alpha/statistics/9999.xlsx").status_code == 404
    assert client.get("/t/alpha/statistics").status_code == 200
