"""``send-reminders``: managers and founders, in app and by email, at most once per item a day."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.auth.models import User
from core.extensions import db
from core.notifications.models import Notification
from core.tenancy.models import Role
from core.timeutil import local_today
from core.warnings.models import ReminderSent
from tests.reports.support import login


class RecordingSMTP:
    """Stands in for ``smtplib.SMTP``: keeps every message sent."""

    sent: list = []
    fail_for: set[str] = set()

    def __init__(self, host, port, timeout=None):
        self.host, self.port = host, port

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        if message["To"] in self.fail_for:
            raise smtplib.SMTPRecipientsRefused({message["To"]: (550, b"no such user")})
        RecordingSMTP.sent.append(message)

    def quit(self):
        pass


@pytest.fixture
def smtp(monkeypatch, app):
    RecordingSMTP.sent = []
    RecordingSMTP.fail_for = set()
    monkeypatch.setattr(smtplib, "SMTP", RecordingSMTP)
    app.config.update(MAIL_SERVER="smtp.example.cn", MAIL_PORT=587, MAIL_USE_TLS=True)
    return RecordingSMTP


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
    assert "No MAIL_SERVER configured: in-app notifications only" in result.output
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
    assert len(smtp.sent) == 2
    assert reminders(app) == 2


def test_the_next_day_reminds_again(app, runner, overdue, monkeypatch):
    runner.invoke(args=["send-reminders"])
    tomorrow = local_today() + timedelta(days=1)
    monkeypatch.setattr("core.warnings.cli.local_today", lambda: tomorrow)
    runner.invoke(args=["send-reminders"])
    assert len(notifications(app, "manager@alpha.cn")) == 2
    assert reminders(app) == 4


def test_email_lists_the_items_in_chinese_and_english(app, runner, smtp, overdue):
    app.config["PUBLIC_URL"] = "https://incuchain.example.cn"
    result = runner.invoke(args=["send-reminders"])
    assert "2 emails sent." in result.output
    by_recipient = {m["To"]: m for m in smtp.sent}
    assert set(by_recipient) == {"manager@alpha.cn", "founder@pds.cn"}
    message = by_recipient["founder@pds.cn"]
    assert message["Subject"] == "孵化链预警：1 项 / IncuChain early warnings: 1"
    body = message.get_content()
    assert "逾期科技在alpha载体的期限已于" in body
    assert "Overdue Tech is past its time limit at alpha carrier" in body
    assert f"https://incuchain.example.cn/enrollments/{overdue}" in body


def test_a_refused_email_is_retried_on_the_next_run_without_a_second_notification(
    app, runner, smtp, overdue
):
    smtp.fail_for = {"founder@pds.cn"}
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 1
    assert "Email failed: founder@pds.cn" in result.output
    assert [m["To"] for m in smtp.sent] == ["manager@alpha.cn"]
    smtp.fail_for = set()
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert [m["To"] for m in smtp.sent] == ["manager@alpha.cn", "founder@pds.cn"]
    assert len(notifications(app, "founder@pds.cn")) == 1


def test_an_unreachable_mail_server_keeps_the_in_app_notifications(
    app, runner, overdue, monkeypatch
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(smtplib, "SMTP", refuse)
    app.config["MAIL_SERVER"] = "smtp.example.cn"
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 1
    assert "connection refused" in result.output
    assert len(notifications(app, "manager@alpha.cn")) == 1


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
