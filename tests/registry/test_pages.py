"""The carrier's startup list and the startup page: what they show, and their query counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.applications.models import Application
from core.enrollments.models import Enrollment, Milestone, MilestoneStatus
from core.extensions import db
from core.registry.models import (
    AnnualFigures,
    Certification,
    CorporateEvent,
    FundingRound,
    IPAsset,
    Startup,
)
from core.tenancy.models import Tenant
from tests.conftest import link_carriers
from tests.downloads import download
from tests.registry.conftest import add_application, english


def add_startups(app, slug: str, n: int, *, start: int = 0, **overrides) -> None:
    """``n`` startups enrolled at carrier ``slug``; ``overrides`` set startup or enrollment."""
    enrollment_keys = {"stage", "status", "admitted_on"}
    with app.app_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == slug))
        for i in range(start, start + n):
            startup = Startup(
                name_zh=overrides.get("name_zh", f"{slug}企业{i:03d}"),
                name_en=overrides.get("name_en", ""),
                tech_field=overrides.get("tech_field", "biomedicine"),
                credit_code=overrides.get("credit_code"),
            )
            enrollment = {"stage": "incubator", "admitted_on": date(2024, 1, 1)}
            enrollment.update({k: v for k, v in overrides.items() if k in enrollment_keys})
            db.session.add(Enrollment(startup=startup, tenant=tenant, **enrollment))
        db.session.commit()
        link_carriers()


def listed(client, **params) -> str:
    response = client.get("/t/alpha/startups", query_string=params)
    assert response.status_code == 200
    table = response.get_data(as_text=True)
    return table[table.index('id="startups"') :]


#: Alpha's enrolled startups: names, field, and how they are enrolled.
ROSTER = [
    {
        "name_zh": "甲醇科技",
        "name_en": "Methanol Tech",
        "tech_field": "new_energy",
        "credit_code": "91350100M000100Y43",
        "admitted_on": date(2023, 6, 1),
    },
    {
        "name_zh": "乙烯材料",
        "tech_field": "new_materials",
        "stage": "makerspace",
        "admitted_on": date(2025, 2, 1),
    },
    {
        "name_zh": "丙纶纺织",
        "tech_field": "integrated_circuits",
        "status": "graduated",
        "admitted_on": date(2022, 1, 1),
    },
]


@pytest.fixture
def roster(app, carriers):
    """Three startups enrolled at alpha, one at beta, one that applied to alpha."""
    for spec in ROSTER:
        add_startups(app, "alpha", 1, **spec)
    add_startups(app, "beta", 1, name_zh="丁香医药")
    with app.app_context():
        applicant = Startup(name_zh="戊己农业", tech_field="modern_agriculture")
        db.session.add(applicant)
        db.session.flush()
        db.session.add(
            Application(
                startup_id=applicant.id,
                tenant_id=carriers[0].id,
                stage="incubator",
                status="submitted",
            )
        )
        db.session.commit()
        link_carriers()


def names(table: str) -> list[str]:
    """The roster's startups in the order listed (English names mapped back to Chinese)."""
    shown = {n: n for n in ("甲醇科技", "乙烯材料", "丙纶纺织", "丁香医药", "戊己农业")}
    shown["Methanol Tech"] = "甲醇科技"
    found = [(table.index(text), name) for text, name in shown.items() if text in table]
    return [name for _i, name in sorted(found)]


