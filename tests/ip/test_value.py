"""高价值发明专利: the categories a valid invention patent meets, each from recorded evidence."""

from __future__ import annotations

from datetime import date

from core.extensions import db
from core.ip import queries, value
from core.ip.models import AnnuityPayment, IPEvent
from core.registry.models import IPAsset
from tests.registry.conftest import english


def keys(app, patent, day):
    with app.test_request_context():
        (right,) = queries.with_life([db.session.get(IPAsset, patent)], day)
        return [c.key for c in value.categories(right, day)]


def test_the_categories_from_the_evidence(app, client, auth, startup, patent):
    with app.app_context():
        asset = db.session.get(IPAsset, patent)
        asset.overseas_family = "US 11234567 B2"
        asset.award = "china_patent_gold"
        asset.award_year = 2022
        db.session.add(
            IPEvent(
                ip_id=patent,
                kind="pledge",
                happened_on=date(2022, 6, 1),
                counterparty="中原银行",
                amount=800,
            )
        )
        db.session.commit()
    # In grace the patent is still valid; the pledge threshold is NOT FOUND, so unset.
    assert keys(app, patent, date(2023, 4, 15)) == ["overseas_family", "award"]
    app.config["IP_HIGH_VALUE_PLEDGE_MIN"] = "500"
    assert "pledge" in keys(app, patent, date(2023, 4, 15))
    # Lapsed, it counts no more: only valid invention patents do.
    assert keys(app, patent, date(2023, 9, 5)) == []


def test_maintained_more_than_ten_years_counts_from_the_filing_by_default(app, startup, patent):
    with app.app_context():
        asset = db.session.get(IPAsset, patent)
        asset.filed_on, asset.granted_on, asset.number = date(2012, 3, 1), date(2015, 5, 4), ""
        db.session.commit()
    with app.app_context():
        db.session.add_all(
            AnnuityPayment(ip_id=patent, year=y, paid_on=date(2011 + y, 2, 1)) for y in range(5, 13)
        )
        db.session.commit()
    assert keys(app, patent, date(2022, 3, 2)) == ["maintained"]
    app.config["IP_HIGH_VALUE_YEARS_FROM"] = "granted"
    assert keys(app, patent, date(2022, 3, 2)) == []


def test_the_page_explains_it(app, client, auth, startup, patent, monkeypatch):
    monkeypatch.setattr("core.ip.views.local_today", lambda: date(2023, 4, 15))
    with app.app_context():
        db.session.get(IPAsset, patent).overseas_family = "EP 3712345 B1"
        db.session.commit()
    auth.login("founder@pds.cn")
    english(client)
    page = client.get(f"/startups/{startup.id}/ip/{patent}/life").get_data(as_text=True)
    assert "High-value invention patent" in page and "EP 3712345 B1" in page
