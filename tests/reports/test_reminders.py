"""``send-reminders``: managers and founders, in app and by email, at most once per item a day."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.auth.models import User
from core.extensions import db
from core.notifications.models import Notification
from core.tenancy.models import Role
from core.timeutil import local_today
from core.warnings.models import ReminderSent
from tests.mailbox import body, outbox
from tests.reports.support import login


@pytest.fixture
def smtp(app, smtp_server):
    """The app's mail goes to a real SMTP server on a local port."""
    smtp_server.use(app)
    return smtp_server


@pytest.fixture
def overdue(alpha, rows):
    """One startup of founder@pds.cn, past its time limit at alpha."""
    startup = rows.startup("逾期科技", name_en="Overdue Tech", founders=("founder@pds.cn",))
    rows.figures(startup, local_today().year - 1)
    return rows.enrollment(alpha, startup, due_on=local_today() - timedelta(days=1))


def notifications(app, email: str) -> list[Notification]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Notification)
                .join(User, User.id == Notification.user_id)
                .where(User.email == email)
            )
        )


def reminders(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ReminderSent))


def test_managers_and_founders_are_notified_in_the_app(app, runner, overdue):
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert "1 warnings; 2 new in-app notifications to 2 people." in result.output
    # No mail server: the emails are written to the outbox folder.
    assert "No MAIL_SERVER: 2 emails written to the outbox folder." in result.output
    assert {m["To"] for m in outbox(app)} == {"manager@alpha.cn", "founder@pds.cn"}
    for email in ("manager@alpha.cn", "founder@pds.cn"):
        [n] = notifications(app, email)
        assert n.kind == "warning.enrollment.overdue"
        assert n.link == f"/enrollments/{overdue}"
    # Neither the reviewer nor a founder of another startup hears of it.
    assert notifications(app, "reviewer@alpha.cn") == []
    assert notifications(app, "founder@alpha.cn") == []


def test_the_notification_reads_in_the_readers_language(app, runner, overdue):
    runner.invoke(args=["send-reminders"])
    page = login(app, "founder@pds.cn").get("/notifications").get_data(as_text=True)
    assert "Overdue Tech is past its time limit at alpha carrier" in page
    page = login(app, "manager@alpha.cn", "zh_CN").get("/notifications").get_data(as_text=True)
    assert "逾期科技在alpha载体的期限已于" in page


def test_a_second_run_the_same_day_sends_nothing(app, runner, smtp, overdue):
    runner.invoke(args=["send-reminders"])
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert "0 new in-app notifications to 0 people." in result.output
    assert "0 emails sent." in result.output
    assert len(notifications(app, "manager@alpha.cn")) == 1
    assert len(smtp.messages) == 2
    assert reminders(app) == 2


def test_the_next_day_reminds_again(app, runner, overdue, monkeypatch):
    runner.invoke(args=["send-reminders"])
    tomorrow = local_today() + timedelta(days=1)
    monkeypatch.setattr("core.warnings.cli.local_today", lambda: tomorrow)
    runner.invoke(args=["send-reminders"])
    assert len(notifications(app, "manager@alpha.cn")) == 2
    assert reminders(app) == 4


def test_email_lists_the_items_in_each_recipients_language(app, runner, smtp, overdue):
    app.config["PUBLIC_URL"] = "https://incuchain.example.cn"
    with app.app_context():
        db.session.scalar(select(User).where(User.email == "manager@alpha.cn")).locale = "en"
        db.session.commit()
    result = runner.invoke(args=["send-reminders"])
    assert "2 emails sent." in result.output
    by_recipient = {m["To"]: m for m in smtp.messages}
    assert set(by_recipient) == {"manager@alpha.cn", "founder@pds.cn"}
    message = by_recipient["founder@pds.cn"]
    assert message["Subject"] == "孵化链预警：1 项"
    text = body(message)
    assert "逾期科技在alpha载体的期限已于" in text
    assert "Overdue Tech" not in text
    assert f"https://incuchain.example.cn/enrollments/{overdue}" in text
    message = by_recipient["manager@alpha.cn"]
    assert message["Subject"] == "IncuChain early warnings: 1"
    assert "Overdue Tech is past its time limit at alpha carrier" in body(message)


def test_a_refused_email_is_retried_on_the_next_run_without_a_second_notification(
    app, runner, smtp, overdue
):
    smtp.refuse.add("founder@pds.cn")
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 1
    assert "Email failed: founder@pds.cn" in result.output
    assert [m["To"] for m in smtp.messages] == ["manager@alpha.cn"]
    smtp.refuse.clear()
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert [m["To"] for m in smtp.messages] == ["manager@alpha.cn", "founder@pds.cn"]
    assert len(notifications(app, "founder@pds.cn")) == 1


def test_an_unreachable_mail_server_keeps_the_in_app_notifications(app, runner, overdue):
    from tests.mailbox import free_port

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_TIMEOUT=5)
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 1
    assert "Connection refused" in result.output
    assert len(notifications(app, "manager@alpha.cn")) == 1
    assert outbox(app) == []


def test_an_item_seen_at_two_carriers_is_reminded_once_to_each_person(
    app, runner, factory, alpha, beta, rows
):
    factory.member(beta, "both@city.cn", Role.MANAGER)
    factory.member(alpha, "both@city.cn", Role.MANAGER)
    startup = rows.startup("两地企业", founders=("founder@pds.cn",))
    rows.enrollment(alpha, startup)
    rows.enrollment(beta, startup, stage="accelerator")
    result = runner.invoke(args=["send-reminders"])
    assert "2 warnings; 4 new in-app notifications to 4 people." in result.output
    for email in ("founder@pds.cn", "both@city.cn", "manager@alpha.cn", "manager@beta.cn"):
        [n] = notifications(app, email)
        assert n.kind == "warning.figures.missing"


def test_the_worker_sends_the_reminders_each_morning_once_a_day(app, smtp, overdue):
    from core.jobs import queue
    from core.warnings.schedule import DAILY_REMINDERS

    with app.app_context():
        queue.huey_of(app)
        task = app.extensions["huey_tasks"][DAILY_REMINDERS].s()
        # The queue keeps UTC: 00:00 UTC is 08:00 in China.
        assert task.validate_datetime(datetime(2026, 3, 2, 0, 0))
        assert not task.validate_datetime(datetime(2026, 3, 2, 8, 0))
        queue.run_now(DAILY_REMINDERS)
        queue.run_now(DAILY_REMINDERS)
    assert reminders(app) == 2  # the manager and the founder, once each
    assert len(smtp.messages) == 2
