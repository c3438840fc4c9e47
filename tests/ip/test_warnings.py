"""Warnings before a right is lost: in the carrier's list, each naming the right, day and clause."""

from __future__ import annotations

from datetime import date

from core.extensions import db
from core.ip.models import AnnuityPayment, IPEvent
from core.registry.models import IPAsset
from core.warnings import rules
from core.warnings.texts import warning_text
from tests.registry.conftest import english


def ip_warnings(app, day, tenant):
    with app.test_request_context():
        return [
            (w.kind, w.day, warning_text(w.kind, w.params()))
            for w in rules.evaluate(day, tenant.id)
            if w.kind.startswith("ip.")
        ]


def test_an_unpaid_annuity_warns_of_its_grace_and_surcharge(app, carriers, startup, patent):
    alpha, beta = carriers
    ((kind, day, text),) = ip_warnings(app, date(2023, 4, 15), alpha)
    assert kind == "ip.grace" and day == date(2023, 9, 4)
    assert "一种尼龙复合材料 202010123456.2" in text and "5%" in text
    assert "第一百一十五条" in text
    assert ip_warnings(app, date(2023, 4, 15), beta) == []  # not enrolled there


def test_the_next_annuity_warns_within_the_window(app, carriers, startup, patent):
    with app.app_context():
        db.session.add(AnnuityPayment(ip_id=patent, year=4, paid_on=date(2023, 2, 20)))
        db.session.commit()
    alpha = carriers[0]
    assert ip_warnings(app, date(2023, 6, 1), alpha) == []
    ((kind, day, text),) = ip_warnings(app, date(2024, 1, 10), alpha)
    assert kind == "ip.annuity_due" and day == date(2024, 3, 4)
    app.config["IP_WARNING_DAYS_BEFORE_ANNUITY"] = 30
    assert ip_warnings(app, date(2024, 1, 10), alpha) == []


def test_a_lapsed_patent_warns_while_restoration_is_open(app, carriers, startup, patent):
    with app.app_context():
        db.session.get(IPAsset, patent).termination_notice_on = date(2023, 10, 10)
        db.session.commit()
    ((kind, day, text),) = ip_warnings(app, date(2023, 11, 1), carriers[0])
    assert kind == "ip.restoration" and day == date(2023, 12, 11) and "第六条" in text
    assert ip_warnings(app, date(2023, 12, 12), carriers[0]) == []


def test_a_licence_not_filed_and_a_trademark_renewal(app, carriers, startup, patent):
    with app.app_context():
        db.session.add(AnnuityPayment(ip_id=patent, year=4, paid_on=date(2023, 2, 20)))
        db.session.add(
            IPEvent(
                ip_id=patent,
                kind="licence",
                happened_on=date(2023, 4, 1),
                counterparty="某厂",
                licence_kind="ordinary",
            )
        )
        db.session.add(
            IPAsset(
                startup_id=startup.id,
                kind="trademark",
                title="尼龙星",
                status="granted",
                number="61234567",
                granted_on=date(2013, 9, 1),
            )
        )
        db.session.commit()
    found = {k: (d, t) for k, d, t in ip_warnings(app, date(2023, 6, 20), carriers[0])}
    assert found["ip.licence_filing"][0] == date(2023, 7, 3)  # 1 July 2023 is a Saturday
    assert "第十五条" in found["ip.licence_filing"][1]
    assert found["ip.renewal_window"][0] == date(2023, 8, 31)


def test_the_list_shows_ip_warnings_in_constant_queries(
    app, client, auth, carriers, startup, patent, count_queries
):
    auth.login("manager@alpha.cn")
    english(client)
    with count_queries() as few:
        page = client.get("/t/alpha/warnings?kind=ip.grace").get_data(as_text=True)
    with app.app_context():
        for i in range(5):
            db.session.add(
                IPAsset(
                    startup_id=startup.id,
                    kind="utility_model",
                    title=f"装置{i}",
                    status="granted",
                    filed_on=date(2020, 3, 2),
                    granted_on=date(2020, 9, 1),
                )
            )
        db.session.commit()
    with count_queries() as many:
        client.get("/t/alpha/warnings?kind=ip.grace")
    assert "IP right in its grace period" in page and few() == many()
