"""core.mail: Flask-Mailman over SMTP when MAIL_SERVER is set, the outbox folder otherwise;
messages in the recipient's language, delivered only once the unit of work has committed."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from core import mail, unit_of_work
from tests.mailbox import body, outbox


def reminder(app, locale="zh_CN", to="li@example.cn"):
    """Queue the reminders message (no item) for ``to`` inside the current unit of work."""
    user = SimpleNamespace(name="李丽娟", email=to)
    mail.send("reminders", to=to, locale=locale, user=user, items=[], describe=None)


def test_without_a_mail_server_each_message_is_an_eml_file_in_the_outbox_and_logged(
    app, caplog, monkeypatch
):
    # A tool run earlier in the same process (import-linter) may have disabled existing loggers.
    monkeypatch.setattr(logging.getLogger("core.mail"), "disabled", False)
    caplog.set_level(logging.WARNING, logger="core.mail")
    with app.app_context():
        assert mail.uses_outbox()
        with unit_of_work.transaction():
            reminder(app)
            reminder(app, to="wang@example.cn")
    [first, second] = outbox(app)
    assert first["To"] == "li@example.cn" and second["To"] == "wang@example.cn"
    assert first["Subject"] == "孵化链预警：0 项"
    assert "李丽娟" in body(first)
    assert app.config["MAIL_OUTBOX"].endswith("instance/outbox")
    assert "No MAIL_SERVER: the message to li@example.cn" in caplog.text
    assert ".eml" in caplog.text


def test_a_message_is_written_in_the_recipients_language(app):
    with app.app_context(), unit_of_work.transaction():
        reminder(app, locale="en")
    [message] = outbox(app)
    assert message["Subject"] == "IncuChain early warnings: 0"
    assert "Dear 李丽娟," in body(message)


def test_nothing_is_sent_for_a_rolled_back_unit_of_work(app):
    with app.app_context(), pytest.raises(RuntimeError), unit_of_work.transaction():
        reminder(app)
        raise RuntimeError("the change fails after the message was queued")
    assert outbox(app) == []


def test_with_a_mail_server_messages_go_over_smtp_and_log_in(app, smtp_server):
    smtp_server.use(app)
    app.config.update(MAIL_USERNAME="incuchain", MAIL_PASSWORD="smtp secret")
    with app.app_context():
        assert not mail.uses_outbox()
        with unit_of_work.transaction():
            reminder(app)
    [message] = smtp_server.messages
    assert message["To"] == "li@example.cn"
    assert message["From"] == "incuchain@localhost"
    assert smtp_server.logins == [("incuchain", "smtp secret")]
    assert outbox(app) == []


def test_links_use_the_public_address_without_a_request(app):
    app.config["PUBLIC_URL"] = "https://incuchain.example.cn"
    with app.app_context():
        assert mail.link("auth.login") == "https://incuchain.example.cn/login"
