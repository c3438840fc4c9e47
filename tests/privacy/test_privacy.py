"""Personal information (个人信息保护法): the notice, consent, one's data, closing an account."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.api.models import ApiToken
from core.applications.models import Application, Review
from core.audit.models import AuditEvent
from core.auth.models import User
from core.carriers import operations as carriers
from core.enrollments.models import Milestone, MilestoneChange
from core.extensions import db
from core.notifications.models import Notification
from core.registry.models import Startup
from core.tenancy.models import Membership, Role, Tenant
from tests.conftest import PASSWORD

SIGNUP = {
    "name": "王建华",
    "email": "wang@example.cn",
    "password": PASSWORD,
    "confirm": PASSWORD,
}


def client_of(app, email, locale="en", password=PASSWORD):
    client = app.test_client()
    client.post("/language", data={"locale": locale})
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def user_row(app, email) -> User | None:
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


# -- the notice ------------------------------------------------------------------------


def test_the_notice_names_the_operator_and_cites_the_law_in_both_languages(make_app):
    app = make_app(PRIVACY_OPERATOR="平顶山市科学技术局", PRIVACY_CONTACT="pipl@kjj.example.cn")
    client = app.test_client()
    chinese = text(client.get("/privacy"))
    assert "平顶山市科学技术局" in chinese and "pipl@kjj.example.cn" in chinese
    assert "隐私政策" in chinese and "第十七条" in chinese
    for article in ("第四十四条", "第四十五条", "第四十六条", "第四十七条"):
        assert article in chinese
    assert "申请或入驻的载体" in chinese and "市科技局" in chinese
    client.post("/language", data={"locale": "en"})
    english = text(client.get("/privacy"))
    assert "Privacy notice" in english and "平顶山市科学技术局" in english
    assert "The city science bureau" in english and "How long it is kept" in english


def test_every_page_links_the_notice_in_its_footer_and_sign_up_links_it_by_the_box(client):
    for path in ("/", "/login", "/signup"):
        footer = re.search(r"<footer.*?</footer>", text(client.get(path)), re.S)[0]
        assert 'href="/privacy" id="footer-privacy">隐私政策</a>' in footer, path
    signup = text(client.get("/signup"))
    box = re.search(r'<div class="form-check mb-3" id="signup-consent">(.*?)</div>', signup, re.S)
    assert 'type="checkbox"' in box[1] and "checked" not in box[1]
    assert 'href="/privacy"' in box[1]


# -- consent ---------------------------------------------------------------------------


def test_sign_up_without_ticking_the_box_is_refused_and_writes_nothing(app, client):
    client.post("/language", data={"locale": "en"})
    page = text(client.post("/signup", data=SIGNUP))
    assert "Please read the privacy notice and tick the box to agree." in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_sign_up_records_when_and_which_version_was_consented_to(make_app):
    app = make_app(PRIVACY_NOTICE_VERSION="2026-12")
    app.test_client().post("/signup", data={**SIGNUP, "consent": "y"})
    user = user_row(app, "wang@example.cn")
    assert user.privacy_notice_version == "2026-12"
    assert user.privacy_consented_at is not None


def test_accounts_from_before_versioning_count_as_consented_to_the_first_version(app, factory):
    factory.user("old@example.cn")
    assert user_row(app, "old@example.cn").privacy_notice_version is None
    client = client_of(app, "old@example.cn")
    assert client.get("/notifications").status_code == 200


def test_a_new_version_is_consented_to_before_anything_else(make_app, factory_for):
    app = make_app(PRIVACY_NOTICE_VERSION="2")
    factory_for(app).user("old@example.cn")
    client = app.test_client()
    client.post("/language", data={"locale": "en"})
    login = client.post(
        "/login?next=/notifications", data={"email": "old@example.cn", "password": PASSWORD}
    )
    asked = client.get(login.headers["Location"])
    assert asked.status_code == 302 and asked.headers["Location"].startswith(
        "/account/privacy/consent?next=/notifications"
    )
    page = text(client.get(asked.headers["Location"]))
    assert "The privacy notice has changed" in page and "version 2" in page
    # Refusing is possible: the person may still read, download and close.
    assert client.get("/account").status_code == 200
    assert client.get("/account/data.json").status_code == 200
    refused = client.post("/account/privacy/consent?next=/notifications", data={})
    assert "tick the box to agree" in text(refused)
    assert client.get("/notifications").status_code == 302
    agreed = client.post("/account/privacy/consent?next=/notifications", data={"consent": "y"})
    assert agreed.headers["Location"] == "/notifications"
    assert client.get("/notifications").status_code == 200
    user = user_row(app, "old@example.cn")
    assert user.privacy_notice_version == "2" and user.privacy_consented_at is not None
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "privacy.consented")
        )
        assert event.actor_id == user.id and event.after == {"version": "2"}


@pytest.fixture
def factory_for():
    from tests.conftest import Factory

    return Factory


# -- one's own data --------------------------------------------------------------------


@pytest.fixture
def world(app, factory):
    """Wang founds a startup with Li, applied to alpha; he reviews at beta; Zhao is a stranger."""
    alpha = factory.tenant("alpha")
    beta = factory.tenant("beta")
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER, "阿尔法经理")
    factory.member(beta, "wang@example.cn", Role.REVIEWER, "王建华")
    factory.member(beta, "boss@beta.cn", Role.MANAGER, "贝塔经理")
    shared = factory.startup(
        "共创科技有限公司",
        founders=("wang@example.cn", "li@example.cn"),
        contact_name="王建华",
        contact_email="wang@example.cn",
        contact_phone="13800000001",
    )
    own = factory.startup("王氏独创工作室", founders=("wang@example.cn",), kind="team")
    other = factory.startup("赵家私密科技", founders=("zhao@example.cn",))
    enrollment = factory.enrollment(alpha, shared, "makerspace")
    with app.app_context():
        wang = db.session.scalar(select(User).where(User.email == "wang@example.cn"))
        zhao = db.session.scalar(select(User).where(User.email == "zhao@example.cn"))
        li = db.session.scalar(select(User).where(User.email == "li@example.cn"))
        li.name = "李小龙"
        zhao.name = "赵秘密"
        alpha_row = db.session.get(Tenant, alpha.id)
        mine = Application(
            startup_id=shared.id,
            tenant_id=alpha.id,
            stage="makerspace",
            status="admitted",
            answers={"team_size": 4},
            created_by_id=wang.id,
        )
        theirs = Application(
            startup_id=other.id,
            tenant_id=beta.id,
            stage="makerspace",
            status="submitted",
            answers={"team_size": 9},
            created_by_id=zhao.id,
        )
        db.session.add_all([mine, theirs])
        db.session.flush()
        db.session.add(
            Review(
                application_id=theirs.id,
                reviewer_id=wang.id,
                scores={"team": 8},
                total=Decimal("80.00"),
                comment="团队扎实",
                no_conflict_declared_at=datetime(2026, 3, 2, tzinfo=UTC),
            )
        )
        milestone = db.session.scalar(
            select(Milestone).where(Milestone.enrollment_id == enrollment.id).limit(1)
        )
        db.session.add(
            MilestoneChange(
                milestone_id=milestone.id,
                actor_id=wang.id,
                action="updated",
                status="in_progress",
                progress=40,
                comment="完成样机",
            )
        )
        db.session.add(
            MilestoneChange(
                milestone_id=milestone.id,
                actor_id=li.id,
                action="updated",
                status="in_progress",
                progress=60,
                comment="李的更新",
            )
        )
        db.session.add(Notification(user_id=wang.id, kind="reminder", params={"what": "王的提醒"}))
        db.session.add(Notification(user_id=zhao.id, kind="reminder", params={"what": "赵的提醒"}))
        # An event Wang caused that names someone else: Zhao's address must not be in his file.
        carriers.add_member(alpha_row, zhao, Role.REVIEWER, actor=wang)
        db.session.commit()
        ids = {
            "shared": shared.id,
            "own": own.id,
            "other": other.id,
            "wang": wang.id,
            "alpha": alpha.id,
            "beta": beta.id,
            "zhao": zhao.id,
            "li": li.id,
        }
    wang_client = client_of(app, "wang@example.cn")
    wang_client.post("/account/tokens", data={"name": "统计导出"})
    zhao_client = client_of(app, "zhao@example.cn")
    zhao_client.post("/account/tokens", data={"name": "赵的令牌"})
    return ids


STRANGERS = (
    "zhao@example.cn",
    "赵秘密",
    "赵家私密科技",
    "赵的提醒",
    "赵的令牌",
    "li@example.cn",
    "李小龙",
    "李的更新",
    "9",
)


def test_the_json_download_holds_the_persons_data_and_nobody_elses(app, world):
    client = client_of(app, "wang@example.cn")
    page = text(client.get("/account"))
    assert 'href="/account/data.json"' in page and 'href="/account/data.xlsx"' in page
    response = client.get("/account/data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.data)
    assert data["account"] == [data["account"][0]]
    account = data["account"][0]
    assert (account["name"], account["email"]) == ("王建华", "wang@example.cn")
    assert "password_hash" not in account and "$argon2" not in response.get_data(as_text=True)
    assert {(m["carrier"], m["role"]) for m in data["memberships"]} == {("beta", "reviewer")}
    assert {s["name_zh"] for s in data["startups"]} == {"共创科技有限公司", "王氏独创工作室"}
    assert {link["startup_id"] for link in data["founder_links"]} == {world["shared"], world["own"]}
    [application] = data["applications"]
    assert (application["carrier"], application["answers"]) == ("alpha", {"team_size": 4})
    [update] = data["milestone_updates"]
    assert (update["progress"], update["comment"]) == (40, "完成样机")
    [review] = data["reviews"]
    assert (review["scores"], review["total"], review["comment"]) == ({"team": 8}, 80.0, "团队扎实")
    assert review["no_conflict_declared_at"].startswith("2026-03-02")
    [notification] = data["notifications"]
    assert notification["params"] == {"what": "王的提醒"}
    [token] = data["api_tokens"]
    assert token["name"] == "统计导出" and set(token) == {
        "name",
        "created_at",
        "last_used_at",
        "revoked_at",
    }
    # The browser that asked for the download is one of the person's sessions (no key, no hash).
    assert data["sessions"] and all(
        set(browser) == {"created_at", "last_seen_at", "user_agent"} for browser in data["sessions"]
    )
    actions = [e["action"] for e in data["audit_events"]]
    assert "membership.added" in actions and "api_token.created" in actions
    added = next(e for e in data["audit_events"] if e["action"] == "membership.added")
    assert added["after"]["user"] == "[another person's address]"
    raw = response.get_data(as_text=True)
    with app.app_context():
        hashes = db.session.scalars(select(ApiToken.token_hash))
        assert not any(h in raw for h in hashes)
    for stranger in STRANGERS[:-1]:
        assert stranger not in raw, stranger
    assert '"team_size": 9' not in raw


def test_the_xlsx_download_has_a_sheet_per_section_with_the_same_rows(app, world):
    client = client_of(app, "wang@example.cn")
    response = client.get("/account/data.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}
    assert list(sheets) == [
        "Account",
        "Roles at carriers",
        "Startups you found",
        "Founder links",
        "Applications you submitted",
        "Milestone updates you made",
        "Review scores you gave",
        "Notifications",
        "API tokens",
        "Logged-in browsers",
        "Audit log entries you caused",
    ]
    header, row = sheets["Account"]
    assert dict(zip(header, row, strict=True))["email"] == "wang@example.cn"
    startups = sheets["Startups you found"]
    names = {dict(zip(startups[0], r, strict=True))["name_zh"] for r in startups[1:]}
    assert names == {"共创科技有限公司", "王氏独创工作室"}
    [header, review] = sheets["Review scores you gave"]
    assert dict(zip(header, review, strict=True))["scores"] == '{"team": 8}'
    [header, token] = sheets["API tokens"]
    assert header == ["name", "created_at", "last_used_at", "revoked_at"] and token[0] == "统计导出"
    cells = " ".join(str(c) for rows in sheets.values() for r in rows for c in r if c is not None)
    for stranger in STRANGERS[:-1]:
        assert stranger not in cells, stranger


def test_another_format_is_not_found_and_anonymous_visitors_log_in(app, world, client):
    assert client.get("/account/data.json").status_code == 302
    assert client_of(app, "wang@example.cn").get("/account/data.csv").status_code == 404


# -- closing one's account -------------------------------------------------------------


def close(client, password=PASSWORD, confirm="y"):
    data = {"password": password}
    if confirm:
        data["confirm"] = confirm
    return client.post("/account/close", data=data)


def test_closing_needs_the_password_and_the_confirmation(app, world):
    client = client_of(app, "wang@example.cn")
    assert "The password is not correct." in text(close(client, password="wrong password"))
    assert "Tick the box to confirm." in text(close(client, confirm=None))
    user = user_row(app, "wang@example.cn")
    assert user is not None and user.closed_at is None
    assert client.get("/account").status_code == 200


def test_closing_removes_name_and_contacts_and_ends_every_way_in(app, world, factory):
    factory.user("admin@city.cn", "市科技局管理员", admin=True)
    client = client_of(app, "wang@example.cn")
    other_session = client_of(app, "wang@example.cn")
    token_client = app.test_client()
    wang_token = _new_token(app, "wang@example.cn")
    assert (
        token_client.get(
            "/api/v1/tenants", headers={"Authorization": f"Bearer {wang_token}"}
        ).status_code
        == 200
    )

    closed = close(client)
    assert closed.status_code == 302 and closed.headers["Location"] == "/"
    home = text(client.get("/"))
    assert f"Closed account #{world['wang']}" in home and "王建华" not in home

    with app.app_context():
        user = db.session.get(User, world["wang"])
        assert user.name == f"已注销用户 #{world['wang']} / Closed account #{world['wang']}"
        assert user.email == f"closed-{world['wang']}@closed.invalid"
        assert user.closed_at is not None and not user.password_hash.startswith("$argon2")
        assert (
            db.session.scalar(
                select(func.count()).select_from(Membership).where(Membership.user_id == user.id)
            )
            == 0
        )
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(Notification)
                .where(Notification.user_id == user.id)
            )
            == 0
        )
        assert all(
            t.revoked_at is not None
            for t in db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id))
        )
        # The carriers' records stay, under the pseudonym.
        assert (
            db.session.scalar(
                select(func.count()).select_from(Review).where(Review.reviewer_id == user.id)
            )
            == 1
        )
        shared = db.session.get(Startup, world["shared"])
        assert [f.email for f in shared.founders] == ["li@example.cn"]
        assert (shared.contact_name, shared.contact_email, shared.contact_phone) == ("", "", "")
        own = db.session.get(Startup, world["own"])
        assert [f.email for f in own.founders] == ["admin@city.cn"]

    # No way back in: the other session, the old address and password, the token.
    assert other_session.get("/account").status_code == 302
    assert client.get("/account").status_code == 302
    refused = app.test_client().post(
        "/login", data={"email": "wang@example.cn", "password": PASSWORD}
    )
    assert refused.status_code == 200
    assert (
        token_client.get(
            "/api/v1/tenants", headers={"Authorization": f"Bearer {wang_token}"}
        ).status_code
        == 401
    )

    # The address can sign up again, as a new person.
    again = app.test_client()
    again.post("/signup", data={**SIGNUP, "name": "王新", "consent": "y"})
    newcomer = user_row(app, "wang@example.cn")
    assert newcomer is not None and newcomer.id != world["wang"] and newcomer.name == "王新"


def _new_token(app, email):
    client = client_of(app, email)
    page = text(client.post("/account/tokens", data={"name": "再一个"}))
    return re.search(r'id="new-token">.*?<code[^>]*>(icn_[^<]+)</code>', page, re.S).group(1)


def test_the_audit_log_shows_the_pseudonym_never_the_name_or_address(app, world, factory):
    factory.user("admin@city.cn", "市科技局管理员", admin=True)
    factory.member(db_tenant(app, world["beta"]), "zhao@example.cn", Role.MANAGER, "赵秘密")
    # Before closing, Wang's address is in beta's log (he was added as a reviewer).
    manager = client_of(app, "boss@beta.cn")
    assert "wang@example.cn" in text(manager.get("/t/beta/audit"))
    close(client_of(app, "wang@example.cn"))
    for path in ("/t/beta/audit", "/t/beta/audit.csv"):
        page = text(manager.get(path))
        assert "wang@example.cn" not in page and "王建华" not in page, path
        assert f"Closed account #{world['wang']}" in page, path
    # The startup he alone founded passed to the platform admin, as alpha's log... (it was not
    # linked to alpha: the shared one is). The shared one kept Li; alpha's log says he left.
    alpha_log = text(client_of(app, "manager@alpha.cn").get("/t/alpha/audit"))
    assert "wang@example.cn" not in alpha_log and "王建华" not in alpha_log
    with app.app_context():
        passed = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "startup.passed_to_admin")
        ).all()
        assert [(e.object_id, e.tenant_id, e.after["platform_admin"]) for e in passed] == [
            (str(world["own"]), None, "admin@city.cn")
        ]
        closed = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.closed"))
        assert closed.after["startups_passed_to_admin"] == [world["own"]]
        # The stored snapshots are not rewritten (append-only; see docs/security.md).
        added = db.session.scalar(
            select(AuditEvent)
            .where(AuditEvent.action == "membership.added", AuditEvent.tenant_id == world["beta"])
            .order_by(AuditEvent.id)
            .limit(1)
        )
        assert added.after["user"] == "wang@example.cn"


def db_tenant(app, tenant_id):
    with app.app_context():
        return db.session.get(Tenant, tenant_id)


def test_a_startup_passed_to_the_admin_is_recorded_at_each_carrier_linked_to_it(
    app, world, factory
):
    factory.user("admin@city.cn", "市科技局管理员", admin=True)
    with app.app_context():
        from core.registry import operations as registry

        registry.link([world["own"]], world["alpha"])
        db.session.commit()
    close(client_of(app, "wang@example.cn"))
    alpha_log = text(client_of(app, "manager@alpha.cn").get("/t/alpha/audit"))
    assert "Startup passed to the platform admin" in alpha_log and "admin@city.cn" in alpha_log


def test_the_last_manager_of_a_carrier_is_refused_with_a_message(app, world):
    client = client_of(app, "manager@alpha.cn")
    page = text(close(client))
    assert "You are the last manager of alpha carrier." in page
    assert "Invite another manager there" in page
    user = user_row(app, "manager@alpha.cn")
    assert user is not None and user.closed_at is None


def test_the_last_founder_without_a_platform_admin_is_refused(app, world):
    page = text(close(client_of(app, "wang@example.cn")))
    assert "there is no platform admin to pass it to" in page
    assert user_row(app, "wang@example.cn").closed_at is None
