"""The open vocabularies: kinds come from plugins, and each kind's rules are asked once.

Core's national terms are a built-in plugin's (core.default_vocabulary); a
plugin adds a kind without a migration; every part of the app that asks
whether a certification is valid on a day gets the same answer from its
kind's ``Validity`` (the 高企 certificate's third anniversary is its last day).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from core.extensions import db
from core.plugin_api import (
    CERTIFICATION,
    EQUITY,
    HELD,
    TECH_FIELD,
    PluginContractError,
    Term,
    Validity,
    hookimpl,
)
from core.plugins import incuchain
from core.registry.models import Certification, Startup
from core.reports import city
from core.rules.context import one_startup
from core.tenancy.models import Role
from core.warnings import rules as warnings
from plugins.assessments import high_tech as high_tech_assessment
from tests.conftest import Factory

ISSUED = date(2023, 6, 30)
ANNIVERSARY = date(2026, 6, 30)


class HenanGazelle:
    """A provincial recognition, added by a plugin as a third party would."""

    @hookimpl
    def incuchain_vocabulary(self):
        return [
            Term(
                vocabulary=CERTIFICATION,
                key="henan_gazelle",
                label_zh="河南省瞪羚企业",
                label_en="Henan gazelle enterprise",
                validity=Validity(years=2, citation="测试依据"),
            )
        ]


def test_hook_incuchain_vocabulary(make_app):
    app = make_app(INCUCHAIN_EXTRA_PLUGINS=(HenanGazelle(),))
    factory = Factory(app)
    startup = factory.startup("瞪羚科技", founders=("founder@pds.cn",))
    client = app.test_client()
    client.post("/login", data={"email": "founder@pds.cn", "password": "correct horse battery"})
    form = client.get(f"/startups/{startup.id}/certifications/new").get_data(as_text=True)
    assert "河南省瞪羚企业" in form
    response = client.post(
        f"/startups/{startup.id}/certifications/new",
        data={"kind": "henan_gazelle", "number": "HN-1", "issued_on": "2025-03-01"},
    )
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(select(Certification))
        # Stored without a migration, its end of validity from its own Validity.
        assert (row.kind, row.valid_until) == ("henan_gazelle", date(2027, 3, 1))
    assert "河南省瞪羚企业" in client.get(f"/startups/{startup.id}").get_data(as_text=True)
    refused = client.post(
        f"/startups/{startup.id}/certifications/new",
        data={"kind": "no_such_kind", "number": "X", "issued_on": "2025-03-01"},
    )
    assert refused.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Certification)) == 1


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        (
            [Term(vocabulary=TECH_FIELD, key="new_materials", label_zh="新材料", label_en="x")],
            "tech_field 'new_materials' is already defined by 'core.default_vocabulary'",
        ),
        ([Term(vocabulary="districts", key="x", label_zh="x", label_en="x")], "unknown vocabulary"),
        ([Term(vocabulary=TECH_FIELD, key="Bad Key", label_zh="x", label_en="x")], "malformed key"),
        (
            [Term(vocabulary="ip_kind", key="odd", label_zh="x", label_en="x", ip_class="III")],
            "IP class",
        ),
    ],
)
def test_a_broken_vocabulary_fails_at_start_up(make_app, terms, message):
    class Broken:
        @hookimpl
        def incuchain_vocabulary(self):
            return terms

    with pytest.raises(PluginContractError, match=message):
        make_app(INCUCHAIN_EXTRA_PLUGINS=(Broken(),))


def test_the_high_tech_certificate_ends_on_its_third_anniversary_everywhere(app, factory):
    """Facts, graduation rule, ladder, city view and warnings give one answer."""
    alpha = factory.tenant("alpha", stages=("incubator",))
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER)
    startup = factory.startup("高企科技")
    factory.enrollment(alpha, startup, "incubator", date(2025, 1, 1))
    with app.app_context():
        db.session.add(
            Certification(startup_id=startup.id, kind="high_tech", number="GR1", issued_on=ISSUED)
        )
        db.session.commit()
        stages = list(incuchain().stages)
        for day, valid in (
            (ANNIVERSARY - timedelta(days=1), True),
            (ANNIVERSARY, True),
            (ANNIVERSARY + timedelta(days=1), False),
        ):
            facts = one_startup(db.session.get(Startup, startup.id))
            assert (facts.holding("high_tech", day) is not None) is valid, day
            assert (high_tech_assessment(facts, day, {}).status == HELD) is valid, day
            view = city.build(stages, day.year, day)
            assert view.total.ladder.get("high_tech", 0) == (1 if valid else 0), day
            expiring = warnings.expiring_high_tech(day)
            assert [w.params()["day"] for w in expiring] == (
                [ANNIVERSARY.isoformat()] if valid else []
            ), day


def test_a_29_february_certificate_ends_on_28_february(app):
    with app.app_context():
        until = incuchain().vocabulary.valid_until(
            "high_tech", issued_on=date(2024, 2, 29), year=None, recorded=None
        )
    assert until == date(2027, 2, 28)


def test_a_yearly_registration_holds_for_its_year_only(app):
    with app.app_context():
        vocabulary = incuchain().vocabulary
        row = Certification(kind="tech_sme", year=2025)
        assert vocabulary.valid_on(row, date(2025, 12, 31))
        assert not vocabulary.valid_on(row, date(2026, 1, 1))


def test_kinds_carry_their_class_and_category(app):
    with app.app_context():
        vocabulary = incuchain().vocabulary
        assert vocabulary.ip_class("invention_patent") == "I"
        assert vocabulary.ip_class("software_copyright") == "II"
        assert vocabulary.category("angel") == vocabulary.category("vc") == EQUITY
        assert [t.key for t in vocabulary.ladder()] == [
            "tech_sme",
            "high_tech",
            "innovative_sme",
            "specialized",
        ]
        assert vocabulary.counts_as("specialized") == {"specialized", "innovative_sme"}


def test_switching_the_city_plugin_off_keeps_its_stored_keys_shown_as_stored(make_app):
    app = make_app(INCUCHAIN_DISABLED_PLUGINS=("plugins.pingdingshan",))
    factory = Factory(app)
    startup = factory.startup(
        "尼龙科技", founders=("founder@pds.cn",), tech_field="nylon_materials"
    )
    client = app.test_client()
    client.post("/login", data={"email": "founder@pds.cn", "password": "correct horse battery"})
    page = client.get(f"/startups/{startup.id}")
    assert page.status_code == 200 and "nylon_materials" in page.get_data(as_text=True)
