"""Lists assess their startups in a constant number of queries; the ladder can be switched off."""

from __future__ import annotations

from datetime import date

import pytest

from core.assessments.service import assess_startups
from core.extensions import db
from core.plugin_api import PluginContractError
from core.registry.models import Startup
from core.tenancy.models import Role
from tests.assessments.conftest import STAGES, add_figures
from tests.conftest import AuthActions, Factory


def enroll(app, factory, tenant, count: int, offset: int) -> list[int]:
    ids = []
    for number in range(offset, offset + count):
        startup = factory.startup(f"批量科技{number:03d}", founded_on=date(2020, 1, 1))
        add_figures(app, startup.id)
        factory.enrollment(tenant, startup, "incubator", admitted_on=date(2025, 1, 1))
        ids.append(startup.id)
    return ids


def test_assess_startups_is_a_constant_number_of_queries(app, factory, carrier, count_queries):
    alpha, _beta = carrier
    few_ids = enroll(app, factory, alpha, 2, 0)
    many_ids = enroll(app, factory, alpha, 15, 100)
    with app.app_context():
        for ids in (few_ids, many_ids):
            startups = db.session.query(Startup).filter(Startup.id.in_(ids)).all()
            with count_queries() as counted:
                ladders = assess_startups(startups, date(2026, 6, 1))
            assert len(ladders) == len(ids)
            assert counted() == 6  # five for the facts, one for the entered items


@pytest.mark.parametrize(
    "url", ["/t/alpha/startups", "/t/alpha/stages/incubator", "/t/alpha/ladder/near"]
)
def test_list_pages_make_as_many_queries_for_many_startups_as_for_few(
    app, client, auth, factory, carrier, count_queries, url
):
    alpha, _beta = carrier
    auth.login("manager@alpha.cn")
    enroll(app, factory, alpha, 2, 0)
    client.get(url)  # warm the caches (translations, templates)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    enroll(app, factory, alpha, 15, 100)
    with count_queries() as many:
        page = client.get(url).get_data(as_text=True)
    assert "批量科技114" in page
    assert few() == many()


@pytest.fixture
def switched_off(make_app):
    app = make_app(INCUCHAIN_DISABLED_PLUGINS=("plugins.assessments",))
    factory = Factory(app)
    alpha = factory.tenant("alpha", stages=STAGES)
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER)
    startup = factory.startup("关闭科技", founders=("founder@off.cn",), founded_on=date(2020, 1, 1))
    add_figures(app, startup.id)
    factory.enrollment(alpha, startup, "incubator", admitted_on=date(2025, 1, 1))
    return app, startup


def test_every_page_renders_with_the_ladder_switched_off(switched_off):
    app, startup = switched_off
    client = app.test_client()
    auth = AuthActions(client)
    auth.login("manager@alpha.cn")
    for url in (
        "/t/alpha/",
        "/t/alpha/startups",
        f"/t/alpha/startups/{startup.id}",
        *(f"/t/alpha/stages/{stage}" for stage in STAGES),
    ):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert "ladder" not in page.lower(), url
    assert "关闭科技" in client.get("/t/alpha/stages/incubator").get_data(as_text=True)
    assert client.get("/t/alpha/ladder/near").status_code == 404
    assert client.get(f"/t/alpha/startups/{startup.id}/ladder/high_tech").status_code == 404
    auth.logout()
    auth.login("founder@off.cn")
    assert client.get(f"/startups/{startup.id}").status_code == 200


def test_switching_off_an_unknown_plugin_fails_at_start_up(make_app):
    with pytest.raises(PluginContractError, match="INCUCHAIN_DISABLED_PLUGINS"):
        make_app(INCUCHAIN_DISABLED_PLUGINS=("plugins.assesments",))


def test_the_setting_comes_from_the_environment(monkeypatch, tmp_path):
    from core.config import from_environment

    monkeypatch.setenv("INCUCHAIN_DISABLED_PLUGINS", " plugins.assessments , ")
    assert from_environment(tmp_path)["INCUCHAIN_DISABLED_PLUGINS"] == ("plugins.assessments",)
