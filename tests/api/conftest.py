"""Two carriers, their people and API tokens, for the API tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from core.api import tokens
from core.auth import operations as accounts
from core.extensions import db
from core.tenancy.models import Role
from tests.conftest import Factory

STAGE = "techtransfer"
VALID_CODE = "91350100M000100Y43"
GOOD_ANSWERS = {"summary": "高校专利转化", "members": 3, "needs": ["lab"]}


class ApiClient:
    """The test client with one user's token and a language."""

    def __init__(self, client, token: str | None, language: str = "en"):
        self.client, self.token, self.language = client, token, language

    def headers(self) -> dict:
        headers = {"Accept-Language": self.language}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def open(self, method: str, path: str, **kwargs):
        return self.client.open(f"/api/v1{path}", method=method, headers=self.headers(), **kwargs)

    def get(self, path, **kwargs):
        return self.open("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.open("POST", path, json=json, **kwargs)

    def patch(self, path, json=None, **kwargs):
        return self.open("PATCH", path, json=json, **kwargs)

    def delete(self, path, **kwargs):
        return self.open("DELETE", path, **kwargs)


@dataclass
class World:
    app: object
    factory: Factory
    tenant: object
    other: object
    startup: object
    tokens: dict = field(default_factory=dict)

    def token_for(self, email: str) -> str:
        if email not in self.tokens:
            with self.app.app_context():
                _row, token = tokens.create(accounts.find_user(email), "tests")
                db.session.commit()
            self.tokens[email] = token
        return self.tokens[email]

    def enrol_startups(self, count: int, first: int) -> None:
        """``count`` more startups enrolled at the carrier, numbered from ``first``."""
        for i in range(first, first + count):
            startup = self.factory.startup(f"企业{i}", founders=(f"f{i}@x.cn",))
            self.factory.enrollment(self.tenant, startup, STAGE)

    def as_(self, email: str, language: str = "en") -> ApiClient:
        return ApiClient(self.app.test_client(), self.token_for(email), language)


@pytest.fixture
def world(techtransfer_app):
    factory = Factory(techtransfer_app)
    tenant = factory.tenant("tt", stages=(STAGE, "incubator"))
    other = factory.tenant("other", stages=(STAGE,))
    factory.member(tenant, "manager@tt.cn", Role.MANAGER, "Manager Ma")
    factory.member(tenant, "reviewer@tt.cn", Role.REVIEWER, "Reviewer Re")
    factory.member(other, "manager@other.cn", Role.MANAGER, "Other Manager")
    startup = factory.startup(
        "转化科技有限公司", founders=("founder@tt.cn",), credit_code=VALID_CODE
    )
    factory.user("stranger@x.cn", "Stranger")
    return World(techtransfer_app, factory, tenant, other, startup)


@pytest.fixture
def founder(world):
    return world.as_("founder@tt.cn")


@pytest.fixture
def manager(world):
    return world.as_("manager@tt.cn")


@pytest.fixture
def reviewer(world):
    return world.as_("reviewer@tt.cn")


@pytest.fixture
def other_manager(world):
    return world.as_("manager@other.cn")


@pytest.fixture
def stranger(world):
    return world.as_("stranger@x.cn")


@pytest.fixture
def application(world, founder):
    """The founder's application to the carrier, submitted through the API; its JSON."""
    response = founder.post(
        "/applications",
        json={
            "startup_id": world.startup.id,
            "tenant": "tt",
            "stage": STAGE,
            "answers": GOOD_ANSWERS,
        },
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def enrollment(world, application, manager):
    """The application admitted by the manager; the enrollment's JSON."""
    response = manager.post(
        f"/applications/{application['id']}/decision",
        json={"decision": "admit", "reason": "好项目", "admitted_on": "2026-01-05"},
    )
    assert response.status_code == 200, response.get_json()
    enrollment_id = response.get_json()["enrollment_id"]
    return manager.get(f"/enrollments/{enrollment_id}").get_json()


def assert_constant_queries(count_queries, client, path: str, add) -> None:
    """The list at ``path`` costs as many queries with 8 rows as with 2.

    ``add(count, first)`` adds ``count`` rows numbered from ``first``.
    """
    add(2, 0)
    with count_queries() as few:
        assert client.get(path).get_json()["total"] == 2
    add(6, 2)
    with count_queries() as many:
        assert client.get(path).get_json()["total"] == 8
    assert many() == few()
