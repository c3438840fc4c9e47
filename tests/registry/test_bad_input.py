"""Dates outside 1900–2100 and names with nothing visible: refused next to the field, kept typed."""

from __future__ import annotations

import re

import pytest

from core.registry.models import Startup
from tests.registry.conftest import PROFILE, count, english


def field_error(page: str, name: str) -> str:
    """The message shown under the field ``name`` (Bootstrap's invalid-feedback)."""
    match = re.search(
        rf'name="{name}"[^>]*>\s*(?:<[^>]+>\s*)*?'
        r'<div class="invalid-feedback[^"]*"[^>]*>\s*([^<]+)',
        page,
    )
    return match.group(1).strip() if match else ""


@pytest.fixture
def founder(client, auth, factory):
    factory.user("new@pds.cn", "王创业")
    auth.login("new@pds.cn")
    english(client)
    return client


@pytest.mark.parametrize("day", ["0001-01-01", "0999-06-30", "1899-12-31"])
def test_a_founding_date_before_1900_is_refused_and_the_form_keeps_what_was_typed(
    app, founder, day
):
    page = founder.post("/startups/new", data={**PROFILE, "founded_on": day}).get_data(as_text=True)
    assert "Enter a date between 1900 and 2100." in field_error(page, "founded_on")
    assert PROFILE["name_zh"] in page and PROFILE["address"] in page
    assert count(app, Startup) == 0


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u200c\u200d\u2060", "\ufeff \u200b"])
def test_a_name_of_invisible_characters_is_refused_next_to_the_field(app, founder, name):
    page = founder.post("/startups/new", data={**PROFILE, "name_zh": name}).get_data(as_text=True)
    assert field_error(page, "name_zh").startswith("Enter visible characters")
    assert PROFILE["address"] in page
    assert count(app, Startup) == 0


def test_a_person_with_an_invisible_name_cannot_sign_up(app, client):
    english(client)
    password = "correct horse battery"
    page = client.post(
        "/signup",
        data={"name": "\u200b", "email": "x@pds.cn", "password": password, "confirm": password},
    ).get_data(as_text=True)
    assert field_error(page, "name").startswith("Enter visible characters")
    assert 'value="x@pds.cn"' in page
