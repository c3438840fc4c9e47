"""A startup at a carrier with one granted invention patent."""

from __future__ import annotations

from datetime import date

import pytest

from core.extensions import db
from core.registry.models import IPAsset
from tests.registry.conftest import carriers, startup  # noqa: F401, F811  (fixtures)


@pytest.fixture
def patent(app, startup):  # noqa: F811
    """Filed 2020-03-02, granted 2022-05-10: the grant year is the third patent year."""
    with app.app_context():
        right = IPAsset(
            startup_id=startup.id,
            kind="invention_patent",
            title="一种尼龙复合材料",
            status="granted",
            number="202010123456.2",
            filed_on=date(2020, 3, 2),
            granted_on=date(2022, 5, 10),
            exam_requested_on=date(2020, 3, 2),
        )
        db.session.add(right)
        db.session.commit()
        return right.id