def test_the_list_shows_the_carriers_startups_only(app, client, auth, roster, carriers):
    with app.app_context():  # one that applied and was rejected is no longer listed
        rejected = Startup(name_zh="庚辛已拒", tech_field="modern_agriculture")
        db.session.add(rejected)
        db.session.flush()
        application = Application(
            startup_id=rejected.id, tenant_id=carriers[0].id, stage="incubator", status="rejected"
        )
        db.session.add(application)
        db.session.commit()
        link_carriers()
    auth.login("manager@alpha.cn")
    table = listed(client)
    assert set(names(table)) == {"甲醇科技", "乙烯材料", "丙纶纺织", "戊己农业"}
    assert "庚辛已拒" not in table
    auth.logout()
    # Reviewers see the startups of the applications assigned to them, not the roster.
    auth.login("reviewer@alpha.cn")
    assert client.get("/t/alpha/startups").status_code == 403
    assert download(client, "/t/alpha/startups/export.csv").status_code == 403


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "甲醇"}, {"甲醇科技"}),
        ({"q": "methanol"}, {"甲醇科技"}),
        ({"q": "m000100y4"}, {"甲醇科技"}),
        ({"q": "%"}, set()),
        ({"stage": "makerspace"}, {"乙烯材料"}),
        ({"stage": "incubator"}, {"甲醇科技", "丙纶纺织", "戊己农业"}),
        ({"status": "graduated"}, {"丙纶纺织"}),
        ({"status": "submitted"}, {"戊己农业"}),
        ({"stage": "makerspace", "status": "graduated"}, set()),
        ({"field": "integrated_circuits"}, {"丙纶纺织"}),
        ({"field": "modern_agriculture", "status": "submitted"}, {"戊己农业"}),
    ],
)
def test_search_and_filters(client, auth, roster, params, expected):
    auth.login("manager@alpha.cn")
    assert set(names(listed(client, **params))) == expected


def test_unknown_filter_values_are_ignored_not_errors(client, auth, roster):
    auth.login("manager@alpha.cn")
    odd = {"stage": "accelerator", "status": "bogus", "field": "x", "sort": "'; drop", "page": "x"}
    assert len(names(listed(client, **odd))) == 4
    page = client.get("/t/alpha/startups").get_data(as_text=True)
    filters = page[page.index('id="startup-filters"') : page.index('id="startups"')]
    assert 'value="makerspace"' in filters and 'value="accelerator"' not in filters


def test_sorting(client, auth, roster):
    auth.login("manager@alpha.cn")
    english(client)
    assert names(listed(client, sort="admitted")) == [
        "乙烯材料",
        "甲醇科技",
        "丙纶纺织",
        "戊己农业",
    ]
    # In English: Integrated circuits, Modern agriculture, New energy…, New materials.
    assert names(listed(client, sort="field")) == ["丙纶纺织", "戊己农业", "甲醇科技", "乙烯材料"]
    # In English the English name is used when there is one: "Methanol Tech" sorts first.
    assert names(listed(client, sort="name"))[0] == "甲醇科技"


def test_pagination_keeps_the_filters(app, client, auth, carriers):
    add_startups(app, "alpha", 55)
    add_startups(app, "alpha", 3, start=100, tech_field="aerospace")
    auth.login("manager@alpha.cn")
    first = listed(client, field="biomedicine")
    assert first.count("alpha企业") == 50 and "alpha企业000" in first
    assert "field=biomedicine" in first and "page=2" in first
    second = listed(client, field="biomedicine", page=2)
    assert second.count("alpha企业") == 5 and "alpha企业054" in second
    assert listed(client, page=99).count("alpha企业") == 0


def test_the_list_makes_the_same_number_of_queries_for_few_and_many(
    app, client, auth, carriers, count_queries
):
    auth.login("manager@alpha.cn")
    add_startups(app, "alpha", 2)
    with count_queries() as few:
        assert listed(client).count("alpha企业") == 2
    add_startups(app, "alpha", 28, start=2)
    with app.app_context():
        for startup_id in db.session.scalars(select(Startup.id)):
            db.session.add(
                Application(
                    startup_id=startup_id,
                    tenant_id=carriers[0].id,
                    stage="makerspace",
                    status="rejected",
                )
            )
        db.session.commit()
        link_carriers()
    with count_queries() as many:
        assert listed(client).count("alpha企业") == 30
    assert few() == many()


