"""One commit per request, command or job (core.unit_of_work), and what follows it.

A request commits when its view returns; a view that raises keeps nothing.
Events and other after-commit work see committed data and never run for a
rolled-back change; a failing operation leaves no row, audit event or file.
"""

from __future__ import annotations

import ast
import io
import logging
from datetime import date
from pathlib import Path

import pytest
from flask import abort
from sqlalchemy import func, select

from core import unit_of_work
from core.applications.models import Application
from core.audit import service as audit
from core.audit.models import AuditEvent
from core.auth.models import User
from core.certificates import operations as certificate_operations
from core.certificates.models import Certificate
from core.enrollments import operations as enrollment_operations
from core.enrollments.models import Enrollment, Evidence, Milestone
from core.extensions import db
from core.graduation import operations as graduation
from core.graduation.models import Graduation, Referral
from core.notifications.models import Notification
from core.plugin_api import hookimpl
from core.refusals import NotPermitted
from core.registry.models import Startup
from core.tenancy.models import Role
from tests.certificates.conftest import world  # noqa: F401  (a carrier with startups)

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def committed_names() -> list[str]:
    """Startup names as another connection sees them: only what is committed."""
    with db.engine.connect() as conn:
        return list(conn.scalars(select(Startup.name_zh)))


@pytest.fixture
def probe(app):
    """A view that registers a startup, audits it and queues work, then maybe fails."""
    seen: dict[str, list] = {"after_commit": [], "on_rollback": []}

    def view(outcome: str):
        startup = Startup(name_zh=f"探针{outcome}", kind="team", tech_field="new_materials")
        db.session.add(startup)
        audit.record("startup.created", startup, after={"name_zh": startup.name_zh})
        unit_of_work.after_commit(lambda: seen["after_commit"].append(committed_names()))
        unit_of_work.on_rollback(lambda: seen["on_rollback"].append(outcome))
        if outcome == "refused":
            abort(403)
        if outcome == "broken":
            raise RuntimeError("a bug in the view")
        if outcome == "late":
            unit_of_work.after_commit(lambda: 1 / 0)
        return "done"

    app.add_url_rule("/probe/<outcome>", "probe", view, methods=["POST"])
    return seen


def test_a_view_that_returns_commits_once_then_runs_what_was_queued(app, client, probe):
    assert client.post("/probe/fine").status_code == 200
    assert probe == {"after_commit": [["探针fine"]], "on_rollback": []}
    assert count(app, AuditEvent, AuditEvent.action == "startup.created") == 1


def test_a_view_that_aborts_keeps_nothing_and_undoes_what_it_did(app, client, probe):
    assert client.post("/probe/refused").status_code == 403
    assert probe == {"after_commit": [], "on_rollback": ["refused"]}
    assert count(app, Startup) == 0 and count(app, AuditEvent) == 0


def test_a_view_that_fails_keeps_nothing(app, client, probe):
    with pytest.raises(RuntimeError):
        client.post("/probe/broken")
    assert probe == {"after_commit": [], "on_rollback": ["broken"]}
    assert count(app, Startup) == 0 and count(app, AuditEvent) == 0


def test_a_failing_after_commit_callback_is_logged_and_the_change_stands(
    app, client, probe, caplog
):
    with caplog.at_level(logging.ERROR, logger="core.unit_of_work"):
        assert client.post("/probe/late").status_code == 200
    assert count(app, Startup) == 1
    assert probe["after_commit"] == [["探针late"]]
    assert "an after-commit callback failed" in caplog.text


def test_a_command_or_job_commits_at_the_end_or_not_at_all(app):
    undone = []
    with app.app_context():
        with pytest.raises(ValueError), unit_of_work.transaction():
            db.session.add(Startup(name_zh="半途", kind="team", tech_field="new_materials"))
            unit_of_work.on_rollback(lambda: undone.append(True))
            unit_of_work.after_commit(lambda: pytest.fail("ran for a rolled-back change"))
            raise ValueError("the command failed")
        assert committed_names() == [] and undone == [True]
        with unit_of_work.transaction():
            db.session.add(Startup(name_zh="完成", kind="team", tech_field="new_materials"))
        assert committed_names() == ["完成"]


def test_a_failed_savepoint_undoes_only_its_own_part(app):
    ran, undone = [], []
    with app.app_context(), unit_of_work.transaction():
        db.session.add(Startup(name_zh="保留", kind="team", tech_field="new_materials"))
        unit_of_work.after_commit(lambda: ran.append("kept"))
        with pytest.raises(ValueError), unit_of_work.savepoint():
            db.session.add(Startup(name_zh="撤销", kind="team", tech_field="new_materials"))
            unit_of_work.after_commit(lambda: ran.append("dropped"))
            unit_of_work.on_rollback(lambda: undone.append("savepoint"))
            raise ValueError("refused")
    with app.app_context():
        assert committed_names() == ["保留"]
    assert ran == ["kept"] and undone == ["savepoint"]


