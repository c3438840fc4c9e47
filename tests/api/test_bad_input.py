"""Bad bodies answer 400 or 422 with a message, never 500, and write nothing (issue 13, item 8)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.extensions import db
from core.registry.models import Startup

PROFILE = {"name_zh": "新材料有限公司", "kind": "team", "tech_field": "new_materials"}


def startups(world) -> int:
    with world.app.app_context():
        return db.session.scalar(select(func.count()).select_from(Startup))


def test_a_body_nested_100000_deep_is_400_with_a_message(world, founder):
    before = startups(world)
    deep = "[" * 100_000 + "]" * 100_000
    for path, method in (("/startups", "POST"), (f"/startups/{world.startup.id}", "PATCH")):
        response = founder.open(method, path, data=deep, content_type="application/json")
        assert response.status_code == 400, response.get_data(as_text=True)
        assert response.get_json()["message"] == "The JSON is nested too deeply."
    nested: object = "x"
    for _ in range(40):  # deeper than any body the API reads, far from Python's limit
        nested = [nested]
    nested = {**PROFILE, "name_en": nested}
    assert founder.post("/startups", json=nested).status_code == 400
    assert startups(world) == before


@pytest.mark.parametrize("where", ["name_zh", "description"])
def test_a_lone_surrogate_in_any_field_is_400_with_a_message(world, founder, where):
    before = startups(world)
    # json.dumps writes the lone surrogate as the escape "\ud800", as a client would send it.
    response = founder.post("/startups", json={**PROFILE, where: "a\ud800b"})
    assert response.status_code == 400
    assert response.get_json()["message"] == (
        "Remove the characters that are not text, such as NUL."
    )
    patched = founder.patch(f"/startups/{world.startup.id}", json={where: "a\ud800b"})
    assert patched.status_code == 400
    assert startups(world) == before


def test_a_lone_surrogate_in_a_key_is_400(world, founder):
    response = founder.post("/startups", json={**PROFILE, "x\udfffy": 1})
    assert response.status_code == 400


@pytest.mark.parametrize("day", ["0001-01-01", "0999-12-31", "1899-12-31"])
def test_a_date_before_1900_is_refused_next_to_the_field(world, founder, day):
    response = founder.post("/startups", json={**PROFILE, "founded_on": day})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"founded_on": ["Enter a date between 1900 and 2100."]}
    patched = founder.patch(f"/startups/{world.startup.id}", json={"founded_on": day})
    assert patched.status_code == 422
    with world.app.app_context():
        assert db.session.get(Startup, world.startup.id).founded_on == world.startup.founded_on


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200c\u200d", " \u2060 \ufeff ", "\u3000"])
def test_a_name_with_nothing_visible_is_refused_next_to_the_field(world, founder, name):
    before = startups(world)
    response = founder.post("/startups", json={**PROFILE, "name_zh": name})
    assert response.status_code == 422
    (message,) = response.get_json()["errors"]["name_zh"]
    assert message.startswith(("Enter visible characters", "This field is required."))
    assert startups(world) == before


def test_a_name_with_zero_width_characters_among_visible_ones_is_kept(world, founder):
    response = founder.post("/startups", json={**PROFILE, "name_zh": "新\u200b材料"})
    assert response.status_code == 201
