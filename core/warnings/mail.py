"""Email through the SMTP server named in the configuration (standard library only)."""

from __future__ import annotations

import smtplib
from contextlib import contextmanager
from email.message import EmailMessage

from flask import current_app


def configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


@contextmanager
def connection():
    """An open, logged-in SMTP connection from ``MAIL_*`` settings."""
    config = current_app.config
    host, port = config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25)
    timeout = int(config.get("MAIL_TIMEOUT") or 30)
    if config.get("MAIL_USE_SSL"):
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        yield smtp
    finally:
        smtp.quit()


def message(to: str, subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = current_app.config.get("MAIL_DEFAULT_SENDER") or "incuchain@localhost"
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    return msg
