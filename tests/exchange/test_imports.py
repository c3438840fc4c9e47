"""Importing startups and their figures: templates, dry run, every bad-row reason, atomicity."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from bench.seed_scale import credit_code
from core.audit.models import AuditEvent
from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.imports.columns import COLUMNS
from core.registry.models import AnnualFigures, Startup
from core.tenancy.models import Role
from tests.exchange.conftest import count, read_csv, read_xlsx

ZH = {c.key: c.zh for c in COLUMNS}
EN = {c.key: c.en for c in COLUMNS}


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def good_rows(headers=ZH, start: int = 100) -> list[list]:
    keys = [
        "name_zh",
        "kind",
        "credit_code",
        "tech_field",
        "founded_on",
        "year",
        "revenue",
        "employees",
        "tech_staff",
    ]
    return [
        [headers[k] for k in keys],
        [
            "导入一号科技有限公司",
            "企业",
            credit_code(start),
            "新材料",
            "2022-03-01",
            2024,
            "1,234.5",
            30,
            10,
        ],
        [
            "导入二号生物有限公司",
            "企业",
            credit_code(start + 1),
            "生物医药",
            "2021/6/8",
            2024,
            "88",
            12,
            3,
        ],
        ["导入三号团队", "团队", "", "新材料", "", "", "", "", ""],
    ]


def upload(
    client,
    data: bytes,
    name: str = "startups.xlsx",
    stage: str = "incubator",
    admitted_on: str = "2025-01-15",
):
    return client.post(
        "/t/alpha/import",
        data={"file": (io.BytesIO(data), name), "stage": stage, "admitted_on": admitted_on},
    )


def token_of(page: str) -> str:
    return re.search(r'action="/t/alpha/import/([A-Za-z0-9_-]{32})"', page).group(1)


def problems_of(page: str) -> list[tuple[str, ...]]:
    """The dry run's table: (row, column, value, reason) per problem."""
    table = page[page.index('id="import-problems"') : page.index("</table>")]
    cells = re.findall(r"<td>(?:<code>)?(.*?)(?:</code>)?</td>", table)
    return [tuple(cells[i : i + 4]) for i in range(0, len(cells), 4)]


def pending_files(app) -> list:
    folder = Path(app.config["UPLOAD_DIR"]) / "imports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def english(client) -> None:
    client.post("/language", data={"locale": "en"})


@pytest.fixture
def manager(client, auth, carriers):
    auth.login("manager@alpha.cn")
    english(client)
    return client


# -- templates -------------------------------------------------------------------


@pytest.mark.parametrize(("language", "names"), [("zh", ZH), ("en", EN)])
def test_the_template_has_the_headers_in_each_language(manager, language, names):
    rows = read_xlsx(manager.get(f"/t/alpha/import/template-{language}.xlsx"))
    assert rows[0][0] == names["name_zh"] + "*"
    assert rows[0][4] == names["tech_field"] + "*"
    assert rows[0][2] == names["kind"]
    assert len(rows) == 1
    csv_rows = read_csv(manager.get(f"/t/alpha/import/template-{language}.csv"))
    assert csv_rows == [rows[0]]


def test_the_template_notes_list_the_technology_fields(manager):
    from openpyxl import load_workbook

    response = manager.get("/t/alpha/import/template-zh.xlsx")
    notes = load_workbook(io.BytesIO(response.get_data())).worksheets[1]
    values = [row for row in notes.iter_rows(values_only=True)]
    assert values[0] == ("列", "必填", "填写要求")
    field_row = next(r for r in values if r[0] == "技术领域*")
    assert "新材料" in field_row[2] and field_row[1] == "是"


def test_the_template_filled_in_imports(manager):
    headers = read_xlsx(manager.get("/t/alpha/import/template-en.xlsx"))[0]
    row = dict.fromkeys(headers, None) | {
        "Name (Chinese)*": "模板企业",
        "Technology field*": "Biomedicine",
    }
    page = upload(manager, xlsx([headers, list(row.values())])).get_data(as_text=True)
    assert 'id="import-ready"' in page


