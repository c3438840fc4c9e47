"""A carrier, its people, and startups whose figures put them near a rung."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.extensions import db
from core.registry.models import AnnualFigures
from core.tenancy.models import Role
from core.timeutil import local_today

STAGES = ("makerspace", "incubator")


def add_figures(app, startup_id: int, **values) -> None:
    """Last year's figures: 30% technical staff and R&D 4.5% of revenue (20 + 30 points)."""
    row = {
        "employees": 100,
        "tech_staff": 30,
        "revenue": Decimal(1000),
        "rd_expense": Decimal(45),
        "total_assets": Decimal(800),
    } | values
    with app.app_context():
        db.session.add(AnnualFigures(startup_id=startup_id, year=local_today().year - 1, **row))
        db.session.commit()


@pytest.fixture
def carrier(factory):
    alpha = factory.tenant("alpha", stages=STAGES)
    beta = factory.tenant("beta", stages=STAGES)
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER, "Alpha Manager")
    factory.member(alpha, "reviewer@alpha.cn", Role.REVIEWER, "Alpha Reviewer")
    factory.member(beta, "manager@beta.cn", Role.MANAGER, "Beta Manager")
    return alpha, beta


@pytest.fixture
def near(app, factory, carrier):
    """A startup at 50 points, one condition (the score) from 科技型中小企业."""
    alpha, _beta = carrier
    startup = factory.startup(
        "临近科技", founders=("founder@near.cn",), founded_on=date(2020, 1, 1)
    )
    add_figures(app, startup.id)
    factory.enrollment(alpha, startup, "incubator", admitted_on=date(2025, 1, 1))
    return startup
