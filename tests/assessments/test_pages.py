"""The ladder on the pages: the startup page, the lists, one-condition-away, manual items."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from core import hooks
from core.assessments.models import ManualScore
from core.audit.models import AuditEvent
from core.extensions import db
from core.plugin_api import PluginContractError, hookimpl
from core.plugins import incuchain
from core.registry.models import Startup
from core.rules.context import one_startup
from tests.assessments.conftest import add_figures
from tests.conftest import assign_reviewer
from tests.registry.conftest import english, shows


def test_hook_incuchain_startup_assessments(app, near):
    with app.app_context():
        facts = one_startup(db.session.get(Startup, near.id))
        ladder = hooks.startup_assessments(facts, date(2026, 6, 1), {})
        assert [a.key for a in ladder] == ["tech_sme", "high_tech", "innovative_sme", "specialized"]
        assert ladder[0].score_parts[0].points_low == 20

        class Twice:
            @hookimpl
            def incuchain_startup_assessments(self, startup, as_of, inputs):
                return [ladder[0]]

        incuchain().pm.register(Twice())
        with pytest.raises(PluginContractError, match="tech_sme"):
            hooks.startup_assessments(facts, date(2026, 6, 1), {})


def test_startup_page_shows_the_breakdown_and_what_would_raise_the_score(client, auth, near):
    auth.login("manager@alpha.cn")
    english(client)
    page = client.get(f"/t/alpha/startups/{near.id}").get_data(as_text=True)
    assert 'id="ladder-tech_sme"' in page
    assert "Score 50; 1 missing: Score at least 60" in page
    assert "Technical staff" in page and "20 / 20" in page and "30 / 50" in page
    assert shows(page, "One more class Ⅰ IP right (e.g. an invention patent): +30 points")
    assert "Not in the data: to be confirmed by the company" in page
    assert f"/t/alpha/startups/{near.id}/ladder/high_tech" in page


def test_reviewers_and_founders_see_the_ladder_but_enter_nothing(app, client, auth, near, carrier):
    assign_reviewer(app, carrier[0].id, near.id, "reviewer@alpha.cn")  # reviewers: assigned only
    auth.login("reviewer@alpha.cn")
    page = client.get(f"/t/alpha/startups/{near.id}").get_data(as_text=True)
    assert 'id="ladder-high_tech"' in page and "/ladder/high_tech" not in page
    auth.logout()
    auth.login("founder@near.cn")
    page = client.get(f"/startups/{near.id}").get_data(as_text=True)
    assert "评价得分不低于60分" in page and "/ladder/high_tech" not in page


def test_lists_have_a_ladder_column(client, auth, near):
    auth.login("manager@alpha.cn")
    english(client)
    for url in ("/t/alpha/startups", "/t/alpha/stages/incubator"):
        page = client.get(url).get_data(as_text=True)
        assert "<th>Ladder</th>" in page
        assert "ladder-tech_sme ladder-not_met" in page
        assert "Tech SME · 1 condition away" in page


def test_one_condition_away_names_the_condition(client, auth, app, factory, carrier, near):
    alpha, beta = carrier
    far = factory.startup("远方科技", founded_on=date(2020, 1, 1))
    add_figures(app, far.id, tech_staff=5, rd_expense=0)
    factory.enrollment(alpha, far, "incubator", admitted_on=date(2025, 1, 1))
    elsewhere = factory.startup("别处科技", founded_on=date(2020, 1, 1))
    add_figures(app, elsewhere.id)
    factory.enrollment(beta, elsewhere, "incubator", admitted_on=date(2025, 1, 1))
    auth.login("manager@alpha.cn")
    overview = client.get("/t/alpha/").get_data(as_text=True)
    assert "/t/alpha/ladder/near" in overview
    page = client.get("/t/alpha/ladder/near").get_data(as_text=True)
    rows = page.split('id="near"')[1].split("<tr>")[2:]
    tech_sme = [row for row in rows if "科技型中小企业" in row]
    assert len(tech_sme) == 1  # 远方科技 misses both the score and the staff score
    assert "临近科技" in tech_sme[0] and "评价得分不低于60分" in tech_sme[0]
    assert shows(tech_sme[0], "得分 50 分,< 60")
    assert "别处科技" not in page


def test_one_condition_away_is_for_the_carriers_managers(client, auth, near):
    auth.login("reviewer@alpha.cn")
    assert client.get("/t/alpha/ladder/near").status_code == 403
    auth.logout()
    auth.login("manager@beta.cn")
    assert client.get("/t/alpha/ladder/near").status_code == 404


def scores(app) -> dict:
    with app.app_context():
        return {r.item: r.value for r in db.session.scalars(select(ManualScore))}


def test_a_manager_enters_the_expert_items_audited(client, auth, app, near):
    auth.login("manager@alpha.cn")
    url = f"/t/alpha/startups/{near.id}/ladder/high_tech"
    assert "技术的先进程度 (0–8)" in client.get(url).get_data(as_text=True)
    response = client.post(url, data={"tech_advancement": "7", "conversion": "18"})
    assert response.status_code == 302
    assert scores(app) == {"tech_advancement": 7, "conversion": 18}
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event.action == "assessment.scores_entered"
        assert event.after == {"assessment": "high_tech", "tech_advancement": 7, "conversion": 18}
    page = client.get(f"/t/alpha/startups/{near.id}").get_data(as_text=True)
    assert "载体管理人员录入:7 分" in page
    client.post(url, data={"tech_advancement": "", "conversion": "18"})
    assert scores(app) == {"conversion": 18}


def test_points_out_of_range_are_refused_next_to_the_field(client, auth, app, near):
    auth.login("manager@alpha.cn")
    english(client)
    url = f"/t/alpha/startups/{near.id}/ladder/high_tech"
    response = client.post(url, data={"tech_advancement": "9", "conversion": "18"})
    assert response.status_code == 200
    assert "Enter whole points from 0 to 8." in response.get_data(as_text=True)
    response = client.post(url, data={"conversion": "abc"})
    assert response.status_code == 200
    assert scores(app) == {}


def test_only_the_carriers_managers_enter_items_for_its_startups(client, auth, app, near):
    url = f"/t/alpha/startups/{near.id}/ladder/high_tech"
    auth.login("reviewer@alpha.cn")
    assert client.post(url, data={"conversion": "1"}).status_code == 403
    auth.logout()
    auth.login("manager@beta.cn")
    assert client.get(f"/t/beta/startups/{near.id}/ladder/high_tech").status_code == 404
    auth.logout()
    auth.login("manager@alpha.cn")
    assert client.get(f"/t/alpha/startups/{near.id}/ladder/tech_sme").status_code == 404
    assert client.get(f"/t/alpha/startups/{near.id}/ladder/nothing").status_code == 404
    assert client.get("/t/alpha/startups/999999/ladder/high_tech").status_code == 404
    assert scores(app) == {}


def test_founders_see_the_ladder_in_their_list(client, auth, near):
    auth.login("founder@near.cn")
    page = client.get("/startups/").get_data(as_text=True)
    assert "ladder-tech_sme ladder-not_met" in page and "科小 · 差 1 项" in page


def test_one_condition_away_pages_by_fifty(client, auth, app, factory, carrier):
    alpha, _beta = carrier
    for number in range(14):  # four rows each: 56 rows
        startup = factory.startup(f"分页科技{number:02d}", founded_on=date(2020, 1, 1))
        add_figures(app, startup.id)
        factory.enrollment(alpha, startup, "incubator", admitted_on=date(2025, 1, 1))
    auth.login("manager@alpha.cn")
    first = client.get("/t/alpha/ladder/near").get_data(as_text=True)
    second = client.get("/t/alpha/ladder/near?page=2").get_data(as_text=True)
    assert first.count('class="missing"') == 50 and second.count('class="missing"') == 6
    assert "/t/alpha/ladder/near?page=2" in first


def test_an_assessment_hook_must_return_assessments(app, near):
    with app.app_context():
        facts = one_startup(db.session.get(Startup, near.id))

        class Wrong:
            @hookimpl
            def incuchain_startup_assessments(self, startup, as_of, inputs):
                return ["not an assessment"]

        incuchain().pm.register(Wrong())
        with pytest.raises(PluginContractError, match="str"):
            hooks.startup_assessments(facts, date(2026, 6, 1), {})


def test_the_breakdown_is_folded_unless_the_link_opens_it(client, auth, near):
    auth.login("manager@alpha.cn")
    folded = client.get(f"/t/alpha/startups/{near.id}").get_data(as_text=True)
    assert '<details class="assessment-details" open>' not in folded
    opened = client.get(f"/t/alpha/startups/{near.id}?ladder=high_tech").get_data(as_text=True)
    card = opened.split('id="ladder-high_tech"')[1].split('class="card mb-3"')[0]
    assert '<details class="assessment-details" open>' in card
    assert opened.count('<details class="assessment-details" open>') == 1
