"""Carriers, people and startups for the export and import tests."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bench.seed_scale import credit_code
from core.extensions import db
from core.registry.models import AnnualFigures
from tests.registry import conftest as registry

#: ``alpha`` (makerspace and incubator; a manager and a reviewer) and ``beta``
#: (incubator; a manager), as in the registry tests.
carriers = registry.carriers


def read_csv(response) -> list[list[str]]:
    data = response.get_data()
    assert data.startswith("\ufeff".encode()), "CSV for Excel starts with a BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(response, sheet: int = 0) -> list[list]:
    workbook = load_workbook(io.BytesIO(response.get_data()))
    return [list(row) for row in workbook.worksheets[sheet].iter_rows(values_only=True)]


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def add_figures(app, startup, year: int, **values) -> None:
    with app.app_context():
        db.session.add(AnnualFigures(startup_id=startup.id, year=year, **values))
        db.session.commit()


@pytest.fixture
def startups(factory, carriers):
    """Three startups at ``alpha`` and one at ``beta``.

    ``carriers`` (from the registry tests): ``alpha`` runs makerspace and
    incubator, with a manager and a reviewer; ``beta`` runs incubator.
    """
    alpha, beta = carriers
    made = {}
    for n, (name, field, stage, carrier, founders) in enumerate(
        [
            ("甲材料科技有限公司", "new_materials", "incubator", alpha, ("founder@alpha.cn",)),
            ("乙生物医药有限公司", "biomedicine", "incubator", alpha, ()),
            ("丙创客团队", "new_materials", "makerspace", alpha, ()),
            ("丁外地公司", "new_materials", "incubator", beta, ()),
        ]
    ):
        team = "团队" in name
        startup = factory.startup(
            name,
            kind="team" if team else "company",
            tech_field=field,
            credit_code=None if team else credit_code(n),
            founded_on=date(2022, 1, 1 + n),
            founders=founders,
        )
        factory.enrollment(carrier, startup, stage, admitted_on=date(2023, 3, 1 + n))
        made[name] = startup
    return made


@pytest.fixture
def figures(app, startups):
    add_figures(
        app,
        startups["甲材料科技有限公司"],
        2024,
        revenue=Decimal("123.4567"),
        rd_expense=Decimal("20"),
        employees=30,
        tech_staff=12,
        tax_paid=Decimal("1.5"),
    )
    # Inconsistent on purpose: technical staff above employees, R&D above revenue.
    add_figures(
        app,
        startups["乙生物医药有限公司"],
        2024,
        revenue=Decimal("10"),
        rd_expense=Decimal("50"),
        employees=5,
        tech_staff=9,
    )
    return startups
