"""One application and one seeded world per module: the sweeps make hundreds of requests."""

from __future__ import annotations

import pytest

from core import create_app
from core.extensions import db
from tests.conftest import EXTERNAL_DB, empty_database, test_config
from tests.security import world as seeded


@pytest.fixture(scope="module")
def world_app(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("security")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
        app = create_app(test_config(tmp_path))
    with app.app_context():
        db.create_all()
        if EXTERNAL_DB:
            empty_database()
    yield app
    with app.app_context():
        if EXTERNAL_DB:
            empty_database()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def world(world_app) -> seeded.World:
    return seeded.build(world_app)