def fill(app, startup_id: int, n: int, start: int = 0) -> None:
    """``n`` rows of every kind for a startup."""
    with app.app_context():
        for i in range(start, start + n):
            day = date(2020 + i % 5, 1 + i % 12, 1 + i % 28)
            db.session.add_all(
                [
                    AnnualFigures(startup_id=startup_id, year=2000 + i, revenue=Decimal(i)),
                    FundingRound(startup_id=startup_id, date=day, amount=10, kind="vc"),
                    IPAsset(
                        startup_id=startup_id,
                        kind="design",
                        status="applied",
                        filed_on=day,
                        title=f"图样{i}",
                    ),
                    Certification(
                        startup_id=startup_id, kind="tech_sme", year=2020 + i, number=str(i)
                    ),
                    CorporateEvent(startup_id=startup_id, kind="acquired", date=day),
                ]
            )
        db.session.commit()


def test_the_startup_page_makes_the_same_number_of_queries_for_few_and_many(
    app, client, auth, factory, carriers, startup, count_queries
):
    auth.login("founder@pds.cn")
    fill(app, startup.id, 1)
    with count_queries() as few:
        assert client.get(f"/startups/{startup.id}").status_code == 200
    fill(app, startup.id, 10, start=1)
    factory.enrollment(carriers[0], startup, "makerspace", admitted_on=date(2022, 1, 1))
    factory.enrollment(carriers[1], startup, "incubator", admitted_on=date(2025, 1, 1))
    with count_queries() as many:
        page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    assert page.count("图样") == 11 * 3  # in the legal life, the IP table and the timeline
    assert few() == many()
    auth.logout()
    auth.login("manager@alpha.cn")
    with count_queries() as carrier_page:
        assert client.get(f"/t/alpha/startups/{startup.id}").status_code == 200
    fill(app, startup.id, 5, start=11)
    with count_queries() as carrier_page_more:
        assert client.get(f"/t/alpha/startups/{startup.id}").status_code == 200
    assert carrier_page() == carrier_page_more()


def test_the_startup_page_shows_progress_and_a_dated_timeline(app, client, auth, startup):
    with app.app_context():
        milestones = db.session.scalars(select(Milestone).order_by(Milestone.id)).all()
        total = len(milestones)
        assert total >= 2, "the stage should bring milestones"
        milestones[0].status = MilestoneStatus.VERIFIED
        db.session.add_all(
            [
                FundingRound(
                    startup_id=startup.id,
                    date=date(2024, 6, 1),
                    amount=200,
                    kind="tech_loan",
                    investor="中原银行",
                ),
                Certification(startup_id=startup.id, kind="tech_sme", year=2024, number="R1"),
                CorporateEvent(startup_id=startup.id, kind="listed", date=date(2025, 1, 10)),
            ]
        )
        db.session.commit()
    auth.login("founder@pds.cn")
    english(client)
    page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    assert f"1 of {total}" in page
    assert f'aria-valuenow="{round(100 / total)}"' in page
    timeline = page[page.index('id="timeline"') :]
    steps = ["Company registered", "Tech-based SME", "Admitted to", "Technology loan", "Listed"]
    positions = [timeline.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "2023-05-01" in timeline and "200 万元 · 中原银行" in timeline


def test_a_page_number_out_of_range_is_an_empty_page(client, auth, roster):
    auth.login("manager@alpha.cn")
    assert names(listed(client, page=10**20)) == []
    assert len(names(listed(client, page=-3))) == 4


def test_the_startup_page_lists_applications_with_links_for_each_reader(
    app, client, auth, factory, carriers, startup
):
    alpha, beta = carriers
    add_application(app, beta, startup, stage="incubator", status="submitted")
    add_application(app, alpha, startup, stage="makerspace", status="draft")
    auth.login("founder@pds.cn")
    page = client.get(f"/startups/{startup.id}").get_data(as_text=True)
    assert 'id="applications"' in page
    assert "/t/alpha/apply/makerspace?startup=" in page and "/applications/" in page
    auth.logout()
    auth.login("manager@beta.cn")
    page = client.get(f"/t/beta/startups/{startup.id}").get_data(as_text=True)
    assert "/t/beta/applications/" in page
    assert "/t/alpha/apply/" not in page  # another carrier's draft stays private