# -- events see committed data; failing operations leave nothing -------------------------


class Observer:
    """Reads, through a connection of its own, what the event's change committed."""

    def __init__(self):
        self.decided: list[tuple[str, str | None]] = []
        self.graduated: list[tuple[int, int | None]] = []

    @hookimpl
    def incuchain_application_decided(self, application, actor):
        with db.engine.connect() as conn:
            stored = conn.scalar(select(Application.status).where(Application.id == application.id))
        self.decided.append((application.status, stored))

    @hookimpl
    def incuchain_graduated(self, graduation, actor):
        with db.engine.connect() as conn:
            found = select(func.count()).select_from(Referral)
            self.graduated.append(
                (
                    conn.scalar(found.where(Referral.graduation_id == graduation.id)),
                    conn.scalar(select(Graduation.id).where(Graduation.id == graduation.id)),
                )
            )


def test_events_see_committed_data(app, client, auth, world, factory):  # noqa: F811
    observer = Observer()
    app.extensions["incuchain"].pm.register(observer)
    auth.login("manager@alpha.cn")
    assert client.post(f"/enrollments/{world['funded']}/graduate").status_code == 302
    with app.app_context():
        graduation_id = db.session.scalar(select(Graduation.id))
    # The incubator's graduates are offered the accelerator: stored before the event.
    assert observer.graduated == [(1, graduation_id)]
    startup = factory.startup("申请科技", founders=("applicant@alpha.cn",))
    with app.app_context():
        db.session.add(
            Application(
                startup_id=startup.id,
                tenant_id=world["alpha"].id,
                stage="makerspace",
                status="submitted",
            )
        )
        db.session.commit()
        application_id = db.session.scalar(select(Application.id))
    response = client.post(
        f"/t/alpha/applications/{application_id}/decision",
        data={"decision": "reject", "reason": "不符合方向", "admitted_on": "2026-01-05"},
    )
    assert response.status_code == 302
    assert observer.decided == [("rejected", "rejected")]


def test_a_graduation_that_fails_to_render_leaves_nothing_behind(
    app,
    client,
    auth,
    world,  # noqa: F811
    monkeypatch,
):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the PDF renderer crashed")

    monkeypatch.setattr(certificate_operations, "render_certificate", broken)
    observer = Observer()
    app.extensions["incuchain"].pm.register(observer)
    auth.login("manager@alpha.cn")
    with pytest.raises(RuntimeError):
        client.post(f"/enrollments/{world['funded']}/graduate")
    with app.app_context():
        assert db.session.get(Enrollment, world["funded"]).status == "active"
    for model in (Graduation, Certificate, Referral, Notification):
        assert count(app, model) == 0, model.__name__
    assert count(app, AuditEvent, AuditEvent.action == "enrollment.graduated") == 0
    assert observer.graduated == []


def test_evidence_written_before_a_failure_is_removed(app, client, auth, world, monkeypatch):  # noqa: F811
    def broken(*_args, **_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(enrollment_operations, "_add_evidence", broken)
    with app.app_context():
        milestone_id = db.session.scalar(
            select(Milestone.id).where(Milestone.enrollment_id == world["funded"]).limit(1)
        )
    auth.login("founder@alpha.cn")
    with pytest.raises(RuntimeError):
        client.post(
            f"/milestones/{milestone_id}/update",
            data={
                "status": "in_progress",
                "progress": "10",
                "notes": "",
                "files": [(io.BytesIO(PDF), "proof.pdf")],
            },
            content_type="multipart/form-data",
        )
    uploads = Path(app.config["UPLOAD_DIR"])
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))
    assert count(app, Evidence) == 0
    assert count(app, AuditEvent, AuditEvent.action == "milestone.updated") == 0


# -- the rule itself ------------------------------------------------------------------------


def test_only_the_unit_of_work_commits():
    committing = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "commit"
            ):
                committing.append(str(path.relative_to(ROOT)))
    assert sorted(set(committing)) == ["core/unit_of_work.py"]


def test_an_operation_checks_the_actors_role_itself(app, factory, world):  # noqa: F811
    reviewer = factory.member(world["alpha"], "reviewer@alpha.cn", Role.REVIEWER)
    with app.test_request_context(method="POST"), pytest.raises(NotPermitted):
        graduation.graduate(world["funded"], db.session.get(User, reviewer.id), date.today())
    assert count(app, Graduation) == 0
