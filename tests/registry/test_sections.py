"""Figures, funding, IP, certifications and corporate events: add, edit, delete, bad input."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.extensions import db
from core.registry.models import (
    AnnualFigures,
    Certification,
    CorporateEvent,
    FundingRound,
    IPAsset,
)
from tests.conftest import PASSWORD, Factory
from tests.registry.conftest import actions, count, english, shows

FIGURES = {
    "year": "2024",
    "revenue": "1,230.5",
    "rd_expense": "85",
    "total_cost": "900",
    "employees": "40",
    "tech_staff": "12",
    "total_assets": "2000",
    "liabilities": "300",
    "high_tech_revenue": "800",
    "tax_paid": "45.1234",
}

GOOD = {
    "figures": (AnnualFigures, FIGURES),
    "funding": (
        FundingRound,
        {"date": "2024-06-01", "kind": "tech_loan", "amount": "200", "investor": "中原银行"},
    ),
    "ip": (
        IPAsset,
        {
            "kind": "invention_patent",
            "title": "一种尼龙复合材料",
            "status": "granted",
            "number": "ZL202310000000.0",
            "filed_on": "2023-03-01",
            "granted_on": "2024-02-02",
        },
    ),
    "certifications": (
        Certification,
        {"kind": "tech_sme", "number": "202441040300001234", "year": "2024"},
    ),
    "events": (CorporateEvent, {"kind": "listed", "date": "2025-01-10", "note": "新三板"}),
}


def rows(app, model):
    with app.app_context():
        return db.session.scalars(select(model)).all()


@pytest.mark.parametrize("section", list(GOOD))
def test_a_founder_adds_edits_and_deletes_a_row_with_an_audit_trail(
    app, client, auth, startup, section
):
    model, data = GOOD[section]
    auth.login("founder@pds.cn")
    base = f"/startups/{startup.id}/{section}"
    assert client.get(f"{base}/new").status_code == 200
    response = client.post(f"{base}/new", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/startups/{startup.id}#{section}"
    (row,) = rows(app, model)
    assert row.startup_id == startup.id

    page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    assert f"{base}/{row.id}" in page

    first_field = next(iter(data))
    changed = {**data, "note": "北交所"} if section == "events" else dict(data)
    if section == "funding":
        changed["amount"] = "250"
    elif section == "ip":
        changed["title"] = "一种改性尼龙复合材料"
    elif section != "events":
        changed[first_field] = {"figures": "2023"}.get(section, "specialized")
    assert client.get(f"{base}/{row.id}").status_code == 200
    assert client.post(f"{base}/{row.id}", data=changed).status_code == 302
    assert client.post(f"{base}/{row.id}/delete").status_code == 302
    assert rows(app, model) == []
    assert actions(app)[-3:] == [f"{section}.created", f"{section}.updated", f"{section}.deleted"]
    with app.app_context():
        deleted = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == f"{section}.deleted")
        ).one()
        assert deleted.before["startup_id"] == startup.id and deleted.tenant_id is None


def test_figures_are_stored_in_wan_yuan_to_four_places(app, client, auth, startup):
    auth.login("founder@pds.cn")
    data = {**FIGURES, "revenue": "１２３０.５", "tax_paid": "0.00005"}
    assert client.post(f"/startups/{startup.id}/figures/new", data=data).status_code == 302
    (row,) = rows(app, AnnualFigures)
    assert row.revenue == Decimal("1230.5") and row.tax_paid == Decimal("0.0001")
    assert row.employees == 40 and row.tech_staff == 12
    page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    assert "1,230.5" in page


def future_year() -> str:
    return str(date.today().year + 2)


BAD_INPUT = [
    ("figures", {"year": ""}, "year", "This field is required."),
    ("figures", {"year": "1989"}, "year", "Enter a year from 1990 to"),
    ("figures", {"year": "next"}, "year", "Enter a year such as 2024."),
    ("figures", {"revenue": "-5"}, "revenue", "Enter an amount from 0 to 99,999,999,999 万元."),
    ("figures", {"revenue": "NaN"}, "revenue", "Enter an amount in 万元, such as 12.5."),
    ("figures", {"revenue": "1e40"}, "revenue", "Enter an amount from 0 to 99,999,999,999 万元."),
    ("figures", {"revenue": "lots"}, "revenue", "Enter an amount in 万元, such as 12.5."),
    ("figures", {"employees": "-1"}, "employees", "Enter a whole number from 0 to 1000000."),
    ("figures", {"employees": "4.5"}, "employees", "Enter a whole number."),
    ("figures", {"tech_staff": "41"}, "tech_staff", "Technical staff cannot exceed employees."),
    ("funding", {"date": ""}, "date", "This field is required."),
    ("funding", {"date": "2999-01-01"}, "date", "The date cannot be in the future."),
    ("funding", {"amount": ""}, "amount", "This field is required."),
    ("funding", {"amount": "-1"}, "amount", "Enter an amount from 0 to"),
    ("funding", {"kind": "crowdfunding"}, "kind", "Choose one of the options."),
    ("ip", {"title": ""}, "title", "This field is required."),
    ("ip", {"kind": "seed"}, "kind", "Choose one of the options."),
    ("ip", {"status": "pending"}, "status", "Choose one of the options."),
    ("ip", {"filed_on": "yesterday"}, "filed_on", "Enter a date as YYYY-MM-DD."),
    ("ip", {"number": "ZL202310000000.1"}, "number", "The check character does not match"),
    ("ip", {"number": "ZL202320000000.1"}, "number", "type digit does not match"),
    ("ip", {"number": "2023-1"}, "number", "12 digits, a dot and a check"),
    ("ip", {"filed_on": "2024-03-01"}, "number", "not the year of the filing date"),
    ("ip", {"granted_on": "2023-02-01"}, "granted_on", "The grant cannot be before the filing"),
    ("ip", {"status": "applied"}, "granted_on", "A right with a grant date is granted"),
    ("ip", {"ipc_main_group": "G6F 16"}, "ipc_main_group", "Enter an IPC group such as"),
    ("ip", {"award_year": "2024"}, "award_year", "Choose the award first."),
    ("certifications", {"year": ""}, "year", "Enter the year of the evaluation."),
    ("certifications", {"number": ""}, "number", "Enter the registration or certificate number."),
    ("certifications", {"kind": "high_tech"}, "issued_on", "Enter the date on the certificate."),
    (
        "certifications",
        {"kind": "gazelle", "issued_on": "2024-05-01", "valid_until": "2024-01-01"},
        "valid_until",
        "The end of validity cannot be before the date issued.",
    ),
    ("events", {"kind": "bankrupt"}, "kind", "Choose one of the options."),
    ("events", {"date": "2025-02-30"}, "date", "Enter a date as YYYY-MM-DD."),
    ("events", {"note": "x" * 301}, "note", "Field cannot be longer than 300 characters."),
]


@pytest.mark.parametrize(
    "section, change, field, message", BAD_INPUT, ids=[f"{b[0]}-{b[2]}" for b in BAD_INPUT]
)
def test_bad_input_keeps_what_was_typed_and_writes_nothing(
    app, client, auth, startup, section, change, field, message
):
    model, good = GOOD[section]
    auth.login("founder@pds.cn")
    english(client)
    before = actions(app)
    data = {**good, **change}
    response = client.post(f"/startups/{startup.id}/{section}/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert shows(page, message)
    # The message stands next to its field, and every typed value is kept.
    field_html = page[page.index(f'id="{field}"') :]
    assert shows(field_html[: field_html.index("</div>") + 6], message)
    for name, value in data.items():
        if value and name not in ("kind", "status"):
            assert shows(page, value), name
    assert rows(app, model) == [] and actions(app) == before


def test_bad_input_on_edit_changes_nothing(app, client, auth, startup):
    auth.login("founder@pds.cn")
    english(client)
    client.post(f"/startups/{startup.id}/figures/new", data=FIGURES)
    (row,) = rows(app, AnnualFigures)
    before = actions(app)
    page = client.post(
        f"/startups/{startup.id}/figures/{row.id}", data={**FIGURES, "liabilities": "-3"}
    ).get_data(as_text=True)
    assert "Enter an amount from 0 to" in page and 'value="-3"' in page
    assert rows(app, AnnualFigures)[0].liabilities == Decimal("300")
    assert actions(app) == before


def test_one_row_of_figures_per_year(app, client, auth, startup):
    auth.login("founder@pds.cn")
    english(client)
    url = f"/startups/{startup.id}/figures"
    assert client.post(f"{url}/new", data=FIGURES).status_code == 302
    page = client.post(f"{url}/new", data=FIGURES).get_data(as_text=True)
    assert "There are already figures for this year; edit them instead." in page
    assert client.post(f"{url}/new", data={**FIGURES, "year": "2023"}).status_code == 302
    first = min(rows(app, AnnualFigures), key=lambda r: r.id)
    page = client.post(f"{url}/{first.id}", data={**FIGURES, "year": "2023"}).get_data(as_text=True)
    assert "There are already figures for this year" in page
    # Saving a year's figures under their own year is no clash.
    assert client.post(f"{url}/{first.id}", data={**FIGURES, "revenue": "1"}).status_code == 302
    assert count(app, AnnualFigures) == 2


def test_a_high_tech_certificate_is_valid_for_three_years(app, client, auth, startup):
    auth.login("founder@pds.cn")
    english(client)
    data = {
        "kind": "high_tech",
        "number": "GR202441000123",
        "issued_on": "2024-02-29",
        "valid_until": "2030-01-01",
    }
    assert client.post(f"/startups/{startup.id}/certifications/new", data=data).status_code == 302
    (row,) = rows(app, Certification)
    assert row.valid_until == date(2027, 2, 28)
    page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    assert "until 2027-02-28" in page


def test_the_ip_class_follows_from_the_kind(app, client, auth, startup):
    auth.login("founder@pds.cn")
    english(client)
    _model, data = GOOD["ip"]
    client.post(f"/startups/{startup.id}/ip/new", data=data)
    client.post(
        f"/startups/{startup.id}/ip/new",
        data={
            **data,
            "kind": "software_copyright",
            "title": "管理软件V1.0",
            "number": "2023sr0123456",
        },
    )
    client.post(
        f"/startups/{startup.id}/ip/new",
        data={**data, "kind": "trademark", "title": "尼龙星", "number": "61234567"},
    )
    page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    ip_table = page[page.index('id="ip"') : page.index('id="certifications"')]
    assert ip_table.count("Class Ⅰ") == 1 and ip_table.count("Class Ⅱ") == 1
    # A trademark counts in neither class (高企 知识产权分类: "不含商标").
    assert ip_table.count("No class") == 1
    # Numbers are stored in their normal form: the patent's without ZL, the software's upper case.
    assert "202310000000.0" in ip_table and "ZL202310000000.0" not in ip_table
    assert "2023SR0123456" in ip_table


def test_rows_of_another_startup_or_an_unknown_section_are_404(app, client, auth, factory, startup):
    other = factory.startup("别家公司", founders=("other@pds.cn",), kind="team")
    auth.login("other@pds.cn")
    client.post(f"/startups/{other.id}/funding/new", data=GOOD["funding"][1])
    (row,) = rows(app, FundingRound)
    auth.logout()
    auth.login("founder@pds.cn")
    # The row exists, but not under this founder's startup.
    assert client.get(f"/startups/{startup.id}/funding/{row.id}").status_code == 404
    assert client.post(f"/startups/{startup.id}/funding/{row.id}/delete").status_code == 404
    assert client.get(f"/startups/{startup.id}/patents/new").status_code == 404
    assert count(app, FundingRound) == 1


def csrf_token(client, url) -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def test_a_delete_needs_the_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    factory = Factory(app)
    startup = factory.startup("测试公司", founders=("founder@pds.cn",), kind="team")
    with app.app_context():
        db.session.add(
            CorporateEvent(startup_id=startup.id, kind="acquired", date=date(2024, 1, 1))
        )
        db.session.commit()
        event_id = db.session.scalar(select(CorporateEvent.id))
    client = app.test_client()
    token = csrf_token(client, "/login")
    client.post(
        "/login", data={"email": "founder@pds.cn", "password": PASSWORD, "csrf_token": token}
    )
    url = f"/startups/{startup.id}/events/{event_id}/delete"
    assert client.post(url).status_code == 400
    assert count(app, CorporateEvent) == 1
    token = csrf_token(client, f"/startups/{startup.id}/events/{event_id}")
    assert client.post(url, data={"csrf_token": token}).status_code == 302
    assert count(app, CorporateEvent) == 0


def test_a_year_taken_at_the_same_moment_is_a_field_error_not_a_500(
    app, client, auth, startup, monkeypatch
):
    from core.registry.sections import Section

    auth.login("founder@pds.cn")
    english(client)
    client.post(f"/startups/{startup.id}/figures/new", data=FIGURES)
    monkeypatch.setattr(Section, "clashes", lambda *args: False)
    page = client.post(f"/startups/{startup.id}/figures/new", data=FIGURES).get_data(as_text=True)
    assert "There are already figures for this year" in page
    assert count(app, AnnualFigures) == 1
