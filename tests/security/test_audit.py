"""The audit log: every state change is recorded, readable, exportable, and not editable."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.auth.models import User
from core.enrollments.models import Milestone
from core.extensions import db
from core.settings import services as settings
from core.tenancy.models import Tenant
from tests.security import world as seeded
from tests.security.sweep import routes


@pytest.fixture
def fresh(app) -> seeded.World:
    """A world of one's own: these tests change it."""
    return seeded.build(app)


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def post(client, url, **data):
    response = client.post(url, data=data)
    assert response.status_code in (200, 302), (url, response.status_code)
    return response


def change_everything(app, fresh) -> None:
    """Admit, verify, revoke, tune a setting, invite and remove a member at alpha."""
    ids = fresh.ids
    manager = fresh.client("manager")
    post(
        manager,
        f"/t/alpha/applications/{ids['application']}/decision",
        decision="admit",
        admitted_on=date.today().isoformat(),
        reason="材料齐全",
    )
    with app.app_context():
        milestone = db.session.scalar(
            select(Milestone.id).where(
                Milestone.enrollment_id == ids["alpha_enrollment"], Milestone.id != ids["milestone"]
            )
        )
    post(manager, f"/milestones/{milestone}/verify", comment="已核实")
    post(manager, f"/certificates/{ids['certificate']}/revoke", reason="信息有误")
    with app.test_request_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "alpha"))
        current = settings.tenant_ref(tenant).settings["incubator"]
    form = {k: v for k, v in current.items() if not isinstance(v, bool)}
    form.update({k: "y" for k, v in current.items() if v is True})
    form["graduation_funding"] = "777"
    post(manager, "/t/alpha/settings/incubator", **form)
    post(manager, "/t/alpha/members", email="new.reviewer@alpha.cn", role="reviewer")
    post(manager, f"/t/alpha/members/{ids['reviewer_membership']}/remove")


def test_every_kind_of_state_change_is_audited(app, fresh):
    before = len(actions(app))
    change_everything(app, fresh)
    added = actions(app)[before:]
    for action in (
        "application.decided",
        "enrollment.created",
        "milestone.verified",
        "certificate.revoked",
        "settings.updated",
        "invitation.sent",
        "membership.removed",
    ):
        assert action in added, (action, added)
    # Graduation, evidence and reviewer assignment were audited while the world was built.
    for action in ("enrollment.graduated", "evidence.added", "application.reviewers_assigned"):
        assert action in actions(app)[:before]


def test_the_page_shows_actions_objects_and_changes_in_words(fresh):
    manager = fresh.client("manager")
    manager.post("/language", data={"locale": "en"})
    page = manager.get("/t/alpha/audit").get_data(as_text=True)
    assert "<td>Graduated</td>" in page
    assert "<td>Evidence uploaded</td>" in page
    assert "Graduation “Makerspace” of 阿尔法毕业科技有限公司" in page
    assert "#1" not in page  # every object by its name
    assert "<dt>Reason for graduating anyway</dt>" in page and "满足条件的历史记录" in page
    assert "<dt>Reviewers</dt>" in page and "<dd>Alpha Reviewer One</dd>" in page
    assert "<dd>Makerspace, Incubator, Accelerator</dd>" in page  # values by their labels
    assert "{&#34;" not in page and '{"' not in page  # no raw JSON
    manager.post("/language", data={"locale": "zh_CN"})
    page = manager.get("/t/alpha/audit").get_data(as_text=True)
    assert "<td>已毕业</td>" in page and "证明材料已上传" in page
    assert "阿尔法毕业科技有限公司的毕业「众创空间」" in page


def test_the_page_shows_only_this_carriers_events(fresh):
    page = fresh.client("manager").get("/t/alpha/audit").get_data(as_text=True)
    assert "贝塔机密科技有限公司" not in page and "manager@beta.cn" not in page