def test_only_managers_import(client, auth, carriers):
    auth.login("reviewer@alpha.cn")
    assert client.get("/t/alpha/import").status_code == 403
    assert client.get("/t/alpha/import/template-zh.xlsx").status_code == 403
    assert upload(client, xlsx(good_rows())).status_code == 403
    auth.logout()
    auth.login("manager@beta.cn")
    assert client.get("/t/alpha/import").status_code == 404
    assert client.get("/t/beta/import/template-fr.xlsx").status_code == 404


# -- the dry run and the commit ---------------------------------------------------


def test_the_dry_run_writes_nothing_and_the_commit_writes_everything(app, manager):
    before = count(app, Startup)
    page = upload(manager, xlsx(good_rows())).get_data(as_text=True)
    assert "3 rows checked, no problems." in page
    assert "Startups to create: 3, enrolled in Incubator; years of figures: 2." in page
    assert count(app, Startup) == before
    token = token_of(page)
    assert pending_files(app) == [f"{token}.json"]
    response = manager.post(f"/t/alpha/import/{token}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/t/alpha/startups")
    assert "3 startups imported." in manager.get("/t/alpha/startups").get_data(as_text=True)
    with app.app_context():
        first = db.session.scalar(select(Startup).where(Startup.name_zh == "导入一号科技有限公司"))
        assert first.kind == "company" and first.credit_code == credit_code(100)
        assert first.founded_on == date(2022, 3, 1) and first.tech_field == "new_materials"
        second = db.session.scalar(select(Startup).where(Startup.name_zh == "导入二号生物有限公司"))
        assert second.founded_on == date(2021, 6, 8)
        team = db.session.scalar(select(Startup).where(Startup.name_zh == "导入三号团队"))
        assert team.kind == "team" and team.credit_code is None
        figures = db.session.scalar(
            select(AnnualFigures).where(AnnualFigures.startup_id == first.id)
        )
        assert (figures.year, figures.revenue, figures.employees, figures.tech_staff) == (
            2024,
            Decimal("1234.5"),
            30,
            10,
        )
        enrollments = {
            e.startup_id: e
            for e in db.session.scalars(
                select(Enrollment).where(Enrollment.startup_id.in_([first.id, second.id, team.id]))
            )
        }
        assert {e.stage for e in enrollments.values()} == {"incubator"}
        assert {e.tenant_id for e in enrollments.values()} == {manager_tenant_id(app)}
        assert enrollments[first.id].admitted_on == date(2025, 1, 15)
        # The stage's time limit, as at an admission: 60 months for biomedicine.
        assert enrollments[first.id].time_limit_months == 48
        assert enrollments[second.id].time_limit_months == 60
        assert enrollments[second.id].due_on == date(2030, 1, 15)
        milestones = db.session.scalars(
            select(Milestone).where(Milestone.enrollment_id == enrollments[first.id].id)
        ).all()
        assert milestones, "the stage's milestones are created"
        actions = list(db.session.scalars(select(AuditEvent.action)))
        assert actions.count("enrollment.created") >= 3
        imported = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "startups.imported")
        )
        assert imported.after == {
            "file": "startups.xlsx",
            "stage": "incubator",
            "startups": 3,
            "figures": 2,
        }
    # The file is gone: the same token cannot import twice.
    assert pending_files(app) == []
    assert manager.post(f"/t/alpha/import/{token_of(page)}").status_code == 404


def manager_tenant_id(app) -> int:
    from core.tenancy.models import Tenant

    with app.app_context():
        return db.session.scalar(select(Tenant.id).where(Tenant.slug == "alpha"))


def test_english_headers_in_a_csv_file_import(app, manager):
    page = upload(manager, csv_bytes(good_rows(EN)), "startups.csv").get_data(as_text=True)
    assert "3 rows checked, no problems." in page
    manager.post(f"/t/alpha/import/{token_of(page)}")
    assert count(app, Startup, Startup.name_zh.like("导入%")) == 3


