"""A carrier running the tests-only stage, with its people, for the workflow tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.tenancy.models import Role
from tests.conftest import PASSWORD, Factory

STAGE = "techtransfer"
GOOD_ANSWERS = {"summary": "高校专利转化", "members": "3", "needs": ["lab"]}


@dataclass
class Carrier:
    app: object
    factory: Factory
    tenant: object
    startup: object

    def client_for(self, email: str):
        client = self.app.test_client()
        response = client.post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, email
        client.post("/language", data={"locale": "en"})
        return client


@pytest.fixture
def carrier(techtransfer_app):
    factory = Factory(techtransfer_app)
    tenant = factory.tenant("tt", stages=(STAGE, "incubator"))
    factory.member(tenant, "manager@tt.cn", Role.MANAGER, "Manager Ma")
    factory.member(tenant, "r1@tt.cn", Role.REVIEWER, "Reviewer One")
    factory.member(tenant, "r2@tt.cn", Role.REVIEWER, "Reviewer Two")
    startup = factory.startup("转化科技有限公司", founders=("founder@tt.cn",))
    return Carrier(techtransfer_app, factory, tenant, startup)


@pytest.fixture
def founder(carrier):
    return carrier.client_for("founder@tt.cn")


@pytest.fixture
def manager(carrier):
    return carrier.client_for("manager@tt.cn")


@pytest.fixture
def submitted(carrier, founder):
    """The founder's application, submitted; returns its id."""
    response = founder.post(f"/t/tt/apply/{STAGE}", data={**GOOD_ANSWERS, "action": "submit"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])
