"""Pages outside any carrier: home, stages, language, health, errors."""

from __future__ import annotations

import re

from sqlalchemy.exc import OperationalError

from core.tenancy.models import Role


def test_welcome_page_lists_every_stage_in_chinese_by_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-CN">' in page
    assert page.index("众创空间") < page.index("孵化器") < page.index("加速器")


def test_language_switch_turns_the_interface_to_english_and_back(client):
    response = client.post("/language", data={"locale": "en", "next": "/stages/incubator"})
    assert response.headers["Location"] == "/stages/incubator"
    page = client.get("/stages/incubator").get_data(as_text=True)
    assert '<html lang="en">' in page and "Incubator" in page and "48 months" in page
    client.post("/language", data={"locale": "zh_CN"})
    welcome = client.get("/").get_data(as_text=True)
    assert "孵化期限\uff1a48个月" in welcome


def test_navigation_marks_the_current_stage(client):
    page = client.get("/stages/incubator").get_data(as_text=True)
    assert 'class="nav-link active" data-stage="incubator"' in page
    assert 'class="nav-link" data-stage="makerspace"' in page
    with client.get("/static/favicon.svg") as response:
        assert response.status_code == 200


def test_language_switch_ignores_unknown_languages_and_foreign_next(client):
    response = client.post("/language", data={"locale": "xx", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"
    assert '<html lang="zh-CN">' in client.get("/").get_data(as_text=True)


def test_public_stage_page_lists_carriers_that_run_it(client, factory):
    factory.tenant("alpha", stages=("incubator",))
    factory.tenant("beta", stages=("makerspace",))
    page = client.get("/stages/incubator").get_data(as_text=True)
    assert "alpha载体" in page and "beta载体" not in page
    assert "国科发区〔2018〕300号" in page
    assert client.get("/stages/moonshot").status_code == 404


def test_home_lists_my_carriers_and_roles(client, auth, factory):
    alpha = factory.tenant("alpha")
    factory.member(alpha, "m@alpha.cn", Role.MANAGER)
    factory.member(alpha, "m@alpha.cn", Role.REVIEWER)
    factory.tenant("beta")
    auth.login("m@alpha.cn")
    client.post("/language", data={"locale": "en"})
    page = client.get("/").get_data(as_text=True)
    assert "alpha carrier" in page and "beta carrier" not in page
    assert "Manager" in page and "Reviewer" in page


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database(client, monkeypatch):
    from sqlalchemy.orm import scoping

    def broken(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(scoping.scoped_session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unavailable"}


def test_not_found_page_in_both_languages(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "页面不存在" in response.get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    assert "This page does not exist" in client.get("/no/such/page").get_data(as_text=True)


def test_forbidden_page_in_both_languages(client, auth, factory):
    alpha = factory.tenant("alpha")
    factory.member(alpha, "f@alpha.cn", Role.FOUNDER)
    auth.login("f@alpha.cn")
    response = client.get("/t/alpha/members")
    assert response.status_code == 403
    assert "没有" in response.get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    assert "You do not have the role" in client.get("/t/alpha/members").get_data(as_text=True)


def test_server_error_page_in_both_languages(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    client = app.test_client()
    response = client.get("/boom")
    assert response.status_code == 500
    assert "出错" in response.get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    assert "Something went wrong" in client.get("/boom").get_data(as_text=True)


def test_bootstrap_is_served_from_local_files(client):
    page = client.get("/").get_data(as_text=True)
    sources = re.findall(r"""(?:src|href)=["']([^"']+)""", page)
    assert sources and not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    assert "/bootstrap/static/css/bootstrap.min.css" in page
    for asset in ("css/bootstrap.min.css", "js/bootstrap.min.js"):
        with client.get(f"/bootstrap/static/{asset}") as response:
            assert response.status_code == 200


def test_ids_and_page_numbers_too_large_for_the_database_are_not_found(client, auth, factory):
    alpha = factory.tenant("alpha")
    factory.member(alpha, "m@alpha.cn", Role.MANAGER)
    auth.login("m@alpha.cn")
    huge = 10**20
    assert client.post(f"/t/alpha/members/{huge}/remove").status_code == 404
    assert client.get(f"/startups/{huge}").status_code == 404
    assert client.get(f"/t/alpha/audit?page={huge}").status_code == 200
    assert client.get("/notifications?page=-3").status_code == 200


STRONG = "x7 purple giraffes"


def test_nul_characters_in_any_form_or_query_value_are_dropped(client, app):
    """PostgreSQL refuses NUL in text; it must never turn user input into a 500."""
    response = client.post(
        "/signup",
        data={
            "name": "王\x00五",
            "email": "w@x.cn",
            "password": STRONG,
            "confirm": STRONG,
            "consent": "y",
        },
    )
    assert response.status_code == 200
    from sqlalchemy import select

    from core.auth.models import User
    from core.extensions import db

    with app.app_context():
        assert db.session.scalar(select(User.name)) == "王五"
    assert client.get("/stages/incubator?x=\x00").status_code == 200
