"""Carriers, people and a startup for the registry tests."""

from __future__ import annotations

from datetime import date

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from core.applications.models import Application
from core.audit.models import AuditEvent
from core.extensions import db
from core.tenancy.models import Role
from tests.conftest import link_carriers

#: The example of GB 32100 itself (policy-rules.md §6.2).
VALID_CODE = "91350100M000100Y43"
#: The same code with its check character changed.
FAILING_CODE = "91350100M000100Y44"

PROFILE = {
    "name_zh": "平顶山新材料科技有限公司",
    "name_en": "Pingdingshan New Materials",
    "kind": "company",
    "credit_code": VALID_CODE,
    "founded_on": "2023-05-01",
    "tech_field": "new_materials",
    "address": "平顶山市新华区",
    "contact_name": "张三",
    "contact_phone": "13800000000",
    "contact_email": "office@pds.cn",
    "description": "尼龙新材料",
}


def shows(page: str, text: str) -> bool:
    """Whether ``text`` appears in the HTML page, as it is or escaped."""
    return text in page or str(escape(text)) in page


def english(client) -> None:
    client.post("/language", data={"locale": "en"})


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def add_application(app, tenant, startup, stage="incubator", status="submitted") -> None:
    with app.app_context():
        db.session.add(
            Application(startup_id=startup.id, tenant_id=tenant.id, stage=stage, status=status)
        )
        db.session.commit()
        link_carriers()


@pytest.fixture
def carriers(factory):
    """``alpha`` (manager, reviewer) and ``beta`` (manager)."""
    alpha = factory.tenant("alpha", stages=("makerspace", "incubator"))
    beta = factory.tenant("beta", stages=("incubator",))
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER, "Alpha Manager")
    factory.member(alpha, "reviewer@alpha.cn", Role.REVIEWER, "Alpha Reviewer")
    factory.member(beta, "manager@beta.cn", Role.MANAGER, "Beta Manager")
    return alpha, beta


@pytest.fixture
def startup(factory, carriers):
    """A startup of founder@pds.cn, enrolled at ``alpha``."""
    alpha, _beta = carriers
    startup = factory.startup(
        "平顶山新材料科技有限公司",
        founders=("founder@pds.cn",),
        credit_code=VALID_CODE,
        founded_on=date(2023, 5, 1),
    )
    factory.enrollment(alpha, startup, "incubator", admitted_on=date(2024, 3, 1))
    return startup