def test_the_export_has_every_event_of_the_carrier_in_csv_and_excel(app, fresh):
    manager = fresh.client("manager")
    manager.post("/language", data={"locale": "en"})
    with app.app_context():
        expected = db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .join(Tenant, Tenant.id == AuditEvent.tenant_id)
            .where(Tenant.slug == "alpha")
        )
    response = manager.get("/t/alpha/audit.csv")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="audit-alpha-')
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][:4] == ["Time (China)", "Who", "Email", "Action"]
    assert len(rows) == expected + 1
    graduated = next(r for r in rows if r[4] == "enrollment.graduated")
    assert graduated[1:4] == ["Alpha Manager", "manager@alpha.cn", "Graduated"]
    assert graduated[5] == "Graduation “Makerspace” of 阿尔法毕业科技有限公司"
    assert "Serial number: — → ALPHA-2026-0001" in graduated[6]
    assert not any("贝塔" in cell for row in rows for cell in row)

    response = manager.get("/t/alpha/audit.xlsx")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    cells = [[v or "" for v in r] for r in sheet.iter_rows(values_only=True)]
    assert cells == rows
    assert manager.get("/t/alpha/audit.pdf").status_code == 404


def test_exported_cells_cannot_run_as_formulas(app, fresh):
    """A name chosen at sign-up that looks like a formula stays text in the export."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "founder@alpha.cn"))
        user.name = '=HYPERLINK("http://evil.example","x")'
        db.session.commit()
    founder = fresh.client("founder")
    founder.post(
        f"/milestones/{fresh.ids['milestone']}/update",
        data={"status": "in_progress", "progress": "10", "notes": ""},
    )
    manager = fresh.client("manager")
    rows = list(
        csv.reader(io.StringIO(manager.get("/t/alpha/audit.csv").get_data().decode("utf-8-sig")))
    )
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","x")'
    sheet = load_workbook(io.BytesIO(manager.get("/t/alpha/audit.xlsx").get_data())).active
    assert sheet.cell(row=2, column=2).data_type == "s"


def test_the_page_makes_the_same_queries_for_few_or_many_events(app, fresh, count_queries):
    client = fresh.client("manager")
    with count_queries() as few:
        client.get("/t/alpha/audit")
    client.post("/t/alpha/members", data={"email": "a@alpha.cn", "role": "reviewer"})
    client.post("/t/alpha/members", data={"email": "b@alpha.cn", "role": "reviewer"})
    with count_queries() as many:
        client.get("/t/alpha/audit")
    assert many() == few()
    record_rows(app, fresh)
    with count_queries() as some_rows:
        client.get("/t/alpha/audit")
    record_rows(app, fresh)
    with count_queries() as more_rows:
        client.get("/t/alpha/audit")
    assert more_rows() == some_rows()


def record_rows(app, fresh) -> None:
    """An IP asset added, changed and deleted, and a funding round added, at alpha."""
    from core.registry import operations as registry
    from core.registry.models import Startup
    from core.registry.sections import SECTIONS_BY_KEY

    with app.test_request_context(method="POST"):
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "alpha"))
        startup = db.session.get(Startup, fresh.ids["startup"])
        ip = SECTIONS_BY_KEY["ip"]
        values = {"kind": "utility_model", "title": "一种电池热管理装置", "status": "applied"}
        row = registry.add_row(
            ip, startup, {**values, "number": "", "filed_on": None}, tenant=tenant
        )
        registry.update_row(ip, row, {**values, "status": "granted"}, tenant=tenant)
        gone = registry.add_row(
            ip,
            startup,
            {**values, "title": "废弃的外观设计", "number": "", "filed_on": None},
            tenant=tenant,
        )
        registry.delete_row(ip, gone, tenant=tenant)
        funding = {"date": date(2026, 3, 1), "kind": "grant", "amount": 900, "investor": "市科技局"}
        registry.add_row(SECTIONS_BY_KEY["funding"], startup, funding, tenant=tenant)
        db.session.commit()


def test_rows_and_their_values_are_named_as_the_record_names_them(app, fresh):
    record_rows(app, fresh)
    manager = fresh.client("manager")
    manager.post("/language", data={"locale": "en"})
    page = manager.get("/t/alpha/audit").get_data(as_text=True)
    startup = seeded.ALPHA_PRIVATE[0]
    assert f"IP asset “一种电池热管理装置” of {startup}" in page
    assert f"IP asset “废弃的外观设计” of {startup}" in page  # deleted, named as it was
    assert "<dt>Kind</dt>\n      <dd>Utility model</dd>" in page and "utility_model" not in page
    assert "<dd><del>Applied</del> → Granted</dd>" in page
    assert f"Funding round “2026-03-01 Government grant” of {startup}" in page
    assert "<dt>Number</dt>" not in page  # nothing recorded, nothing shown
    manager.post("/language", data={"locale": "zh_CN"})
    page = manager.get("/t/alpha/audit").get_data(as_text=True)
    assert f"{startup}的知识产权「一种电池热管理装置」" in page
    assert "<dd>实用新型专利</dd>" in page and "<del>已申请</del> → 已授权" in page


def listed(client, **args) -> list[str]:
    """The actions (keys) the log page lists for these filters."""
    from urllib.parse import urlencode

    page = client.get(f"/t/alpha/audit?{urlencode(args)}").get_data(as_text=True)
    return re.findall(r'<tr data-action="([^"]+)"', page)


def test_the_log_filters_by_person_object_action_date_and_search(app, fresh):
    record_rows(app, fresh)
    manager = fresh.client("manager")
    everything = listed(manager)
    with app.app_context():
        manager_id = db.session.scalar(select(User.id).where(User.email == "manager@alpha.cn"))
    by_manager = listed(manager, who=manager_id)
    assert "enrollment.graduated" in by_manager and "application.submitted" not in by_manager
    assert set(listed(manager, kind="IPAsset")) == {"ip.created", "ip.updated", "ip.deleted"}
    assert listed(manager, action="ip.deleted") == ["ip.deleted"]
    assert listed(manager, since="2000-01-01", until="2000-12-31") == []
    today = date.today().isoformat()
    assert len(listed(manager, since=today)) == len(everything)
    # A startup by its name, a recorded value in Chinese, a person, an action's label.
    assert "enrollment.graduated" in listed(manager, q="毕业科技")
    assert listed(manager, q="废弃") == ["ip.created", "ip.deleted"][::-1]
    assert "application.submitted" in listed(manager, q="创业者")
    manager.post("/language", data={"locale": "en"})
    assert set(listed(manager, q="evidence uploaded")) == {"evidence.added"}
    assert listed(manager, q="100%_!") == []  # LIKE's wildcards are taken literally
    page = manager.get("/t/alpha/audit?since=31-31-2026").get_data(as_text=True)
    assert 'class="invalid-feedback"' in page and "enrollment.graduated" in page


def test_the_export_is_narrowed_as_the_page_is(app, fresh):
    record_rows(app, fresh)
    manager = fresh.client("manager")
    manager.post("/language", data={"locale": "en"})
    page = manager.get("/t/alpha/audit?kind=IPAsset").get_data(as_text=True)
    assert 'href="/t/alpha/audit.csv?kind=IPAsset"' in page
    rows = list(
        csv.reader(
            io.StringIO(
                manager.get("/t/alpha/audit.csv?kind=IPAsset").get_data().decode("utf-8-sig")
            )
        )
    )
    assert [r[4] for r in rows[1:]] == ["ip.deleted", "ip.created", "ip.updated", "ip.created"]
    assert all(r[5].startswith("IP asset “") for r in rows[1:])
    assert rows[-2][6] == "Status: Applied → Granted"  # the startup is named with the object
    assert rows[-1][6].startswith("Kind: — → Utility model; Title: — → 一种电池热管理装置")


def test_no_route_can_change_the_audit_log(app):
    for endpoint, rule in routes(app).items():
        if "audit" in endpoint or "audit" in rule.rule:
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, endpoint
