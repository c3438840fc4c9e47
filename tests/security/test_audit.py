"""The audit log: every state change is recorded, readable, exportable, and not editable."""

from __future__ import annotations

import csv
import io
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


def test_every_kind_of_state_change_is_audited(app, fresh):
    ids = fresh.ids
    manager = fresh.client("manager")
    before = len(actions(app))
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
    assert "Graduation #1" in page
    assert "<dt>Reason for graduating anyway</dt>" in page and "满足条件的历史记录" in page
    assert "<dt>Reviewers</dt>" in page
    assert "{&#34;" not in page and '{"' not in page  # no raw JSON
    manager.post("/language", data={"locale": "zh_CN"})
    page = manager.get("/t/alpha/audit").get_data(as_text=True)
    assert "<td>已毕业</td>" in page and "证明材料已上传" in page


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


def test_no_route_can_change_the_audit_log(app):
    for endpoint, rule in routes(app).items():
        if "audit" in endpoint or "audit" in rule.rule:
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, endpoint