def test_a_csv_saved_by_excel_in_gb18030_imports(app, manager):
    rows = good_rows()
    rows[0][6] = "营业收入(万元)"  # half-width brackets match too
    page = upload(manager, csv_bytes(rows, "gb18030"), "startups.csv").get_data(as_text=True)
    assert "3 rows checked, no problems." in page


def test_several_years_of_one_startup_take_several_rows(app, manager):
    rows = good_rows()[:2]
    rows.append(list(rows[1]))
    rows[2][5], rows[2][6] = 2023, "900"
    page = upload(manager, xlsx(rows)).get_data(as_text=True)
    assert "Startups to create: 1, enrolled in Incubator; years of figures: 2." in page
    manager.post(f"/t/alpha/import/{token_of(page)}")
    assert count(app, AnnualFigures) == 2


BAD = [
    ("credit_code", "91410400000000100X", "Bad credit code: the check character does not match"),
    ("credit_code", "12345", "The credit code must be 18 characters"),
    ("founded_on", "2022-13-01", "Enter a date as YYYY-MM-DD."),
    ("founded_on", "下个月", "Enter a date as YYYY-MM-DD."),
    ("founded_on", "2999-01-01", "The date cannot be in the future."),
    ("founded_on", "1899-12-31", "Enter a date between 1900 and 2100."),
    ("founded_on", "0999-01-01", "Enter a date between 1900 and 2100."),
    ("revenue", "一百", "Enter an amount in 万元, such as 12.5."),
    ("revenue", "-5", "Enter an amount from 0 to 99,999,999,999 万元."),
    ("employees", "3.5", "Enter a whole number."),
    ("tech_field", "量子玄学", "Not one of the listed values."),
    ("kind", "个体户", "Not one of the listed values."),
    ("tech_staff", "99", "Technical staff cannot exceed employees."),
    ("year", "", "Enter the year of these figures."),
    ("year", "1850", "Enter a year from 1990 to"),
    ("name_zh", "", "This field is required."),
    ("name_zh", "\u200b\u200c\u2060", "Enter visible characters"),
]


@pytest.mark.parametrize(("key", "value", "reason"), BAD)
def test_every_bad_row_is_listed_with_its_reason_and_nothing_is_written(
    app, manager, key, value, reason
):
    rows = good_rows()
    column = rows[0].index(ZH[key])
    rows[2][column] = value
    before = count(app, Startup), count(app, AnnualFigures), count(app, Enrollment)
    page = upload(manager, xlsx(rows)).get_data(as_text=True)
    assert 'id="import-refused"' in page
    assert 'id="import-confirm"' not in page
    found = problems_of(page)
    assert len(found) == 1, found
    row, header, shown, message = found[0]
    assert row == "3" and header == ZH[key] and shown == value
    assert reason in message.replace("&amp;", "&")
    assert (count(app, Startup), count(app, AnnualFigures), count(app, Enrollment)) == before
    assert pending_files(app) == []


def test_unknown_repeated_and_missing_columns_are_problems_of_the_header_row(manager):
    rows = good_rows()
    rows[0][1] = "股票代码"
    rows[0][4] = ZH["credit_code"]
    rows[0][3] = "行业"
    page = upload(manager, xlsx(rows)).get_data(as_text=True)
    found = problems_of(page)
    assert ("1", "股票代码", "", "Unknown column.") in found
    assert ("1", ZH["credit_code"], "", "This column appears twice.") in found
    assert ("1", "技术领域 / Technology field", "", "This column is missing.") in found


def test_duplicates_within_the_file_and_against_the_registry(app, manager, startups):
    rows = good_rows()
    rows.append(list(rows[1]))  # the same company and year again
    rows.append(["甲材料科技有限公司", "团队", "", "新材料", "", "", "", "", ""])  # already here
    rows.append(["另一家公司", "企业", credit_code(3), "新材料", "", "", "", "", ""])  # beta's code
    page = upload(manager, xlsx(rows)).get_data(as_text=True)
    found = problems_of(page)
    assert ("5", ZH["credit_code"], credit_code(100), "Duplicate of row 2.") in found
    assert (
        "6",
        ZH["name_zh"],
        "甲材料科技有限公司",
        "A startup with this name is already at this carrier.",
    ) in found
    assert (
        "7",
        ZH["credit_code"],
        credit_code(3),
        "A startup with this credit code is already registered.",
    ) in found
    assert len(found) == 3


