"""Stages, carriers, the language of answers and the error shape."""

from __future__ import annotations

from core.api import catalog, tokens
from core.auth import operations as accounts
from core.extensions import db
from tests.api.conftest import ApiClient
from tests.conftest import Factory


def test_stages_in_chain_order(world, founder):
    stages = founder.get("/stages").get_json()
    keys = [s["key"] for s in stages]
    assert keys[0] == "techtransfer" and "incubator" in keys
    incubator = next(s for s in stages if s["key"] == "incubator")
    assert incubator["name_zh"] == "孵化器" and incubator["next"] == "accelerator"


def test_tenants_are_the_callers_with_roles(world, manager, founder, application):
    assert manager.get("/tenants").get_json() == [
        {
            "slug": "tt",
            "name_zh": "tt载体",
            "name_en": "tt carrier",
            "enabled_stages": ["techtransfer", "incubator"],
            "roles": ["manager"],
        }
    ]
    # Applying made the founder a founder member of the carrier.
    assert [(t["slug"], t["roles"]) for t in founder.get("/tenants").get_json()] == [
        ("tt", ["founder"])
    ]


def test_platform_admin_sees_every_carrier_as_manager(world):
    world.factory.user("admin@city.cn", admin=True)
    tenants = world.as_("admin@city.cn").get("/tenants").get_json()
    assert [(t["slug"], t["roles"]) for t in tenants] == [
        ("other", ["manager"]),
        ("tt", ["manager"]),
    ]


def test_messages_default_to_chinese(world):
    client = ApiClient(world.app.test_client(), None, language="")
    response = client.get("/stages")
    assert response.status_code == 401
    assert response.get_json()["message"] == "请发送有效的 API 令牌：Authorization: Bearer <令牌>。"


def test_unknown_paths_and_methods_answer_json(world, founder):
    missing = founder.get("/nothing")
    assert missing.status_code == 404
    assert missing.get_json() == {
        "code": 404,
        "status": "Not Found",
        "message": "Not found.",
        "errors": {},
    }
    wrong = founder.open("PUT", "/stages")
    assert wrong.status_code == 405 and wrong.get_json()["code"] == 405


def test_pages_keep_their_html_error_pages(world):
    response = world.app.test_client().get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_a_server_error_answers_json(make_app, monkeypatch):
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    Factory(app).user("someone@x.cn")
    with app.app_context():
        _row, token = tokens.create(accounts.find_user("someone@x.cn"), "t")
        db.session.commit()

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(catalog, "incuchain", broken)
    response = ApiClient(app.test_client(), token).get("/stages")
    assert response.status_code == 500
    assert response.get_json()["message"] == "Something went wrong on our side."
