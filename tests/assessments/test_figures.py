"""The R&D expense in China, a yearly figure the 高企 readiness reads."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from core.extensions import db
from core.registry.models import AnnualFigures
from tests.registry.conftest import english, shows

FIGURES = {"year": "2025", "revenue": "1000", "rd_expense": "80", "employees": "40"}


def stored(app):
    with app.app_context():
        return [row.rd_expense_domestic for row in db.session.scalars(select(AnnualFigures))]


def test_founders_record_the_rd_expense_spent_in_china(app, client, auth, near):
    auth.login("founder@near.cn")
    english(client)
    url = f"/startups/{near.id}/figures/new"
    data = FIGURES | {"year": "2024", "rd_expense_domestic": "60"}
    assert client.post(url, data=data).status_code == 302
    assert Decimal(60) in stored(app)
    page = client.get(f"/startups/{near.id}").get_data(as_text=True)
    assert shows(page, "R&D expense in China (万元)")


def test_rd_in_china_cannot_exceed_the_rd_expense(app, client, auth, near):
    auth.login("founder@near.cn")
    english(client)
    url = f"/startups/{near.id}/figures/new"
    response = client.post(url, data=FIGURES | {"year": "2024", "rd_expense_domestic": "80.01"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert shows(page, "R&D expense in China cannot exceed the R&D expense.")
    assert stored(app) == [None]  # only the fixture's own row