def test_one_bad_row_among_many_writes_nothing(app, manager):
    rows = good_rows()
    for n in range(50):
        rows.append([f"批量企业{n}", "企业", credit_code(200 + n), "新材料", "", 2024, n, "", ""])
    rows[40][4] = "2024-02-30"
    before = count(app, Startup)
    page = upload(manager, xlsx(rows)).get_data(as_text=True)
    assert problems_of(page) == [
        ("41", ZH["founded_on"], "2024-02-30", "Enter a date as YYYY-MM-DD.")
    ]
    assert count(app, Startup) == before
    assert count(app, AnnualFigures) == 0


def test_the_commit_checks_again_and_writes_nothing_when_the_registry_changed(
    app, manager, factory
):
    page = upload(manager, xlsx(good_rows())).get_data(as_text=True)
    token = token_of(page)
    factory.startup("抢先注册的公司", credit_code=credit_code(101))
    before = count(app, Startup), count(app, Enrollment), count(app, AnnualFigures)
    page = manager.post(f"/t/alpha/import/{token}").get_data(as_text=True)
    assert (
        "3",
        ZH["credit_code"],
        credit_code(101),
        "A startup with this credit code is already registered.",
    ) in problems_of(page)
    assert (count(app, Startup), count(app, Enrollment), count(app, AnnualFigures)) == before


def test_a_pending_file_belongs_to_its_uploader_and_carrier(app, client, auth, factory, carriers):
    alpha, _beta = carriers
    factory.member(alpha, "second@alpha.cn", Role.MANAGER)
    auth.login("manager@alpha.cn")
    token = token_of(upload(client, xlsx(good_rows())).get_data(as_text=True))
    auth.logout()
    auth.login("second@alpha.cn")
    assert client.post(f"/t/alpha/import/{token}").status_code == 404
    assert client.post("/t/alpha/import/" + "A" * 32).status_code == 404
    assert client.post("/t/alpha/import/..%2F..%2Fsecret").status_code == 404
    auth.logout()
    auth.login("manager@beta.cn")
    assert client.post(f"/t/alpha/import/{token}").status_code == 404
    assert client.post(f"/t/beta/import/{token}").status_code == 404
    assert count(app, Startup) == 0


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "startups.xlsx", "is not an XLSX or CSV file"),
        (b"name\n1\n", "startups.txt", "is not an XLSX or CSV file"),
        (b"", "startups.csv", "is empty"),
        (b"PK\x03\x04broken", "startups.xlsx", "is not an XLSX or CSV file"),
        (b"\xff\xfe\x00\x00bad", "startups.csv", "is not an XLSX or CSV file"),
    ],
)
def test_files_that_are_not_sheets_are_refused_next_to_the_field(app, manager, data, name, message):
    response = upload(manager, data, name)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page and 'id="import-form"' in page
    assert count(app, Startup) == 0


def test_a_file_larger_than_the_limit_is_refused(app, manager):
    app.config["IMPORT_MAX_BYTES"] = 1000
    page = upload(manager, xlsx(good_rows())).get_data(as_text=True)
    assert "is larger than 1000 B" in page


