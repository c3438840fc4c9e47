"""Hostile answers through the API: refused per answer, never stored (see core.hardening)."""

from __future__ import annotations

from sqlalchemy import select

from core.applications.models import Application
from core.extensions import db
from tests.api.conftest import STAGE

NOT_TEXT = "Remove the characters that are not text, such as NUL."


def test_a_lone_surrogate_through_the_api_is_refused_and_nothing_is_stored(world, founder):
    body = {
        "startup_id": world.startup.id,
        "tenant": "tt",
        "stage": STAGE,
        "answers": {"summary": "a\ud800b", "members": 3, "needs": ["lab"]},
    }
    # Refused as a body (issue 13, item 8): 400 with the message, before any form sees it.
    response = founder.post("/applications", json=body)
    assert response.status_code == 400
    assert response.get_json()["message"] == NOT_TEXT
    draft = founder.post("/applications", json={**body, "draft": True})
    assert draft.status_code == 400
    with world.app.app_context():
        assert db.session.scalar(select(Application)) is None


def test_an_invisible_or_out_of_range_answer_is_refused_next_to_it(world, founder):
    body = {
        "startup_id": world.startup.id,
        "tenant": "tt",
        "stage": STAGE,
        "answers": {"summary": "\u200b\u200d\ufeff", "members": 3, "needs": ["lab"]},
    }
    response = founder.post("/applications", json=body)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "answers.summary": [
            "Enter visible characters: this has only spaces or invisible characters."
        ]
    }
    with world.app.app_context():
        assert db.session.scalar(select(Application)) is None


def test_a_400_digit_answer_through_the_api_is_refused(world, founder):
    body = {
        "startup_id": world.startup.id,
        "tenant": "tt",
        "stage": STAGE,
        "answers": {"summary": "专利", "members": int("9" * 400), "needs": ["lab"]},
    }
    response = founder.post("/applications", json=body)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "answers.members": ["Enter a number with at most 15 digits."]
    }
