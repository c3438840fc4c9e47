"""Graduating several startups from the stage list, then downloading their ZIP."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import func, select

from core.certificates.models import Certificate
from core.extensions import db
from core.graduation.models import Graduation
from tests.stages.test_graduation_service import fund


def test_a_batch_graduates_the_eligible_and_skips_the_rest(app, client, auth, factory, world):
    second = factory.startup("第二科技")
    fund(app, second.id, "700")
    second_id = factory.enrollment(world["alpha"], second, "incubator").id
    auth.login("manager@alpha.cn")
    client.post("/language", data={"locale": "en"})
    page = client.get("/t/alpha/stages/incubator").get_data(as_text=True)
    assert f'name="enrollment" value="{world["funded"]}"' in page
    assert f'name="enrollment" value="{world["plain"]}"' not in page  # not eligible
    response = client.post(
        "/t/alpha/stages/incubator/graduate",
        data={"enrollment": [world["funded"], second_id, world["plain"]]},
    )
    assert response.status_code == 302
    ids = parse_qs(urlsplit(response.location).query)["id"]
    assert len(ids) == 2
    listing = client.get(response.location).get_data(as_text=True)
    assert "2 startups have graduated." in listing
    assert "1 selected startup was not graduated" in listing
    assert "Download these certificates as one ZIP" in listing
    archive = client.get("/t/alpha/certificates.zip?" + urlsplit(response.location).query)
    with zipfile.ZipFile(io.BytesIO(archive.data)) as files:
        assert len(files.namelist()) == 2
        assert all(files.read(name).startswith(b"%PDF") for name in files.namelist())
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Graduation)) == 2
        assert set(db.session.scalars(select(Graduation.enrollment_id))) == {
            world["funded"],
            second_id,
        }


def test_a_batch_ignores_another_carriers_enrollments(app, client, auth, factory, world):
    beta = factory.tenant("beta", stages=("incubator",))
    other = factory.startup("他人科技")
    fund(app, other.id, "700")
    other_id = factory.enrollment(beta, other, "incubator").id
    auth.login("manager@alpha.cn")
    response = client.post("/t/alpha/stages/incubator/graduate", data={"enrollment": [other_id]})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Certificate)) == 0


def test_reviewers_cannot_batch_graduate(client, auth, world):
    auth.login("reviewer@alpha.cn")
    page = client.get("/t/alpha/stages/incubator").get_data(as_text=True)
    assert 'id="batch-graduate"' not in page
    response = client.post(
        "/t/alpha/stages/incubator/graduate", data={"enrollment": [world["funded"]]}
    )
    assert response.status_code == 403