def test_a_damaged_workbook_is_refused_not_a_500(manager):
    data = bytearray(xlsx(good_rows()))
    data[len(data) // 2 : len(data) // 2 + 200] = b"\0" * 200
    page = upload(manager, bytes(data)).get_data(as_text=True)
    assert "The workbook cannot be read" in page or "is not an XLSX or CSV file" in page


def test_the_form_needs_a_file_a_stage_and_a_date(manager):
    response = manager.post(
        "/t/alpha/import", data={"stage": "incubator", "admitted_on": "2025-01-01"}
    )
    assert "Choose a file." in response.get_data(as_text=True)
    page = upload(manager, xlsx(good_rows()), stage="accelerator").get_data(as_text=True)
    assert "Not a valid choice" in page or 'id="import-form"' in page
    page = upload(manager, xlsx(good_rows()), admitted_on="2999-01-01").get_data(as_text=True)
    assert "The date cannot be in the future." in page


def test_a_rows_own_admission_date_wins_over_the_pages(app, manager):
    rows = [
        [ZH["name_zh"], ZH["tech_field"], ZH["admitted_on"]],
        ["自带日期团队", "新材料", "2024年5月6日"],
        ["默认日期团队", "新材料", ""],
    ]
    page = upload(manager, xlsx(rows), admitted_on="2025-02-03").get_data(as_text=True)
    manager.post(f"/t/alpha/import/{token_of(page)}")
    with app.app_context():
        admitted = dict(
            db.session.execute(
                select(Startup.name_zh, Enrollment.admitted_on).join(
                    Enrollment, Enrollment.startup_id == Startup.id
                )
            ).all()
        )
    assert admitted == {"自带日期团队": date(2024, 5, 6), "默认日期团队": date(2025, 2, 3)}


def test_a_failure_while_writing_rolls_everything_back(app, manager, factory, monkeypatch):
    """A credit code taken between the re-check and the insert: the unique index answers."""
    from core.imports import validate

    page = upload(manager, xlsx(good_rows())).get_data(as_text=True)
    factory.startup("抢先注册的公司", credit_code=credit_code(101))
    monkeypatch.setattr(validate, "recheck", lambda plan, tenant_id: [])
    before = [count(app, m) for m in (Startup, Enrollment, AnnualFigures, Milestone, AuditEvent)]
    response = manager.post(f"/t/alpha/import/{token_of(page)}", follow_redirects=True)
    assert "nothing was imported" in response.get_data(as_text=True)
    after = [count(app, m) for m in (Startup, Enrollment, AnnualFigures, Milestone, AuditEvent)]
    assert after == before


def test_imported_enrollments_get_what_an_admission_gives(app, manager, factory, carriers):
    """The same milestones, due dates and first history rows as ``enroll`` creates."""
    from core.enrollments.models import MilestoneChange

    admitted = factory.startup("逐个录取的公司", credit_code=credit_code(900))
    factory.enrollment(carriers[0], admitted, "incubator", admitted_on=date(2025, 1, 15))
    page = upload(manager, xlsx(good_rows()), admitted_on="2025-01-15").get_data(as_text=True)
    manager.post(f"/t/alpha/import/{token_of(page)}")

    def milestones_of(name):
        with app.app_context():
            return db.session.execute(
                select(Milestone.key, Milestone.due_on, Milestone.position, Milestone.required)
                .join(Enrollment, Enrollment.id == Milestone.enrollment_id)
                .join(Startup, Startup.id == Enrollment.startup_id)
                .where(Startup.name_zh == name)
                .order_by(Milestone.position)
            ).all()

    assert milestones_of("导入一号科技有限公司") == milestones_of("逐个录取的公司")
    with app.app_context():
        history = db.session.execute(
            select(MilestoneChange.action, MilestoneChange.status, MilestoneChange.actor_id)
        ).all()
        manager_id = db.session.scalar(
            select(AuditEvent.actor_id).where(AuditEvent.action == "startups.imported")
        )
    assert len(history) == count(app, Milestone)
    imported = [h for h in history if h.actor_id == manager_id]
    assert len(imported) == 3 * len(milestones_of("逐个录取的公司"))
    assert {(h.action, h.status) for h in history} == {("created", "open")}


def test_a_value_under_no_header_is_a_problem(manager):
    rows = good_rows()
    rows[2] += ["", "备注：重点企业"]
    found = problems_of(upload(manager, xlsx(rows)).get_data(as_text=True))
    assert found == [("3", "Column 11", "备注：重点企业", "A value in a column without a header.")]
